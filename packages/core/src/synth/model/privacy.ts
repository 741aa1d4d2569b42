/**
 * @module The privacy filter: a synthetic row equal to a real row (on every checked column) or
 * closer to one than `minDistance` is rejected and drawn again.
 *
 * Distance is Gower-like: per column, |diff| / range for numbers, 0/1 for categories, 1 between a
 * missing and a present value; averaged over the m checked columns. What is guaranteed:
 * - exact copies: through a hash of every real row, on the checked columns when `exact` (tables
 *   without generated keys); tables with keys or foreign keys are checked on whole output rows
 *   once keys are assigned (see copies.ts), since a thin child row (a key, a product, a
 *   quantity) is only a copy if its keys match too;
 * - closeness: when minDistance <= 1/m, a real row that differs in any category or missingness is
 *   at distance >= 1/m, so only real rows with the same categories and missingness ("block") can
 *   be too close; within the block, rows are sorted by the most varied number, and only those
 *   whose gap on it is under m * minDistance of its range are compared (a smaller gap is
 *   necessary). When minDistance > 1/m, every real row is a block candidate. The comparisons per
 *   synthetic row are capped (`MAX_CANDIDATES`); past the cap the check is best effort.
 */
import type { ColumnCodec } from './codec.js';
import { lowerBound } from './search.js';

/** Most real rows compared with one synthetic row for closeness. */
export const MAX_CANDIDATES = 4096;

interface Block {
  /** Real rows sorted by the key column. */
  rows: Int32Array;
  keys: Float64Array;
}

export class PrivacyFilter {
  private readonly copies = new Set<string>();
  private readonly blocks = new Map<string, Block>();
  private readonly ranges: Float64Array;
  private readonly key: number;
  private readonly useBlocks: boolean;

  /** `columns` are the codec indices checked (PII, keys and helper columns are left out). */
  constructor(
    private readonly codecs: readonly ColumnCodec[],
    private readonly columns: readonly number[],
    rowCount: number,
    private readonly minDistance: number,
    readonly exact: boolean,
  ) {
    const value = new Float64Array(codecs.length);
    for (let r = 0; exact && r < rowCount; r++) {
      for (const c of columns) value[c] = codecs[c]!.valueAt(r);
      this.copies.add(this.signature(value, true));
    }
    this.ranges = Float64Array.from(codecs, (c) =>
      c.numeric && c.distinct.length > 1 ? c.distinct[c.distinct.length - 1]! - c.distinct[0]! : 0,
    );
    // The key column: the number with the most distinct values (-1: no numbers).
    let key = -1;
    for (const c of columns) {
      const d = codecs[c]!;
      if (d.numeric && (key < 0 || d.distinct.length > codecs[key]!.distinct.length)) key = c;
    }
    this.key = key;
    this.useBlocks = minDistance * columns.length <= 1;
    if (minDistance <= 0) return;
    const groups = new Map<string, number[]>();
    for (let r = 0; r < rowCount; r++) {
      for (const c of columns) value[c] = codecs[c]!.valueAt(r);
      const s = this.useBlocks ? this.signature(value, false) : '';
      let g = groups.get(s);
      if (!g) groups.set(s, (g = []));
      g.push(r);
    }
    for (const [s, g] of groups) {
      const keyOf = (r: number): number => (key < 0 ? 0 : codecs[key]!.x[r]!);
      g.sort((a, b) => (keyOf(a) || 0) - (keyOf(b) || 0));
      this.blocks.set(s, { rows: Int32Array.from(g), keys: Float64Array.from(g, (r) => keyOf(r) || 0) });
    }
  }

  /** Every checked value (`full`), or only categories and missingness (the block). */
  private signature(v: Float64Array, full: boolean): string {
    let s = '';
    for (const c of this.columns) {
      const d = this.codecs[c]!;
      const x = v[c]!;
      s += d.numeric && !full ? (Number.isNaN(x) ? 'n|' : 'v|') : `${x}|`;
    }
    return s;
  }

  /** True when the synthetic row (internal values) may be kept. */
  accepts(v: Float64Array): boolean {
    if (this.exact && this.copies.has(this.signature(v, true))) return false;
    if (this.minDistance <= 0) return true;
    const block = this.blocks.get(this.useBlocks ? this.signature(v, false) : '');
    if (!block) return true;
    const m = this.columns.length;
    const k = this.key;
    const x = k < 0 ? 0 : v[k]! || 0;
    const width = k < 0 || this.ranges[k] === 0 ? Infinity : m * this.minDistance * this.ranges[k]!;
    // Walk outwards from x in the sorted block while the key gap alone allows closeness.
    let hi = lowerBound(block.keys, x);
    let lo = hi - 1;
    for (let n = 0; n < MAX_CANDIDATES && (lo >= 0 || hi < block.rows.length); n++) {
      const dl = lo >= 0 ? x - block.keys[lo]! : Infinity;
      const dh = hi < block.rows.length ? block.keys[hi]! - x : Infinity;
      if (Math.min(dl, dh) >= width) break;
      const r = dl <= dh ? block.rows[lo--]! : block.rows[hi++]!;
      if (this.distance(v, r) < this.minDistance) return false;
    }
    return true;
  }

  private distance(v: Float64Array, r: number): number {
    let s = 0;
    for (const c of this.columns) {
      const d = this.codecs[c]!;
      const a = v[c]!;
      const b = d.valueAt(r);
      if (!d.numeric) s += a === b ? 0 : 1;
      else if (Number.isNaN(a) || Number.isNaN(b)) s += Number.isNaN(a) && Number.isNaN(b) ? 0 : 1;
      else if (this.ranges[c]! > 0) s += Math.abs(a - b) / this.ranges[c]!;
    }
    return s / this.columns.length;
  }
}
