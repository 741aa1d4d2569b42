/**
 * @module Distance to closest record (DCR), the encoding: the Gower-like distance between two rows
 * is the mean over columns of |x - y| / (real range) for ordered columns (capped at 1) and 0/1
 * for the others; null equals null, null vs a value is 1. Every table is encoded once into one
 * row-major Float64Array (numbers pre-divided by the real range, categories as dictionary codes)
 * whose column layout serves the search in nearest.ts: first the categorical columns it splits
 * rows by (most varied first), then the numeric column it sorts leaves by, then the rest, most
 * varied first so a scan exceeds the best distance early.
 */
import type { CellValue } from '../../quality/read/index.js';
import { Rng } from '../../random/index.js';
import { numberOf } from '../stats.js';
import { isNumericType, type SampleTable } from '../table.js';
import { cellKey } from './align.js';
import { sortedNumbers } from './shapes.js';

/** A table encoded for distances: row-major cells, `width` per row. */
export interface DistanceMatrix {
  rows: number;
  width: number;
  cells: Float64Array;
  /** 1 where the column (in encoded order) is categorical. */
  categorical: Uint8Array;
  /** Leading categorical columns the search splits rows by. */
  split: number;
  /** Whether column `split` is the numeric column leaves are sorted by. */
  sorted: boolean;
}

/** Encoded numbers are clamped to [-FAR, FAR], so differences never overflow to NaN. */
const FAR = 1e300;

/** At most this many leading categorical columns are split on. */
const MAX_SPLIT = 8;

interface ColumnCodec {
  numeric: boolean;
  /** Numbers are stored as (x - min) * scale: real values in [0, 1], every cell finite or NaN. */
  min: number;
  scale: number;
  dict: Map<string, number>;
  /** How often two random real rows differ in this column (expected distance). */
  spread: number;
}

/** Gini mean difference of sorted values, over the range: the expected |x - y| / range. */
function numericSpread(sorted: Float64Array, range: number): number {
  const n = sorted.length;
  if (n < 2 || range === 0) return 0;
  let s = 0;
  for (let i = 0; i < n; i++) s += (2 * i - n + 1) * sorted[i]!;
  return (2 * s) / (n * n) / range;
}

function codecOf(real: SampleTable, c: number): ColumnCodec {
  const col = real.columns[c]!;
  if (isNumericType(col.type)) {
    const sorted = sortedNumbers(col.values);
    const range = sorted.length ? sorted[sorted.length - 1]! - sorted[0]! : 0;
    return {
      numeric: true,
      min: sorted.length ? sorted[0]! : 0,
      // A subnormal range would overflow 1 / range: cap the scale, and clamp the cells.
      scale: range > 0 ? Math.min(1 / range, Number.MAX_VALUE) : 1,
      dict: new Map(),
      spread: numericSpread(sorted, range),
    };
  }
  const dict = new Map<string, number>();
  const counts: number[] = [];
  for (const v of col.values) {
    const k = cellKey(v);
    let code = dict.get(k);
    if (code === undefined) {
      dict.set(k, (code = dict.size));
      counts.push(0);
    }
    counts[code]!++;
  }
  const n = col.values.length;
  let same = 0;
  for (const k of counts) same += (k / n) * (k / n);
  return { numeric: false, min: 0, scale: 1, dict, spread: n ? 1 - same : 0 };
}

/** Encodes the real table and others with the same column order (real's columns, by position). */
export function encodeForDistance(real: SampleTable, others: readonly SampleTable[]): DistanceMatrix[] {
  const codecs = real.columns.map((_, c) => codecOf(real, c));
  const bySpread = codecs.map((_, c) => c).sort((x, y) => codecs[y]!.spread - codecs[x]!.spread);
  const splitOn = bySpread.filter((c) => !codecs[c]!.numeric && codecs[c]!.spread > 0).slice(0, MAX_SPLIT);
  const sortOn = bySpread.find((c) => codecs[c]!.numeric);
  const lead = sortOn === undefined ? splitOn : [...splitOn, sortOn];
  const order = [...lead, ...bySpread.filter((c) => !lead.includes(c))];
  const width = order.length;
  const categorical = Uint8Array.from(order, (c) => (codecs[c]!.numeric ? 0 : 1));
  const layout = { width, categorical, split: splitOn.length, sorted: sortOn !== undefined };
  const encode = (t: SampleTable): DistanceMatrix => {
    const cells = new Float64Array(t.rows * width);
    order.forEach((c, j) => {
      const codec = codecs[c]!;
      const values: readonly CellValue[] = t.columns[c]!.values;
      for (let r = 0; r < t.rows; r++) {
        const v = values[r] ?? null;
        let x: number;
        if (codec.numeric) x = Math.max(-FAR, Math.min(FAR, (numberOf(v) - codec.min) * codec.scale));
        else {
          const k = cellKey(v);
          let code = codec.dict.get(k);
          if (code === undefined) {
            // A value the real column never holds gets a fresh code: never equal to a real one.
            code = codec.dict.size;
            codec.dict.set(k, code);
          }
          x = code;
        }
        cells[r * width + j] = x;
      }
    });
    return { rows: t.rows, cells, ...layout };
  };
  return [encode(real), ...others.map(encode)];
}

/** The distance from query row `q` to reference row `r` (the same arithmetic as the scan). */
export function rowDistance(query: DistanceMatrix, q: number, ref: DistanceMatrix, r: number): number {
  const w = ref.width;
  if (w === 0) return 0;
  let s = 0;
  for (let j = 0; j < w; j++) {
    const a = query.cells[q * w + j]!;
    const b = ref.cells[r * w + j]!;
    if (ref.categorical[j] === 1) s += a !== b ? 1 : 0;
    else if (Number.isNaN(a) || Number.isNaN(b)) s += Number.isNaN(a) && Number.isNaN(b) ? 0 : 1;
    else {
      const d = Math.abs(a - b);
      s += d < 1 ? d : 1;
    }
  }
  return s / w;
}

/** Up to `count` distinct row indices of [0, rows), ascending, drawn with a seeded partial shuffle. */
export function sampleRows(rows: number, count: number, seed: number): Int32Array {
  if (count >= rows) return Int32Array.from({ length: rows }, (_, i) => i);
  const idx = Int32Array.from({ length: rows }, (_, i) => i);
  const rng = new Rng().seed(seed, rows);
  for (let i = 0; i < count; i++) {
    const j = i + rng.below(rows - i);
    const t = idx[i]!;
    idx[i] = idx[j]!;
    idx[j] = t;
  }
  return idx.subarray(0, count).sort();
}

/** Quantile with linear interpolation between order statistics (numpy's default). */
export function quantile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}
