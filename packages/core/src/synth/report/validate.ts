/**
 * @module `validateSyntheticQuality`: scores generated (synthetic or masked) tables against the
 * real sample they came from, fidelity in the style of SDMetrics' Quality Report and privacy as
 * exact copies, distance to closest record, PII replay and achieved k. Metric definitions live in
 * schema.ts; what cannot be measured (a missing table or column) becomes a note, never an error.
 */
import { TdmError } from '../../errors/index.js';
import type { SampleColumn, SampleTable } from '../table.js';
import type { PiiColumn } from '../types.js';
import { alignTables, type AlignedTable, type ColumnRef } from './align.js';
import { meanAssociationError, pairTrends } from './pairs.js';
import { cellsChanged, distanceToClosest, exactCopies, kAnonymity, piiReplay } from './privacy.js';
import type { PairTrend, PiiReplay, SyntheticQualityReport, SyntheticTableReport } from './schema.js';
import { columnShape } from './shapes.js';

/** Default number of data rows (and baseline rows) whose closest record is searched. */
export const DEFAULT_DCR_SAMPLE_ROWS = 2000;

export interface SyntheticQualityOptions {
  /** Real rows withheld from the synthesizer: the DCR baseline (else leave-one-out on `real`). */
  holdout?: SampleTable[];
  /** `masked`: data rows align one-to-one with real rows (adds cells changed, own-record DCR). */
  kind?: 'synthetic' | 'masked';
  /** Per table, the quasi-identifier columns whose achieved k is reported. */
  quasiIdentifiers?: Record<string, string[]>;
  /**
   * PII columns: replay is measured on them, fidelity skips them (except declared
   * quasi-identifiers, scored so that generalizing them shows as lost fidelity).
   */
  pii?: PiiColumn[];
  /** Primary-key columns (and any other key): fidelity skips them (`skipped: key`). */
  keys?: ColumnRef[];
  /** Foreign keys (child column -> parent column): both ends are skipped by fidelity as keys. */
  foreignKeys?: { from: ColumnRef; to: ColumnRef }[];
  /** Target for the overall score, in [0, 1]: the report says whether it passed. */
  statisticalAccuracy?: number;
  /** Data rows sampled for DCR (default 2,000). */
  dcrSampleRows?: number;
  /** Seed of the DCR samples (default 0). */
  seed?: number;
}

function invalid(message: string, action: string): TdmError {
  return new TdmError('SYNTH_OPTIONS_INVALID', message, { suggestedActions: [action] });
}

function checkOptions(o: SyntheticQualityOptions): void {
  if (o.kind !== undefined && o.kind !== 'synthetic' && o.kind !== 'masked') {
    throw invalid(
      `kind must be "synthetic" or "masked", got ${JSON.stringify(o.kind)}`,
      'Pass kind "synthetic" or "masked".',
    );
  }
  const acc = o.statisticalAccuracy;
  if (acc !== undefined && !(acc >= 0 && acc <= 1)) {
    throw invalid(`statisticalAccuracy must be in [0, 1], got ${acc}`, 'Pass a target such as 0.85.');
  }
  const dcr = o.dcrSampleRows;
  if (dcr !== undefined && !(Number.isInteger(dcr) && dcr >= 1)) {
    throw invalid(`dcrSampleRows must be a positive integer, got ${dcr}`, 'Pass a row count such as 2000.');
  }
  if (o.seed !== undefined && !Number.isInteger(o.seed)) {
    throw invalid(`seed must be an integer, got ${o.seed}`, 'Pass an integer seed.');
  }
}

const mean = (xs: readonly number[]): number | null =>
  xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null;
const present = (xs: readonly (number | null)[]): number[] => xs.filter((x): x is number => x !== null);

/** The columns of `t` named like `like`'s, in that order; undefined if one is missing. */
function project(t: SampleTable, like: SampleTable): SampleTable | undefined {
  const byName = new Map(t.columns.map((c) => [c.name, c]));
  const columns = like.columns.map((c) => byName.get(c.name));
  return columns.every((c) => c !== undefined) ? { ...t, columns: columns as SampleColumn[] } : undefined;
}

