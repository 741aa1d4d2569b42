/**
 * @module One entity's files -> an EntitySource: column names (header, keys or Parquet schema),
 * column types (the schema's, else inferred from a sample), and typed row batches.
 */
import { TdmError } from '../../errors/index.js';
import { valueConverter, type ColumnReading } from './cells.js';
import { csvRecords, csvTypedRowsOf, headText, looksLikeHeader, sniffDelimiter } from './csv-read.js';
import { typedPlan } from './csv-typed.js';
import type { DatasetFiles } from './files.js';
import { textChunks } from './text-chunks.js';
import { malformed, mismatch } from './errors.js';
import { inferTextColumns, inferValueColumns } from './infer-columns.js';
import { jsonArrayObjects, ndjsonObjects } from './json-read.js';
import { parquetRows, parquetTable } from './parquet-read.js';
import type { CellValue, ColumnInfo, ColumnType, DatasetFormat, EntitySource, TextLayout } from './types.js';

export interface EntityPlan {
  name: string;
  files: string[];
  format: DatasetFormat;
  /** Declared columns (from a schema): names and types; the file must have exactly these. */
  declared?: { name: string; type: ColumnType }[];
  sampleRows: number;
  /** Where the bytes come from when not local files (the server's sealed blobs); text formats only. */
  access?: DatasetFiles;
}

type Batches = (signal?: AbortSignal) => AsyncIterable<CellValue[][]>;

/** Most columns an entity may have (a bound on per-row memory for hostile files). */
export const MAX_COLUMNS = 10_000;

export async function openEntity(plan: EntityPlan): Promise<EntitySource> {
  const { columns, batches, layout }: { columns: ColumnInfo[]; batches: Batches; layout?: TextLayout } =
    plan.format === 'csv' || plan.format === 'tsv'
      ? await openText(plan)
      : plan.format === 'parquet'
        ? await openParquet(plan)
        : await openObjects(plan);
  if (columns.length > MAX_COLUMNS) {
    throw malformed(plan.files[0] ?? plan.name, 1, `${columns.length} columns, more than ${MAX_COLUMNS}`);
  }
  return {
    name: plan.name,
    file: plan.files[0] ?? '',
    files: plan.files,
    format: plan.format,
    columns,
    batches,
    rows: (signal) => rowsOf(batches, signal),
    ...(layout ? { layout } : {}),
  };
}

/**
 * Rows one at a time from the batches. A hand-made iterator instead of `yield*`: an async
 * generator costs several promise hops per row, this one a single resolved promise.
 */
function rowsOf(batches: Batches, signal?: AbortSignal): AsyncIterable<CellValue[]> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<CellValue[]> {
      const source = batches(signal)[Symbol.asyncIterator]();
      let batch: CellValue[][] = [];
      let i = 0;
      const pull = async (): Promise<IteratorResult<CellValue[]>> => {
        for (;;) {
          const r = await source.next();
          if (r.done) return { done: true, value: undefined };
          batch = r.value;
          i = 0;
          if (batch.length > 0) return { done: false, value: batch[i++]! };
        }
      };
      return {
        next: () => (i < batch.length ? Promise.resolve({ done: false, value: batch[i++]! }) : pull()),
        return: async () => {
          await source.return?.();
          return { done: true, value: undefined };
        },
      };
    },
  };
}

/** Checks the file's column names against the declared ones; returns readings in file order. */
function readingsFor(
  plan: EntityPlan,
  names: string[],
  inferred: ColumnReading[],
): { columns: ColumnInfo[]; readings: ColumnReading[] } {
  if (!plan.declared) {
    return { columns: names.map((name, i) => ({ name, type: inferred[i]!.type })), readings: inferred };
  }
  const want = new Map(plan.declared.map((c) => [c.name, c.type]));
  const missing = plan.declared.map((c) => c.name).filter((n) => !names.includes(n));
  const extra = names.filter((n) => !want.has(n));
  if (missing.length || extra.length) {
    const parts = [
      missing.length ? `missing ${missing.map((n) => `"${n}"`).join(', ')}` : '',
      extra.length ? `not in the schema ${extra.map((n) => `"${n}"`).join(', ')}` : '',
    ].filter(Boolean);
    throw mismatch(
      plan.files[0] ?? plan.name,
      `columns do not match entity "${plan.name}": ${parts.join('; ')}`,
      {
        entity: plan.name,
        missing,
        extra,
      },
    );
  }
  const readings = names.map((n, i): ColumnReading => {
    const type = want.get(n)!;
    const sampled = inferred[i];
    const dateForm = sampled?.type === type ? sampled.dateForm : undefined;
    return { type, nullTokensInStrings: false, ...(dateForm ? { dateForm } : {}) };
  });
  return { columns: names.map((name, i) => ({ name, type: readings[i]!.type })), readings };
}

/** Unique, non-empty column names (empty -> column_N, repeats -> name_2). */
function columnNames(raw: readonly (string | null)[]): string[] {
  const seen = new Set<string>();
  return raw.map((r, i) => {
    let name = r === null || r.trim() === '' ? `column_${i + 1}` : r;
    for (let k = 2; seen.has(name); k++) name = `${r ?? 'column'}_${k}`;
    seen.add(name);
    return name;
  });
}

