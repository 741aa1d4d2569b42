/**
 * @module One table's synthesizer: which columns are modelled (attributes, the missingness of PII
 * columns, hidden children-per-parent counts) and which are made otherwise (keys, PII values,
 * foreign keys), the fitted row model, and sampling rows through the privacy filter.
 */
import { TdmError } from '../../errors/index.js';
import type { CellValue, ColumnType } from '../../quality/read/index.js';
import { Rng, streamSeed } from '../../random/index.js';
import type { SampleTable } from '../table.js';
import type { PiiKind } from '../types.js';
import { ColumnCodec } from './codec.js';
import { fitCopula } from './copula.js';
import type { SynthesisMethod } from './options.js';
import { PrivacyFilter } from './privacy.js';
import { fitSequential, type RowModel } from './sequential.js';

/** How each column of a table is made. */
export interface TableRoles {
  pii: Map<string, PiiKind>;
  keys: Set<string>;
  foreignKeys: Set<string>;
  /** Extra modelled integer columns: children per row for each relationship to a child table. */
  hidden: { name: string; values: number[] }[];
}

export interface ModelledColumn {
  codec: ColumnCodec;
  /** The table column it stands for (-1 for hidden and context columns); PII columns model presence only. */
  column: number;
  role: 'attribute' | 'presence' | 'hidden' | 'context';
}

export interface FittedTable {
  table: SampleTable;
  roles: TableRoles;
  columns: ModelledColumn[];
  model: RowModel;
  filter: PrivacyFilter | undefined;
}

export interface TableFitOptions {
  method: SynthesisMethod;
  seed: number;
  /** The privacy filter's threshold, or `'auto'` (see SynthesisOptions.privacy). */
  minDistance: number | 'auto';
  /**
   * Sequential method only: the parent's attributes aligned with this table's rows (null where a
   * row has no parent). They condition every column and are set, per synthetic row, from its
   * synthetic parent (see SampleRowsOptions.prefill).
   */
  context?: { name: string; type: ColumnType; values: CellValue[] }[];
}

/** Builds the codecs and fits the model of one table. */
export function fitTable(table: SampleTable, roles: TableRoles, o: TableFitOptions): FittedTable {
  const columns: ModelledColumn[] = [];
  table.columns.forEach((c, i) => {
    if (roles.keys.has(c.name) || roles.foreignKeys.has(c.name)) return;
    if (roles.pii.has(c.name)) {
      const present: CellValue[] = c.values.map((v) => (v === null ? null : true));
      columns.push({ codec: new ColumnCodec(c.name, 'boolean', present), column: i, role: 'presence' });
    } else columns.push({ codec: new ColumnCodec(c.name, c.type, c.values), column: i, role: 'attribute' });
  });
  for (const h of roles.hidden) {
    columns.push({ codec: new ColumnCodec(h.name, 'integer', h.values), column: -1, role: 'hidden' });
  }
  const given: number[] = [];
  for (const c of o.method === 'sequential' ? (o.context ?? []) : []) {
    given.push(columns.length);
    columns.push({ codec: new ColumnCodec(c.name, c.type, c.values), column: -1, role: 'context' });
  }
  const codecs = columns.map((m) => m.codec);
  const n = table.rows;
  const model =
    o.method === 'copula'
      ? fitCopula(codecs, n, streamSeed(o.seed, `${table.name}:copula`))
      : fitSequential(codecs, n, { maxDepth: o.method === 'independent' ? 0 : 24, given });
  const checked = columns.flatMap((m, i) => (m.role === 'attribute' ? [i] : []));
  const exact = roles.keys.size === 0 && roles.foreignKeys.size === 0;
  const filter =
    checked.length > 0 && (exact || o.minDistance === 'auto' || o.minDistance > 0)
      ? new PrivacyFilter(codecs, checked, n, o.minDistance, exact)
      : undefined;
  return { table, roles, columns, model, filter };
}

