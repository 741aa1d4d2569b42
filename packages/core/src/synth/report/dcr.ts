/**
 * @module Distance to closest record (DCR): for each sampled row, the Gower-like distance to the
 * nearest real row, the mean over columns of |x - y| / (real range) for ordered columns (capped
 * at 1) and 0/1 for the others; null equals null, null vs a value is 1.
 *
 * Hot path, written for the machine: every table is encoded once into one row-major Float64Array
 * (numbers pre-divided by the real range, categories as dictionary codes), columns ordered so the
 * ones that most often differ come first, and the scan of a row stops as soon as its partial sum
 * reaches the best distance found so far (and the whole search stops at distance 0).
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
}

interface ColumnCodec {
  numeric: boolean;
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
      scale: range > 0 ? 1 / range : 1,
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
  return { numeric: false, scale: 1, dict, spread: n ? 1 - same : 0 };
}

/** Encodes the real table and others with the same column order (real's columns, by position). */
export function encodeForDistance(real: SampleTable, others: readonly SampleTable[]): DistanceMatrix[] {
  const codecs = real.columns.map((_, c) => codecOf(real, c));
  const order = codecs.map((_, c) => c).sort((x, y) => codecs[y]!.spread - codecs[x]!.spread);
  const width = order.length;
  const categorical = Uint8Array.from(order, (c) => (codecs[c]!.numeric ? 0 : 1));
  const encode = (t: SampleTable): DistanceMatrix => {
    const cells = new Float64Array(t.rows * width);
    order.forEach((c, j) => {
      const codec = codecs[c]!;
      const values: readonly CellValue[] = t.columns[c]!.values;
      for (let r = 0; r < t.rows; r++) {
        const v = values[r] ?? null;
        let x: number;
        if (codec.numeric) x = numberOf(v) * codec.scale;
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
    return { rows: t.rows, width, cells, categorical };
  };
  return [encode(real), ...others.map(encode)];
}

/**
 * For each listed query row, the distance to the nearest reference row and that row's index.
 * With `skipSelf`, query row i never matches reference row i (leave-one-out within one table).
 */
export function nearestDistances(
  query: DistanceMatrix,
  rows: Int32Array,
  ref: DistanceMatrix,
  options: { skipSelf?: boolean } = {},
): { distance: Float64Array; nearest: Int32Array } {
  const w = ref.width;
  const cat = ref.categorical;
  const rc = ref.cells;
  const qc = query.cells;
  const distance = new Float64Array(rows.length);
  const nearest = new Int32Array(rows.length).fill(-1);
  for (let k = 0; k < rows.length; k++) {
    const q = rows[k]! * w;
    let best = Infinity;
    let at = -1;
    for (let r = 0; r < ref.rows && best > 0; r++) {
      if (options.skipSelf && r === rows[k]) continue;
      const base = r * w;
      let s = 0;
      for (let j = 0; j < w && s < best; j++) {
        const a = qc[q + j]!;
        const b = rc[base + j]!;
        if (cat[j] === 1) {
          if (a !== b) s += 1;
        } else if (a !== a || b !== b) {
          if (a === a || b === b) s += 1;
        } else {
          const d = a > b ? a - b : b - a;
          s += d > 1 ? 1 : d;
        }
      }
      if (s < best) {
        best = s;
        at = r;
      }
    }
    distance[k] = at < 0 || w === 0 ? 0 : best / w;
    nearest[k] = at;
  }
  return { distance, nearest };
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
    else s += Math.min(1, Math.abs(a - b));
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