function tableReport(
  a: AlignedTable,
  options: SyntheticQualityOptions,
  index: number,
  notes: string[],
): { report: SyntheticTableReport; pairs: PairTrend[] } {
  const { real, data } = a.compared;
  const columns = real.columns.map((c, i) => columnShape(c, data.columns[i]!));
  const pairs = pairTrends(real, data);
  const shapes = mean(columns.map((c) => c.score));
  const trends = mean(pairs.map((p) => p.score));
  const assoc = meanAssociationError(pairs);
  const masked = options.kind === 'masked';
  if (a.missingColumns.length)
    notes.push(`${a.name}: the data lacks column(s) ${a.missingColumns.join(', ')}`);
  if (masked && a.real.rows !== a.data.rows) {
    notes.push(
      `${a.name}: masked data has ${a.data.rows} rows for ${a.real.rows} real rows; rows compared by position`,
    );
  }

  let dcr: SyntheticTableReport['dcr'] = null;
  if (real.columns.length && real.rows > 0) {
    const held = options.holdout?.find((t) => t.name === a.name);
    const holdout = held && project(held, real);
    if (!options.holdout)
      notes.push(`${a.name}: no holdout given; the DCR baseline is leave-one-out on the real rows`);
    else if (!holdout)
      notes.push(`${a.name}: no holdout table with its columns; the DCR baseline is leave-one-out`);
    dcr = distanceToClosest(real, data, {
      sampleRows: options.dcrSampleRows ?? DEFAULT_DCR_SAMPLE_ROWS,
      seed: (options.seed ?? 0) + index * 2,
      masked,
      ...(holdout ? { holdout } : {}),
    });
    if (dcr.baseline.rows > 0 && dcr.baseline.p5 === 0) {
      notes.push(
        `${a.name}: the DCR baseline's 5th percentile is 0 (${dcr.baselineKind} rows repeat real rows), so closerThanBaselineP5 cannot flag memorized rows; compare the zero-distance shares instead`,
      );
    }
  }

  let k: SyntheticTableReport['kAnonymity'] = null;
  const qi = options.quasiIdentifiers?.[a.name];
  if (qi) {
    const cols = qi.map((n) => a.data.columns.find((c) => c.name === n));
    const lacking = qi.filter((_, i) => !cols[i]);
    if (lacking.length)
      notes.push(`${a.name}: quasi-identifier(s) ${lacking.join(', ')} not in the data; k not computed`);
    else k = kAnonymity(a.data, cols as SampleColumn[]);
  }

  const report: SyntheticTableReport = {
    table: a.name,
    realRows: a.real.rows,
    dataRows: a.data.rows,
    missingColumns: a.missingColumns,
    extraColumns: a.extraColumns,
    skippedColumns: a.skipped,
    columnShapes: shapes,
    pairTrends: trends,
    score: mean(present([shapes, trends])),
    associationError: assoc.error,
    associationPairs: assoc.pairs,
    columns,
    pairs,
    exactCopies: exactCopies(a.shared.real, a.shared.data),
    dcr,
    kAnonymity: k,
    cellsChanged: masked ? cellsChanged(a.shared.real, a.shared.data) : null,
  };
  return { report, pairs };
}

function piiReplays(
  tables: readonly AlignedTable[],
  pii: readonly PiiColumn[],
  notes: string[],
): PiiReplay[] {
  const out: PiiReplay[] = [];
  for (const p of pii) {
    const t = tables.find((x) => x.name === p.table);
    const real = t?.real.columns.find((c) => c.name === p.column);
    const data = t?.data.columns.find((c) => c.name === p.column);
    if (real && data) out.push(piiReplay(real, data, p));
    else
      notes.push(
        `PII column ${p.table}.${p.column} is not in both the real and the data table; replay not measured`,
      );
  }
  return out;
}

/**
 * Scores `data` (synthetic or masked tables) against the `real` tables they came from.
 *
 * @example
 * const { train, holdout } = splitHoldout(sample, 0.2, 1);
 * const report = validateSyntheticQuality(train, synthetic, { holdout, statisticalAccuracy: 0.85 });
 * report.score; // overall fidelity in [0, 1]
 * report.tables[0].dcr?.closerThanBaselineP5; // ~0.05 when no real row was memorized
 */
export function validateSyntheticQuality(
  real: SampleTable[],
  data: SampleTable[],
  options: SyntheticQualityOptions = {},
): SyntheticQualityReport {
  checkOptions(options);
  const notes: string[] = [];
  const aligned = alignTables(real, data, {
    pii: options.pii ?? [],
    keys: [...(options.keys ?? []), ...(options.foreignKeys ?? []).flatMap((f) => [f.from, f.to])],
    quasiIdentifiers: options.quasiIdentifiers ?? {},
  });
  if (aligned.missingTables.length) notes.push(`the data lacks table(s) ${aligned.missingTables.join(', ')}`);
  const results = aligned.tables.map((a, i) => tableReport(a, options, i, notes));
  const tables = results.map((r) => r.report);
  for (const name of Object.keys(options.quasiIdentifiers ?? {})) {
    if (!aligned.tables.some((t) => t.name === name))
      notes.push(`quasi-identifiers given for unknown table ${name}`);
  }
  const pii = piiReplays(aligned.tables, options.pii ?? [], notes);
  const columnShapes = mean(present(tables.map((t) => t.columnShapes)));
  const pairTrendsScore = mean(present(tables.map((t) => t.pairTrends)));
  const score = mean(present([columnShapes, pairTrendsScore]));
  const dataRows = tables.reduce((s, t) => s + t.dataRows, 0);
  const values = pii.reduce((s, p) => s + p.values, 0);
  const acc = options.statisticalAccuracy;
  return {
    kind: options.kind ?? 'synthetic',
    score,
    columnShapes,
    pairTrends: pairTrendsScore,
    associationError: meanAssociationError(results.flatMap((r) => r.pairs)).error,
    target: acc === undefined ? null : { statisticalAccuracy: acc, passed: score !== null && score >= acc },
    exactCopyRate: dataRows ? tables.reduce((s, t) => s + t.exactCopies.copies, 0) / dataRows : 0,
    piiReplayRate: pii.length ? (values ? pii.reduce((s, p) => s + p.replayed, 0) / values : 0) : null,
    missingTables: aligned.missingTables,
    extraTables: aligned.extraTables,
    tables,
    pii,
    notes,
  };
}
