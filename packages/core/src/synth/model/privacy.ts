/**
 * @module The privacy filter: a synthetic row equal to a real row (on every checked column) or
 * closer to one than `minDistance` is rejected (a too-close row first gets its numbers spread
 * wider around the same real values, see RowModel.spread; then it is drawn again).
 *
 * `minDistance: 'auto'` (the default) derives the threshold from the sample: the AUTO_QUANTILE
 * (7.5%) quantile of the distances from real rows to their nearest other real row, so synthetic
 * rows are no closer to a real row than all but the closest 7.5% of real rows are to each other.
 * A sample of duplicated rows derives 0 (exact copies are still rejected).
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

/**
 * `minDistance: 'auto'`: the quantile of the real rows' distances to their nearest other real
 * row. Above 5% on purpose: the report's baseline is the 5th percentile of a holdout's distances,
 * estimated from a few dozen rows on small samples, and rows the filter pushes just past a 5%
 * threshold landed under that estimate for up to 13% of the rows (penguins, one seed in eight);
 * at 7.5% the worst of eight seeds is 8% on penguins and 6% on cps-wages.
 */
export const AUTO_QUANTILE = 0.075;
/** Real rows whose nearest other real row is searched for the automatic threshold. */
export const AUTO_SAMPLE_ROWS = 2000;

/** What the filter says of a synthetic row. */
export type Verdict = 'accepted' | 'copy' | 'tooClose';

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
  /** The closeness threshold in force (the derived one for `'auto'`). */
  readonly minDistance: number;
  /** Whether the threshold was derived: then a row still too close after every attempt is kept (best effort). */
  readonly auto: boolean;
  /** After a 'tooClose' verdict: the distance to the nearest real row found. */
  lastNearest = 0;

  /**
   * `columns` are the codec indices checked (PII, keys and helper columns are left out).
   * `minDistance` `'auto'` derives the threshold from the sample (see `nearestQuantile`).
   */
  constructor(
    private readonly codecs: readonly ColumnCodec[],
    private readonly columns: readonly number[],
    rowCount: number,
    minDistance: number | 'auto',
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
    const auto = minDistance === 'auto';
    this.auto = auto;
    this.minDistance = auto ? 0 : minDistance;
    this.useBlocks = auto || minDistance * columns.length <= 1;
    if (!auto && minDistance <= 0) return;
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
    if (auto) this.minDistance = this.nearestQuantile(rowCount, AUTO_QUANTILE);
  }

  /**
   * The q-quantile of the distance from a real row to its nearest other real row, over up to
   * AUTO_SAMPLE_ROWS evenly spaced rows: how close real rows are to each other, so a synthetic
   * row closer than that to a real row is closer than a fresh real row would usually be. A
   * distance is capped at 1/m (rows of different categories are never searched), which only
   * matters when more than a q-share of the rows have no real row of the same categories.
   */
  private nearestQuantile(rowCount: number, q: number): number {
    const m = this.columns.length;
    const v = new Float64Array(this.codecs.length);
    const step = Math.max(1, rowCount / AUTO_SAMPLE_ROWS);
    const found: number[] = [];
    for (let i = 0; Math.floor(i * step) < rowCount; i++) {
      const r = Math.floor(i * step);
      for (const c of this.columns) v[c] = this.codecs[c]!.valueAt(r);
      found.push(this.nearest(v, this.blocks.get(this.signature(v, false))!, 1 / m, r));
    }
    found.sort((a, b) => a - b);
    const h = (found.length - 1) * q;
    const l = Math.floor(h);
    return found[l]! + (h - l) * (found[Math.min(found.length - 1, l + 1)]! - found[l]!);
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
    return this.verdict(v) === 'accepted';
  }

  /** Whether the synthetic row (internal values) copies a real row, is too close to one, or may be kept. */
  verdict(v: Float64Array): Verdict {
    if (this.exact && this.copies.has(this.signature(v, true))) return 'copy';
    return this.tooClose(v) ? 'tooClose' : 'accepted';
  }

  private tooClose(v: Float64Array): boolean {
    if (this.minDistance <= 0) return false;
    const block = this.blocks.get(this.useBlocks ? this.signature(v, false) : '');
    this.lastNearest = block ? this.nearest(v, block, this.minDistance, -1) : this.minDistance;
    return this.lastNearest < this.minDistance;
  }

  /**
   * The distance from `v` to its nearest row of the block other than `skip`, or `cap` if none is
   * nearer: a walk outwards from v's key in the sorted block that stops once the key gap alone
   * (over m times the key's range) reaches the best distance so far.
   */
  private nearest(v: Float64Array, block: Block, cap: number, skip: number): number {
    const k = this.key;
    const x = k < 0 ? 0 : v[k]! || 0;
    const scale = k < 0 || this.ranges[k] === 0 ? 0 : 1 / (this.columns.length * this.ranges[k]!);
    let best = cap;
    let hi = lowerBound(block.keys, x);
    let lo = hi - 1;
    for (let n = 0; n < MAX_CANDIDATES && (lo >= 0 || hi < block.rows.length); n++) {
      const dl = lo >= 0 ? x - block.keys[lo]! : Infinity;
      const dh = hi < block.rows.length ? block.keys[hi]! - x : Infinity;
      if (Math.min(dl, dh) * scale >= best) break;
      const r = dl <= dh ? block.rows[lo--]! : block.rows[hi++]!;
      if (r !== skip) best = Math.min(best, this.distance(v, r));
    }
    return best;
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
