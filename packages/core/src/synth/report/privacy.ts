/**
 * @module The privacy half of the report: exact copies of real rows (full rows hashed), distance
 * to closest record against a holdout (or leave-one-out) baseline, PII replay per column, the
 * k-anonymity the data achieves on declared quasi-identifiers, and, for masked data, the share of
 * cells the masking changed.
 */
import type { CellValue } from '../../quality/read/index.js';
import { mix32 } from '../../random/index.js';
import type { SampleColumn, SampleTable } from '../table.js';
import { findPiiInText } from '../pii/index.js';
import type { PiiColumn } from '../types.js';
import { cellKey } from './align.js';
import { encodeForDistance, quantile, rowDistance, sampleRows } from './dcr.js';
import { NearestIndex, nearestDistances } from './nearest.js';
import type { DcrResult, DistanceSummary, KAnonymityResult, PiiReplay } from './schema.js';

const rowKey = (columns: readonly SampleColumn[], r: number): string => {
  let k = '';
  for (const c of columns) k += cellKey(c.values[r] ?? null) + '\u001f';
  return k;
};

/** Per column, dictionary codes of the cells of both tables (one dictionary per column). */
function columnCodes(real: SampleTable, data: SampleTable): { real: Int32Array[]; data: Int32Array[] } {
  const out = { real: [] as Int32Array[], data: [] as Int32Array[] };
  real.columns.forEach((c, i) => {
    const dict = new Map<string, number>();
    const encode = (t: SampleTable, values: readonly CellValue[]): Int32Array =>
      Int32Array.from({ length: t.rows }, (_, r) => {
        const k = cellKey(values[r] ?? null);
        let code = dict.get(k);
        if (code === undefined) dict.set(k, (code = dict.size));
        return code;
      });
    out.real.push(encode(real, c.values));
    out.data.push(encode(data, data.columns[i]!.values));
  });
  return out;
}

const hashRow = (codes: readonly Int32Array[], r: number): number => {
  let h = 0x811c9dc5;
  for (const c of codes) h = mix32(h ^ c[r]!) + 0x9e3779b9;
  return h >>> 0;
};

/**
 * Data rows equal in every column to some real row (`real` and `data` hold the same columns):
 * rows hashed over per-column codes, equal hashes confirmed code by code.
 */
export function exactCopies(real: SampleTable, data: SampleTable): { copies: number; rate: number } {
  const codes = columnCodes(real, data);
  const byHash = new Map<number, number[]>();
  for (let r = 0; r < real.rows; r++) {
    const h = hashRow(codes.real, r);
    const list = byHash.get(h);
    if (list) list.push(r);
    else byHash.set(h, [r]);
  }
  const same = (d: number, r: number): boolean => codes.data.every((c, i) => c[d] === codes.real[i]![r]);
  let copies = 0;
  for (let d = 0; d < data.rows; d++) {
    if (byHash.get(hashRow(codes.data, d))?.some((r) => same(d, r))) copies++;
  }
  return { copies, rate: data.rows ? copies / data.rows : 0 };
}

/** The personal data inside a text (emails, phones, cards...), as the texts of its spans. */
const spansOf = (v: CellValue): string[] =>
  typeof v === 'string' ? findPiiInText(v).map((p) => v.slice(p.start, p.end)) : [];

/**
 * Non-null data values of a PII column that replay real personal data: equal to a real value of
 * the column, or, for free text, holding a piece of personal data found in a real value (or equal
 * to a real value that holds some). Free text without personal data ("prefers evening delivery")
 * replays no one, however often it recurs.
 */
export function piiReplay(real: SampleColumn, data: SampleColumn, pii: PiiColumn): PiiReplay {
  const text = pii.kind === 'free_text';
  const known = new Set<string>();
  const realSpans = new Set<string>();
  for (const v of real.values) {
    if (v === null) continue;
    if (!text) {
      known.add(cellKey(v));
      continue;
    }
    const spans = spansOf(v);
    if (spans.length === 0) continue;
    known.add(cellKey(v));
    for (const s of spans) realSpans.add(s);
  }
  let values = 0;
  let replayed = 0;
  for (const v of data.values) {
    if (v === null) continue;
    values++;
    if (known.has(cellKey(v)) || (text && realSpans.size > 0 && spansOf(v).some((s) => realSpans.has(s))))
      replayed++;
  }
  return { ...pii, values, replayed, rate: values ? replayed / values : 0 };
}

