/**
 * @module 64-bit value fingerprints and the two sketches inference keeps per column: an exact
 * fingerprint set (uniqueness, and the key side of foreign-key inclusion) and a bottom-k sample
 * of distinct fingerprints (distinct-count estimate, the referencing side of inclusion).
 *
 * Memory: the set stores two Uint32 lanes at a load of 1/4 to 1/2, i.e. 16 to 32 bytes per
 * distinct value (at most 32 MB per million rows per key-candidate column, 48 MB while it grows);
 * a column stops being tracked at its first duplicate or at `limit` values. The bottom-k sample
 * is at most 2k Map entries (~100 KB for k = 1024).
 */
import type { CellValue } from './types.js';

/** Two independent 32-bit hashes of a cell (type-tagged: the number 1 and the text "1" differ). */
export function fingerprint(v: CellValue, out: Uint32Array): void {
  if (typeof v === 'number') {
    // Numbers hash their IEEE-754 bits: no string made per value.
    F64[0] = v === 0 ? 0 : v;
    out[0] = fmix(U32[0]! ^ 0x2545f491);
    out[1] = fmix(U32[1]! + Math.imul(out[0], 0x9e3779b9));
    return;
  }
  const s = typeof v === 'string' ? v : String(v);
  let a = typeof v === 'string' ? 0x811c9dc5 : 0x9747b28c;
  let b = typeof v === 'string' ? 0x5bd1e995 : 0x2545f491;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  out[0] = fmix(a ^ s.length);
  out[1] = fmix(b + Math.imul(a, 0x9e3779b9));
}

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** An open-addressing set of 64-bit fingerprints (hi, lo); (0, 0) marks an empty slot. */
export class FingerprintSet {
  private hi: Uint32Array;
  private lo: Uint32Array;
  size = 0;

  constructor(capacity = 1024) {
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
  }

  /** Adds a fingerprint; false when it was already there. */
  add(hi: number, lo: number): boolean {
    if (hi === 0 && lo === 0) lo = 1;
    if ((this.size + 1) * 2 > this.hi.length) this.grow();
    const mask = this.hi.length - 1;
    for (let i = (hi ^ Math.imul(lo, 0x9e3779b9)) & mask; ; i = (i + 1) & mask) {
      const h = this.hi[i]!;
      const l = this.lo[i]!;
      if (h === 0 && l === 0) {
        this.hi[i] = hi;
        this.lo[i] = lo;
        this.size++;
        return true;
      }
      if (h === hi && l === lo) return false;
    }
  }

  has(hi: number, lo: number): boolean {
    if (hi === 0 && lo === 0) lo = 1;
    const mask = this.hi.length - 1;
    for (let i = (hi ^ Math.imul(lo, 0x9e3779b9)) & mask; ; i = (i + 1) & mask) {
      const h = this.hi[i]!;
      const l = this.lo[i]!;
      if (h === 0 && l === 0) return false;
      if (h === hi && l === lo) return true;
    }
  }

  private grow(): void {
    const { hi, lo } = this;
    this.hi = new Uint32Array(hi.length * 2);
    this.lo = new Uint32Array(lo.length * 2);
    this.size = 0;
    for (let i = 0; i < hi.length; i++) if (hi[i] !== 0 || lo[i] !== 0) this.add(hi[i]!, lo[i]!);
  }
}

/**
 * The k distinct fingerprints with the smallest `hi`: a uniform sample of the distinct values
 * (whatever their frequencies) and a distinct-count estimate (k - 1) / (k-th smallest / 2^32).
 */
export class BottomK {
  private readonly entries = new Map<number, number>();
  private threshold = Infinity;
  /** True once values were dropped: `distinct()` is then an estimate. */
  truncated = false;

  constructor(readonly k = 1024) {}

  add(hi: number, lo: number): void {
    // The key orders by hi and tells apart fingerprints sharing hi by 21 bits of lo.
    const key = hi * 2097152 + (lo & 0x1fffff);
    if (key >= this.threshold || this.entries.has(key)) return;
    this.entries.set(key, lo);
    if (this.entries.size >= 2 * this.k) this.trim();
  }

  private trim(): void {
    const keys = [...this.entries.keys()].sort((a, b) => a - b);
    for (let i = this.k; i < keys.length; i++) this.entries.delete(keys[i]!);
    this.threshold = keys[this.k - 1]!;
    this.truncated = true;
  }

  distinct(): number {
    if (!this.truncated) return this.entries.size;
    if (this.entries.size > this.k) this.trim();
    return Math.round((this.k - 1) / ((this.threshold / 2097152 + 1) / 4294967296));
  }

  /** The sampled fingerprints as (hi, lo) pairs. */
  *sample(): Generator<[number, number]> {
    for (const [key, lo] of this.entries) yield [Math.floor(key / 2097152), lo];
  }
}
