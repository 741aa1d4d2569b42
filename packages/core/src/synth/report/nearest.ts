/**
 * @module Exact nearest-row search for DCR, written for the machine. The real rows are put in a
 * trie over the leading categorical columns (a mismatch there costs exactly 1, so a branch whose
 * mismatches already reach the best distance is never entered), and each leaf is sorted by one
 * numeric column and scanned outward from the query's value (|dx| bounds the distance, so the scan
 * stops when it reaches the best). Rows left are scanned with an early exit on the partial sum.
 * The result equals a brute-force scan (a property test checks it); only the work shrinks.
 */
import type { DistanceMatrix } from './dcr.js';

/** Blocks at most this large are not split further. */
const LEAF_ROWS = 32;

interface Node {
  /** Split columns [0, depth) are equal for every row of the node. */
  depth: number;
  lo: number;
  hi: number;
  /** Children's codes at column `depth`, ascending (empty for a leaf). */
  codes: number[];
  children: Node[];
  /** Leaf rows [lo, nanStart) sorted by the key column, [nanStart, hi) with a null key. */
  nanStart: number;
}

export class NearestIndex {
  private readonly cells: Float64Array;
  private readonly origin: Int32Array;
  private readonly keys: Float64Array;
  private readonly root: Node;
  private readonly w: number;
  private readonly split: number;
  private readonly restFrom: number;
  private readonly cat: Uint8Array;
  // Per-query state (the search is recursive; fields avoid a closure per query).
  private q: Float64Array = new Float64Array(0);
  private qb = 0;
  private skip = -1;
  private best = Infinity;
  private at = -1;

  constructor(ref: DistanceMatrix, leafRows = LEAF_ROWS) {
    const w = (this.w = ref.width);
    this.split = ref.split;
    this.restFrom = ref.split + (ref.sorted ? 1 : 0);
    this.cat = ref.categorical;
    const order = Int32Array.from({ length: ref.rows }, (_, i) => i);
    const src = ref.cells;
    const build = (lo: number, hi: number, depth: number): Node => {
      const node: Node = { depth, lo, hi, codes: [], children: [], nanStart: hi };
      const part = order.subarray(lo, hi);
      if (depth < ref.split && hi - lo > leafRows) {
        part.sort((a, b) => src[a * w + depth]! - src[b * w + depth]!);
        let start = lo;
        for (let i = lo + 1; i <= hi; i++) {
          const code = src[order[start]! * w + depth]!;
          if (i < hi && src[order[i]! * w + depth] === code) continue;
          node.codes.push(code);
          node.children.push(build(start, i, depth + 1));
          start = i;
        }
        return node;
      }
      if (ref.sorted) {
        const key = ref.split;
        part.sort((a, b) => {
          const x = src[a * w + key]!;
          const y = src[b * w + key]!;
          return x !== x ? (y !== y ? 0 : 1) : y !== y ? -1 : x - y;
        });
        let n = hi;
        while (n > lo && Number.isNaN(src[order[n - 1]! * w + key]!)) n--;
        node.nanStart = n;
      }
      return node;
    };
    this.root = build(0, ref.rows, 0);
    this.origin = order;
    this.cells = new Float64Array(ref.rows * w);
    this.keys = new Float64Array(ref.sorted ? ref.rows : 0);
    for (let i = 0; i < ref.rows; i++) {
      this.cells.set(src.subarray(order[i]! * w, order[i]! * w + w), i * w);
      if (ref.sorted) this.keys[i] = src[order[i]! * w + ref.split]!;
    }
  }

  /**
   * The nearest row to row `row` of `query` (same layout): its index in the reference table and
   * the distance. `skip`: a reference row never to match (leave-one-out), or -1.
   */
  nearest(query: DistanceMatrix, row: number, skip = -1): { index: number; distance: number } {
    this.q = query.cells;
    this.qb = row * this.w;
    this.skip = skip;
    this.best = Infinity;
    this.at = -1;
    this.search(this.root, 0);
    return { index: this.at, distance: this.at < 0 || this.w === 0 ? 0 : this.best / this.w };
  }

  private search(node: Node, p: number): void {
    if (p >= this.best) return;
    if (node.children.length === 0) {
      this.leaf(node, p);
      return;
    }
    const code = this.q[this.qb + node.depth]!;
    let lo = 0;
    let hi = node.codes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (node.codes[mid]! < code) lo = mid + 1;
      else hi = mid;
    }
    const match = node.codes[lo] === code ? lo : -1;
    if (match >= 0) this.search(node.children[match]!, p);
    for (let c = 0; c < node.children.length && p + 1 < this.best; c++) {
      if (c !== match) this.search(node.children[c]!, p + 1);
    }
  }

  private leaf(node: Node, p: number): void {
    if (this.restFrom === this.split) {
      for (let r = node.lo; r < node.hi; r++) this.consider(r, p, node.depth);
      return;
    }
    const x = this.q[this.qb + this.split]!;
    const keys = this.keys;
    if (x !== x) {
      for (let r = node.nanStart; r < node.hi; r++) this.consider(r, p, node.depth);
      for (let r = node.lo; r < node.nanStart && p + 1 < this.best; r++) this.consider(r, p + 1, node.depth);
      return;
    }
    let lo = node.lo;
    let hi = node.nanStart;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keys[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    let i = lo - 1;
    let j = lo;
    while (i >= node.lo || j < node.nanStart) {
      const di = i >= node.lo ? x - keys[i]! : Infinity;
      const dj = j < node.nanStart ? keys[j]! - x : Infinity;
      const left = j >= node.nanStart || (i >= node.lo && di <= dj);
      const d = left ? di : dj;
      const bound = p + (d < 1 ? d : 1);
      if (bound >= this.best) break;
      this.consider(left ? i-- : j++, bound, node.depth);
    }
    for (let r = node.nanStart; r < node.hi && p + 1 < this.best; r++) this.consider(r, p + 1, node.depth);
  }

  /** Row r at partial sum s (split columns before `from` and the key column already counted). */
  private consider(r: number, s: number, from: number): void {
    if (this.origin[r] === this.skip) return;
    const q = this.q;
    const qb = this.qb;
    const c = this.cells;
    const rb = r * this.w;
    const best = this.best;
    for (let j = from; j < this.split && s < best; j++) if (q[qb + j] !== c[rb + j]) s += 1;
    const cat = this.cat;
    for (let j = this.restFrom; j < this.w && s < best; j++) {
      const a = q[qb + j]!;
      const b = c[rb + j]!;
      if (cat[j] === 1) {
        if (a !== b) s += 1;
      } else if (a !== a || b !== b) {
        if (a === a || b === b) s += 1;
      } else {
        const d = a > b ? a - b : b - a;
        s += d < 1 ? d : 1;
      }
    }
    if (s < best) {
      this.best = s;
      this.at = this.origin[r]!;
    }
  }
}

/**
 * For each listed query row, the distance to the nearest reference row and that row's index.
 * With `skipSelf`, query row i never matches reference row i (leave-one-out within one table).
 */
export function nearestDistances(
  query: DistanceMatrix,
  rows: Int32Array,
  ref: DistanceMatrix | NearestIndex,
  options: { skipSelf?: boolean; leafRows?: number } = {},
): { distance: Float64Array; nearest: Int32Array } {
  const index = ref instanceof NearestIndex ? ref : new NearestIndex(ref, options.leafRows);
  const distance = new Float64Array(rows.length);
  const nearest = new Int32Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const found = index.nearest(query, rows[k]!, options.skipSelf ? rows[k]! : -1);
    distance[k] = found.distance;
    nearest[k] = found.index;
  }
  return { distance, nearest };
}