/** The smallest group size of the data rows over the combination of `columns` (all present). */
export function kAnonymity(data: SampleTable, columns: readonly SampleColumn[]): KAnonymityResult {
  const groups = new Map<string, number>();
  for (let r = 0; r < data.rows; r++) {
    const k = rowKey(columns, r);
    groups.set(k, (groups.get(k) ?? 0) + 1);
  }
  let k = groups.size ? Infinity : 0;
  let uniqueRows = 0;
  for (const n of groups.values()) {
    if (n < k) k = n;
    if (n === 1) uniqueRows++;
  }
  return { columns: columns.map((c) => c.name), k, groups: groups.size, uniqueRows };
}

/** Masked data: per column, the share of the aligned rows whose cell differs from the real one. */
export function cellsChanged(real: SampleTable, data: SampleTable): { column: string; rate: number }[] {
  const n = Math.min(real.rows, data.rows);
  return real.columns.map((c, i) => {
    const d = data.columns[i]!.values;
    let changed = 0;
    for (let r = 0; r < n; r++) if (cellKey(c.values[r] ?? null) !== cellKey(d[r] ?? null)) changed++;
    return { column: c.name, rate: n ? changed / n : 0 };
  });
}

function summarize(distance: Float64Array): DistanceSummary {
  const sorted = Float64Array.from(distance).sort();
  let zeros = 0;
  for (const d of sorted) if (d === 0) zeros++;
  return {
    rows: sorted.length,
    median: quantile(sorted, 0.5),
    p5: quantile(sorted, 0.05),
    zeroShare: sorted.length ? zeros / sorted.length : 0,
  };
}

export interface DcrOptions {
  sampleRows: number;
  seed: number;
  /** The holdout table (same columns as `real`, same order), or none for leave-one-out. */
  holdout?: SampleTable;
  masked: boolean;
}

/**
 * DCR of a sample of data rows against all real rows, and the same for a sample of holdout rows
 * (or of real rows against the other real rows). `real`, `data` and `holdout` hold the same columns.
 */
export function distanceToClosest(real: SampleTable, data: SampleTable, options: DcrOptions): DcrResult {
  const others = options.holdout ? [data, options.holdout] : [data];
  const [realM, dataM, holdM] = encodeForDistance(real, others);
  const index = new NearestIndex(realM!);
  const dataRows = sampleRows(data.rows, options.sampleRows, options.seed);
  const found = nearestDistances(dataM!, dataRows, index);
  const baseRows = options.holdout
    ? sampleRows(options.holdout.rows, options.sampleRows, options.seed + 1)
    : sampleRows(real.rows, options.sampleRows, options.seed + 1);
  const base = holdM
    ? nearestDistances(holdM, baseRows, index)
    : nearestDistances(realM!, baseRows, index, { skipSelf: true });
  const baseline = summarize(real.rows > (holdM ? 0 : 1) ? base.distance : new Float64Array(0));
  let closer = 0;
  for (const d of found.distance) if (d < baseline.p5) closer++;
  let own: number | null = null;
  if (options.masked) {
    let hits = 0;
    let n = 0;
    dataRows.forEach((q, k) => {
      if (q >= real.rows) return;
      n++;
      if (rowDistance(dataM!, q, realM!, q) <= found.distance[k]! + 1e-12) hits++;
    });
    own = n ? hits / n : 0;
  }
  return {
    columns: real.columns.map((c) => c.name),
    data: summarize(found.distance),
    baselineKind: options.holdout ? 'holdout' : 'leaveOneOut',
    baseline,
    closerThanBaselineP5: dataRows.length ? closer / dataRows.length : 0,
    ownRecordNearest: own,
  };
}
