/**
 * @module One column as the models see it. Every value becomes a small bin code (numbers: up to
 * 32 quantile bins of the sample, categories: the 31 most frequent with the rest pooled, missing:
 * a bin of its own) that trees split on and predict; and a synthetic value is drawn from a real
 * row's value: categories exactly (never invented), numbers smoothed between their neighbouring
 * distinct values and snapped back to the column's step and bounds (so values are not copies).
 */
import type { Rng } from '../../random/index.js';
import type { CellValue, ColumnType } from '../../quality/read/index.js';
import { numberOf } from '../stats.js';
import { isNumericType } from '../table.js';
import { lowerBound, upperBound } from './search.js';
import { cellOf, learnShape, snap, type NumberShape } from './format.js';

/** Most bins a column gets (plus one for missing values). */
export const MAX_BINS = 32;
/** Fewer distinct numbers than this are drawn exactly, like categories (3, 4, 6, 8 cylinders). */
export const SMOOTH_MIN_DISTINCT = 20;
/** A number holding at least this share of the rows is an atom: drawn exactly. */
export const ATOM_SHARE = 0.02;

export class ColumnCodec {
  readonly numeric: boolean;
  /** Bin code of every sample row. */
  readonly bin: Uint8Array;
  readonly nbins: number;
  /** Numbers: value per row (NaN missing), sorted distinct values, each row's index among them. */
  readonly x: Float64Array;
  readonly distinct: Float64Array;
  readonly rank: Int32Array;
  readonly cuts: Float64Array;
  readonly shape: NumberShape | undefined;
  readonly smooth: boolean;
  /** Per distinct number: 1 when it is an atom (>= 2% of rows), drawn exactly, never smoothed. */
  readonly atom: Uint8Array;
  /** Categories: distinct values (null included), each row's label, and each label's bin. */
  readonly labels: CellValue[];
  readonly code: Int32Array;
  readonly labelBin: Uint8Array;
  readonly nullBin: number;
  /** Categories: the bin shared by the rare labels, or -1 when every label has its own. */
  readonly pooledBin: number;
  private readonly labelIndex = new Map<CellValue, number>();

