/**
 * @module writeDataset: any DatasetSource (masked data streaming from files, synthesized tables in
 * memory) into files through the project's own format writers, one batch at a time with
 * backpressure, so memory stays constant whatever the row count. Writes a manifest like
 * generation's, so `openDataset(dir)` finds every entity and file. Failure or cancel removes
 * the files written so far.
 */
import type { TablePlan } from '../../compile/index.js';
import type { Value } from '../../expr/index.js';
import type { SchemaDoc } from '../../dsl/index.js';
import { TdmError } from '../../errors/index.js';
import {
  getFormat,
  type FormatOptions,
  type RowSinkFormat,
  type SqlDialect,
  type TextFormat,
} from '../../format/index.js';
import { TrackedFile, type FileInfo, type OutputPort } from '../../generate/index.js';
import type { ColumnInfo, DatasetSource, EntitySource } from '../../quality/read/index.js';
import { ENGINE_VERSION } from '../../version.js';
import { encoderPlan, rowConverter, type WriteFormat } from './cells.js';
import { planTables } from './plan.js';
import { withReferences, type WriteReference } from './references.js';

export const WRITE_FORMATS: readonly WriteFormat[] = ['csv', 'json', 'ndjson', 'parquet', 'sql'];

export interface WriteDatasetOptions {
  /** Where files go: the CLI passes a directory, the platform a blob store. */
  output: OutputPort;
  /** Output format (default csv). */
  format?: WriteFormat;
  /** Gzip every data file (not with parquet, which compresses its own pages). */
  gzip?: boolean;
  /** SQL dialect (sql format; default postgres). */
  dialect?: SqlDialect;
  /** A DSL schema of the data: primary keys, uniques, references and NOT NULL for SQL and Parquet. */
  schema?: SchemaDoc;
  /** Child columns referencing parent keys: SQL gets the keys and foreign keys, parents first. */
  references?: WriteReference[];
  /** Dataset name in the manifest (default "dataset"). */
  name?: string;
  /** What made the data, recorded in the manifest (e.g. "synthesize", "mask"). */
  producedBy?: string;
  /** Recorded in the manifest when the data came from a seeded process. */
  seed?: number;
  /** Write manifest.json (default true). */
  manifest?: boolean;
  signal?: AbortSignal;
  /** Called after each batch with the rows written so far. */
  onProgress?: (rowsWritten: number) => void;
}

/** A file written: its entity (null for shared files: schema.sql, data.sql, manifest.json). */
export interface WrittenFile extends FileInfo {
  entity: string | null;
  /** Rows the file holds: data.sql holds every entity's, schema.sql and manifest.json none. */
  rows: number;
}

/** manifest.json of written data: what openDataset reads, plus the column types as written. */
export interface WrittenManifest {
  generator: 'tdm';
  engineVersion: string;
  name: string;
  producedBy?: string;
  seed?: number;
  format: WriteFormat;
  dialect?: SqlDialect;
  gzip: boolean;
  totalRows: number;
  entities: Record<string, { rows: number; files: FileInfo[]; columns: ColumnInfo[] }>;
  files: FileInfo[];
}

function checkOptions(o: WriteDatasetOptions): WriteFormat {
  const format = o.format ?? 'csv';
  if (!WRITE_FORMATS.includes(format)) {
    throw new TdmError('FORMAT_UNSUPPORTED', `cannot write "${String(format)}" here`, {
      suggestedActions: [`Use one of: ${WRITE_FORMATS.join(', ')}.`],
    });
  }
  if (o.gzip && format === 'parquet') {
    throw new TdmError('FORMAT_OPTION_INVALID', 'gzip does not apply to parquet', {
      suggestedActions: ['Drop --gzip: parquet files are compressed page by page already.'],
    });
  }
  if (o.dialect && format !== 'sql') {
    throw new TdmError('FORMAT_OPTION_INVALID', `a SQL dialect does not apply to ${format}`, {
      suggestedActions: ['Drop the dialect, or write --format sql.'],
    });
  }
  return format;
}

/**
 * Writes every entity of `source` (one file per entity; sql: schema.sql + data.sql) and
 * manifest.json. Resolves with the files written.
 *
 * @example
 * const files = await writeDataset(memoryDataset(tables), { output: directoryOutput('out'), format: 'parquet' });
 */
export async function writeDataset(
  source: DatasetSource,
  options: WriteDatasetOptions,
): Promise<WrittenFile[]> {
  const format = checkOptions(options);
  const plans = withReferences(planTables(source.entities, options.schema), options.references ?? []);
  const byName = new Map(source.entities.map((e) => [e.name, e]));
  const run = new WriteRun(options, format);
  try {
    return await run.execute(plans, byName);
  } catch (e) {
    await run.cleanup();
    if (e instanceof Error && e.name === 'AbortError') {
      throw new TdmError('GENERATION_CANCELLED', 'writing was cancelled; partial files were removed', {
        cause: e,
      });
    }
    throw e;
  }
}

class WriteRun {
  private readonly created: string[] = [];
  private readonly gzip: boolean;
  private readonly formatOptions: FormatOptions;
  private rowsDone = 0;

  constructor(
    private readonly options: WriteDatasetOptions,
    private readonly format: WriteFormat,
  ) {
    this.gzip = options.gzip === true;
    this.formatOptions = options.dialect ? { dialect: options.dialect } : {};
  }