async function openText(
  plan: EntityPlan,
): Promise<{ columns: ColumnInfo[]; batches: Batches; layout?: TextLayout }> {
  const first = plan.files[0]!;
  const delimiter =
    plan.format === 'tsv' ? '\t' : sniffDelimiter(await headText(first, 1 << 16, plan.access));
  const sample: (string | null)[][] = [];
  for await (const batch of csvRecords(first, { delimiter }, undefined, plan.access)) {
    for (const r of batch) if (sample.length <= plan.sampleRows) sample.push(r);
    if (sample.length > plan.sampleRows) break;
  }
  const top = sample[0] ?? [];
  const header =
    top.length > 0 &&
    (looksLikeHeader(top) ||
      (plan.declared !== undefined &&
        top.every((c) => c !== null && plan.declared!.some((d) => d.name === c))));
  if (plan.declared && top.length > 0 && !header) {
    throw mismatch(first, `the first line is not a header naming the fields of "${plan.name}"`, {
      entity: plan.name,
    });
  }
  const names = header ? columnNames(top) : top.map((_c, i) => `column_${i + 1}`);
  const body = header ? sample.slice(1) : sample;
  const { columns, readings } =
    top.length === 0 && plan.declared
      ? { columns: plan.declared, readings: [] }
      : readingsFor(plan, names, inferTextColumns(names.length, body));
  const typed = typedPlan(readings);
  async function* batches(signal?: AbortSignal): AsyncGenerator<CellValue[][]> {
    for (const file of plan.files) {
      yield* csvTypedRowsOf(file, textChunks(file, signal, plan.access), { delimiter, header }, typed);
    }
  }
  const local = !plan.access && readings.length > 0 && plan.files.every((f) => !/\.gz$/i.test(f));
  return { columns, batches, ...(local ? { layout: { delimiter, header, readings } } : {}) };
}

async function openObjects(plan: EntityPlan): Promise<{ columns: ColumnInfo[]; batches: Batches }> {
  const read = plan.format === 'json' ? jsonArrayObjects : ndjsonObjects;
  const sample: Record<string, unknown>[] = [];
  for await (const batch of read(plan.files[0]!, undefined, plan.access)) {
    for (const o of batch) if (sample.length < plan.sampleRows) sample.push(o);
    if (sample.length >= plan.sampleRows) break;
  }
  const keys = new Set<string>();
  for (const o of sample) for (const k of Object.keys(o)) keys.add(k);
  // Declared fields absent from every sampled object are reported missing, not guessed.
  const names = [...keys];
  const inferred = inferValueColumns(
    names.length,
    sample.map((o) => names.map((k) => o[k])),
  );
  const { columns, readings } =
    sample.length === 0 && plan.declared
      ? {
          columns: plan.declared,
          readings: plan.declared.map((d) => ({ type: d.type, nullTokensInStrings: false })),
        }
      : readingsFor(plan, names, inferred);
  const convert = readings.map(valueConverter);
  const cols = columns.map((c) => c.name);
  const width = cols.length;
  // A row without "constructor" must not read Object.prototype's: such names check ownership.
  const inherited = cols.map((c) => c in Object.prototype);
  async function* batches(signal?: AbortSignal): AsyncGenerator<CellValue[][]> {
    for (const file of plan.files) {
      let seen = 0;
      for await (const batch of read(file, signal, plan.access)) {
        const out: CellValue[][] = new Array(batch.length);
        for (let r = 0; r < batch.length; r++) {
          const o = batch[r]!;
          const row: CellValue[] = new Array(width);
          try {
            for (let i = 0; i < width; i++) {
              const k = cols[i]!;
              row[i] = convert[i]!(inherited[i] && !Object.hasOwn(o, k) ? null : o[k]);
            }
          } catch (e) {
            // NDJSON lines are parsed without a depth limit (V8 parses deep JSON iteratively);
            // writing a too-deep value back as JSON text overflows the stack: a coded error.
            if (!(e instanceof RangeError)) throw e;
            throw malformed(file, seen + r + 1, `row ${seen + r + 1} nests too deep to read as a JSON cell`);
          }
          out[r] = row;
        }
        seen += batch.length;
        yield out;
      }
    }
  }
  return { columns, batches };
}

async function openParquet(plan: EntityPlan): Promise<{ columns: ColumnInfo[]; batches: Batches }> {
  const first = plan.files[0]!;
  if (plan.access) {
    throw new TdmError(
      'DATASET_FORMAT_UNSUPPORTED',
      `${first}: Parquet needs random access, which this source has not`,
      {
        suggestedActions: ['Check the data as CSV or NDJSON.'],
        details: { file: first, format: 'parquet' },
      },
    );
  }
  const table = await parquetTable(first);
  let sample: unknown[][] = [];
  for await (const batch of parquetRows(first)) {
    sample = batch.slice(0, plan.sampleRows);
    break;
  }
  const inferred = inferValueColumns(table.names.length, sample).map((r, i): ColumnReading =>
    table.declared[i] ? { type: table.declared[i], nullTokensInStrings: false } : r,
  );
  const { columns, readings } = readingsFor(plan, table.names, inferred);
  const convert = readings.map(valueConverter);
  const width = convert.length;
  async function* batches(signal?: AbortSignal): AsyncGenerator<CellValue[][]> {
    for (const file of plan.files) {
      for await (const batch of parquetRows(file, signal)) {
        for (const row of batch) for (let i = 0; i < width; i++) row[i] = convert[i]!(row[i]);
        yield batch as CellValue[][];
      }
    }
  }
  return { columns, batches };
}