  constructor(
    readonly name: string,
    readonly type: ColumnType,
    values: readonly CellValue[],
  ) {
    const n = values.length;
    this.numeric = isNumericType(type);
    this.bin = new Uint8Array(n);
    if (this.numeric) {
      this.labels = [];
      this.code = new Int32Array(0);
      this.labelBin = new Uint8Array(0);
      const x = new Float64Array(n);
      for (let i = 0; i < n; i++) x[i] = numberOf(values[i] ?? null);
      this.x = x;
      const sorted = x.filter((v) => !Number.isNaN(v)).sort();
      const d: number[] = [];
      for (const v of sorted) if (d.length === 0 || d[d.length - 1] !== v) d.push(v);
      this.distinct = Float64Array.from(d);
      this.rank = new Int32Array(n);
      for (let i = 0; i < n; i++) this.rank[i] = Number.isNaN(x[i]!) ? -1 : lowerBound(this.distinct, x[i]!);
      const counts = new Int32Array(this.distinct.length);
      for (let i = 0; i < n; i++) if (this.rank[i]! >= 0) counts[this.rank[i]!]!++;
      const cuts = binCuts(this.distinct, counts, sorted.length);
      this.cuts = Float64Array.from(cuts);
      this.nullBin = cuts.length + 1;
      this.nbins = cuts.length + 2;
      for (let i = 0; i < n; i++) this.bin[i] = this.binOfNumber(x[i]!);
      this.shape = learnShape(type, this.distinct, values);
      this.pooledBin = -1;
      this.smooth = this.distinct.length >= SMOOTH_MIN_DISTINCT;
      // Smoothing an atom (0 mm of rain on half the days) would move its mass off the value.
      const atomMin = Math.max(2, ATOM_SHARE * n);
      this.atom = Uint8Array.from(counts, (c) => (c >= atomMin ? 1 : 0));
    } else {
      this.x = new Float64Array(0);
      this.distinct = new Float64Array(0);
      this.rank = new Int32Array(0);
      this.cuts = new Float64Array(0);
      this.shape = undefined;
      this.smooth = false;
      this.atom = new Uint8Array(0);
      const index = this.labelIndex;
      const labels: CellValue[] = [];
      const counts: number[] = [];
      this.code = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const v = values[i] ?? null;
        let c = index.get(v);
        if (c === undefined) {
          index.set(v, (c = labels.length));
          labels.push(v);
          counts.push(0);
        }
        counts[c]!++;
        this.code[i] = c;
      }
      this.labels = labels;
      // The most frequent labels get bins of their own; the rest share the last bin.
      const byCount = labels.map((_, i) => i).sort((a, b) => counts[b]! - counts[a]! || a - b);
      this.labelBin = new Uint8Array(labels.length).fill(Math.min(MAX_BINS - 1, labels.length - 1));
      byCount.slice(0, MAX_BINS - 1).forEach((label, b) => (this.labelBin[label] = b));
      this.nbins = Math.min(MAX_BINS, labels.length);
      this.pooledBin = labels.length > MAX_BINS ? MAX_BINS - 1 : -1;
      this.nullBin = index.has(null) ? this.labelBin[index.get(null)!]! : -1;
      for (let i = 0; i < n; i++) this.bin[i] = this.labelBin[this.code[i]!]!;
    }
  }

  private binOfNumber(v: number): number {
    if (Number.isNaN(v)) return this.nullBin;
    return upperBound(this.cuts, v);
  }

  /** The bin of an internal value (a number, NaN for missing, or a label index). */
  binOf(v: number): number {
    if (this.numeric) return this.binOfNumber(v);
    return v >= 0 ? this.labelBin[v]! : Math.max(0, this.nullBin);
  }

  /** The internal value of a cell: a number, or a label index (-1 for a label never seen). */
  internalOf(cell: CellValue): number {
    return this.numeric ? numberOf(cell) : (this.labelIndex.get(cell) ?? -1);
  }

  /** The internal value of sample row `row`, unchanged (label index or number). */
  valueAt(row: number): number {
    return this.numeric ? this.x[row]! : this.code[row]!;
  }

  /** A synthetic internal value drawn from sample row `row`: numbers smoothed and snapped. */
  drawFrom(row: number, rng: Rng): number {
    if (!this.numeric) return this.code[row]!;
    const v = this.x[row]!;
    if (Number.isNaN(v) || !this.smooth) return v;
    return this.around(this.rank[row]!, rng);
  }

  /**
   * A value near the k-th distinct number: uniform between the midpoints to its neighbours, or,
   * with `spread` w > 1, between the midpoints to the w-th distinct values either side.
   */
  around(k: number, rng: Rng, spread = 1): number {
    const d = this.distinct;
    const v = d[k]!;
    if (this.atom[k] === 1) return v;
    const a = k - spread;
    const b = k + spread;
    const lo = a >= 0 ? (d[a]! + d[a + 1]!) / 2 : d[0]!;
    const hi = b < d.length ? (d[b - 1]! + d[b]!) / 2 : d[d.length - 1]!;
    return snap(this.shape!, lo + rng.float() * (hi - lo));
  }

  /** The cell of an internal value. */
  cell(v: number): CellValue {
    return this.numeric ? cellOf(this.shape!, v) : (this.labels[v] ?? null);
  }
}

/**
 * Cut points of up to MAX_BINS bins of about equal counts, each cut a distinct value (a bin holds
 * values >= its cut): a value holding many rows (0 in a column of mostly-zero costs) gets a bin
 * of its own and the rest is split among the bins left, so a tree can still tell the tail apart.
 */
function binCuts(distinct: Float64Array, counts: Int32Array, present: number): number[] {
  const cuts: number[] = [];
  let remaining = present;
  let acc = 0;
  for (let k = 0; k < distinct.length - 1 && cuts.length < MAX_BINS - 1; k++) {
    acc += counts[k]!;
    if (acc >= remaining / (MAX_BINS - cuts.length)) {
      cuts.push(distinct[k + 1]!);
      remaining -= acc;
      acc = 0;
    }
  }
  return cuts;
}