  async execute(plans: TablePlan[], byName: Map<string, EntitySource>): Promise<WrittenFile[]> {
    const fmt = getFormat(this.format);
    const suffix = this.gzip ? '.gz' : '';
    const written: WrittenFile[] = [];
    const entities: WrittenManifest['entities'] = {};
    const shared: FileInfo[] = [];
    const encoderPlans = plans.map((p) => encoderPlan(this.format, p));
    if (fmt.kind === 'text' && fmt.singleFile) {
      for (const extra of fmt.extraFiles?.(encoderPlans, this.formatOptions) ?? []) {
        const f = await this.open(extra.name + suffix);
        await f.write(extra.content);
        shared.push(await f.close());
      }
      const f = await this.open(`data.${fmt.extension}${suffix}`);
      await f.write(fmt.preamble?.(encoderPlans, this.formatOptions) ?? '');
      for (const plan of encoderPlans) {
        const e = byName.get(plan.name) as EntitySource;
        const rows = await this.writeText(fmt, plan, encoderPlans, e, f);
        entities[plan.name] = { rows, files: [], columns: e.columns };
      }
      await f.write(fmt.postamble?.(encoderPlans, this.formatOptions) ?? '');
      const data = await f.close();
      shared.push(data);
      const total = Object.values(entities).reduce((n, e) => n + e.rows, 0);
      written.push(...shared.map((s) => ({ ...s, entity: null, rows: s === data ? total : 0 })));
    } else {
      for (const plan of encoderPlans) {
        const e = byName.get(plan.name) as EntitySource;
        const f = await this.open(`${plan.name}.${fmt.extension}${suffix}`);
        const rows =
          fmt.kind === 'text'
            ? await this.writeText(fmt, plan, encoderPlans, e, f)
            : await this.writeRows(fmt, plan, e, f);
        const info = await f.close();
        entities[plan.name] = { rows, files: [info], columns: e.columns };
        written.push({ ...info, entity: plan.name, rows });
      }
    }
    if (this.options.manifest !== false) {
      const manifest = this.manifest(entities, shared);
      const f = await this.open('manifest.json', false);
      await f.write(JSON.stringify(manifest, null, 2) + '\n');
      written.push({ ...(await f.close()), entity: null, rows: 0 });
    }
    return written;
  }

  private manifest(entities: WrittenManifest['entities'], files: FileInfo[]): WrittenManifest {
    const o = this.options;
    return {
      generator: 'tdm',
      engineVersion: ENGINE_VERSION,
      name: o.name ?? 'dataset',
      ...(o.producedBy ? { producedBy: o.producedBy } : {}),
      ...(o.seed !== undefined ? { seed: o.seed } : {}),
      format: this.format,
      ...(this.format === 'sql' ? { dialect: o.dialect ?? 'postgres' } : {}),
      gzip: this.gzip,
      totalRows: Object.values(entities).reduce((s, e) => s + e.rows, 0),
      entities,
      files,
    };
  }

  private async open(name: string, gzip = this.gzip): Promise<TrackedFile> {
    this.created.push(name);
    try {
      return new TrackedFile(name, await this.options.output.create(name), gzip);
    } catch (e) {
      throw new TdmError('GENERATION_OUTPUT_FAILED', `cannot create ${name}: ${(e as Error).message}`, {
        cause: e,
      });
    }
  }

  /** Batches of converted rows, pulled one at a time (the writer's pace is the reader's). */
  private async *converted(plan: TablePlan, e: EntitySource) {
    const convert = rowConverter(this.format, plan.name, e.columns);
    const signal = this.options.signal;
    for await (const batch of e.batches(signal)) {
      signal?.throwIfAborted();
      yield batch.map(convert);
    }
  }

  private progress(rows: number): void {
    this.rowsDone += rows;
    this.options.onProgress?.(this.rowsDone);
  }

  /**
   * Encoders may depend on the table's row count (a SQL INSERT closes its statement at the last
   * row), which a stream does not know until it ends. Encoders are pure functions of (row, index),
   * so each row is encoded one row late: every row but the last with an encoder of unbounded
   * count, the last one, and the footer, with the encoder of the count reached.
   */
  private async writeText(
    fmt: TextFormat,
    plan: TablePlan,
    plans: readonly TablePlan[],
    e: EntitySource,
    f: TrackedFile,
  ): Promise<number> {
    const encoderFor = (rowCount: number) => fmt.encoder({ ...plan, rowCount }, this.formatOptions, plans);
    const open = encoderFor(Number.MAX_SAFE_INTEGER);
    await f.write(open.header());
    let index = 0;
    let held: Value[] | null = null;
    for await (const rows of this.converted(plan, e)) {
      let text = '';
      for (const row of rows) {
        if (held) text += open.row(held, index++);
        held = row;
      }
      await f.write(text);
      this.progress(rows.length);
    }
    const count = held ? index + 1 : index;
    const close = encoderFor(count);
    await f.write((held ? close.row(held, index) : '') + close.footer());
    return count;
  }

  private async writeRows(
    fmt: RowSinkFormat,
    plan: TablePlan,
    e: EntitySource,
    f: TrackedFile,
  ): Promise<number> {
    const sink = fmt.open(plan, this.formatOptions, f);
    let count = 0;
    for await (const rows of this.converted(plan, e)) {
      await sink.writeRows(rows);
      count += rows.length;
      this.progress(rows.length);
    }
    await sink.close();
    return count;
  }

  async cleanup(): Promise<void> {
    for (const name of this.created) {
      try {
        await this.options.output.remove(name);
      } catch {
        // Best effort: a file that was never created cannot be removed.
      }
    }
  }
}