/** Sampled internal values: one array per modelled column. */
export type SampledColumns = Float64Array[];

export interface SampleRowsOptions {
  seed: number;
  maxAttempts: number;
  signal?: AbortSignal | undefined;
  /** Sets the context columns of row `r` (its parent's attributes) before each draw. */
  prefill?: ((r: number, row: Float64Array) => void) | undefined;
}

/** Widest spread (distinct values either side) tried on a too-close row before it is redrawn. */
const MAX_SPREAD = 8;

/** The random stream of a table's rows. */
export const rowStream = (fitted: FittedTable, seed: number): number =>
  streamSeed(seed, `${fitted.table.name}:rows`);

/**
 * Draws row `r` into `row` with attempts `from`, `from + 1`, ... until the privacy filter and
 * `accept` take it; SYNTH_PRIVACY_FILTER_EXHAUSTED after `o.maxAttempts` attempts. Returns the
 * number of rejected draws.
 */
export function drawAccepted(
  fitted: FittedTable,
  r: number,
  from: number,
  row: Float64Array,
  o: SampleRowsOptions,
  accept: (row: Float64Array) => boolean = () => true,
): number {
  const rng = new Rng();
  const stream = rowStream(fitted, o.seed);
  const filter = fitted.filter;
  // With a derived threshold, the farthest draw that was only too close stands in if none passes.
  let fallback: Float64Array | undefined;
  let farthest = -1;
  for (let attempt = from; attempt < from + o.maxAttempts; attempt++) {
    rng.seed(stream, r, attempt);
    o.prefill?.(r, row);
    fitted.model.drawRow(rng, row);
    let verdict = filter ? filter.verdict(row) : 'accepted';
    // Too close: first spread the row's numbers wider around the same real values.
    for (let w = 2; verdict === 'tooClose' && w <= MAX_SPREAD && fitted.model.spread?.(rng, row, w); w *= 2) {
      verdict = filter!.verdict(row);
    }
    if (verdict === 'accepted' && accept(row)) return attempt - from;
    if (verdict === 'tooClose' && filter!.auto && filter!.lastNearest > farthest && accept(row)) {
      farthest = filter!.lastNearest;
      (fallback ??= new Float64Array(row.length)).set(row);
    }
  }
  if (fallback) {
    row.set(fallback);
    accept(row); // true again: it was for this row; callers may record the row in it
    return o.maxAttempts;
  }
  throw new TdmError(
    'SYNTH_PRIVACY_FILTER_EXHAUSTED',
    `table "${fitted.table.name}": row ${r} was still equal or too close to a real row after ${o.maxAttempts} draws`,
    { details: { table: fitted.table.name, row: r, attempts: o.maxAttempts } },
  );
}

/** Draws `rows` rows, each redrawn until the privacy filter accepts it. */
export function sampleRows(
  fitted: FittedTable,
  rows: number,
  o: SampleRowsOptions,
): { columns: SampledColumns; rejected: number } {
  const k = fitted.columns.length;
  const out = fitted.columns.map(() => new Float64Array(rows));
  const row = new Float64Array(k);
  let rejected = 0;
  fitted.model.reset();
  for (let r = 0; r < rows; r++) {
    if ((r & 1023) === 0 && o.signal?.aborted) {
      throw new TdmError('GENERATION_CANCELLED', `synthesis of "${fitted.table.name}" was cancelled`);
    }
    rejected += drawAccepted(fitted, r, 0, row, o);
    for (let c = 0; c < k; c++) out[c]![r] = row[c]!;
  }
  return { columns: out, rejected };
}

/** The cells of a modelled attribute column. */
export function cellsOf(codec: ColumnCodec, values: Float64Array): CellValue[] {
  return Array.from(values, (v) => codec.cell(v));
}

/** The type of a table column by name. */
export const typeOf = (table: SampleTable, name: string): ColumnType =>
  table.columns.find((c) => c.name === name)?.type ?? 'string';
