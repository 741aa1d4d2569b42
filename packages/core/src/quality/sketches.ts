/**
 * @module Bounded summaries for field profiles: HyperLogLog for distinct counts past the exact
 * cap, Misra-Gries heavy hitters for top values, and a histogram whose bins double in width when a
 * value falls outside them, so one pass over unknown ranges keeps a fixed number of bins.
 */
import { keep } from './detach.js';

/** HyperLogLog with 2^12 registers (4 KiB, ~1.6% standard error) over 32-bit hashes. */
export class HyperLogLog {
  private readonly registers = new Uint8Array(4096);

  /** Adds a 32-bit hash: the top 12 bits pick the register, the other 20 give the rank. */
  add(h: number): void {
    const idx = h >>> 20;
    const rank = Math.min(Math.clz32((h << 12) | 0x800) + 1, 21);
    if (rank > (this.registers[idx] as number)) this.registers[idx] = rank;
  }

  estimate(): number {
    const m = this.registers.length;
    let sum = 0;
    let zeros = 0;
    for (let i = 0; i < m; i++) {
      const r = this.registers[i] as number;
      sum += 2 ** -r;
      if (r === 0) zeros++;
    }
    const alpha = 0.7213 / (1 + 1.079 / m);
    const raw = (alpha * m * m) / sum;
    if (raw <= 2.5 * m && zeros > 0) return Math.round(m * Math.log(m / zeros));
    return Math.round(raw);
  }

  /** The union: per register the larger rank (the same registers whatever the order of adds). */
  merge(other: HyperLogLog): void {
    for (let i = 0; i < this.registers.length; i++) {
      const r = other.registers[i] as number;
      if (r > (this.registers[i] as number)) this.registers[i] = r;
    }
  }

  save(): Uint8Array {
    return this.registers;
  }

  static load(registers: Uint8Array): HyperLogLog {
    const h = new HyperLogLog();
    h.registers.set(registers);
    return h;
  }
}

/**
 * Misra-Gries: at most `k` counters; every value seen more than n/(k+1) times is kept, with a
 * count that is a lower bound. "Decrement every counter" is one step of a shared offset, and
 * counters that reach zero are swept only when the smallest stored count says one did, so a miss
 * costs O(1) amortized instead of O(k).
 */
export class HeavyHitters<T> {
  private readonly stored = new Map<T, number>();
  private offset = 0;
  /** A lower bound of the smallest stored count. */
  private minStored = 0;
  constructor(private readonly k: number) {}

  /** Starts from known counts (the exact counts kept until the distinct cap). */
  seed(entries: [T, number][]): void {
    entries
      .sort((a, b) => b[1] - a[1])
      .slice(0, this.k)
      .forEach(([v, c]) => this.stored.set(v, c));
    this.minStored = Math.min(...this.stored.values(), Infinity);
  }

  add(v: T): void {
    const c = this.stored.get(v);
    if (c !== undefined) this.stored.set(v, c + 1);
    else if (this.stored.size < this.k) {
      this.stored.set(keep(v), this.offset + 1);
      if (this.offset + 1 < this.minStored) this.minStored = this.offset + 1;
    } else {
      this.offset++;
      if (this.offset >= this.minStored) this.sweep();
    }
  }

  private sweep(): void {
    let min = Infinity;
    for (const [key, n] of this.stored) {
      if (n <= this.offset) this.stored.delete(key);
      else if (n < min) min = n;
    }
    this.minStored = min;
  }

  /**
   * Merges another summary's counters (the mergeable Misra-Gries step): counts of equal values add
   * up, and when more than `k` remain every counter drops by the (k+1)-th largest.
   */
  merge(other: Map<T, number>, order: (a: T, b: T) => number): void {
    const sum = this.counts;
    for (const [v, c] of other) sum.set(v, (sum.get(v) ?? 0) + c);
    const sorted = [...sum].sort((a, b) => b[1] - a[1] || order(a[0], b[0]));
    const cut = sorted.length > this.k ? (sorted[this.k] as [T, number])[1] : 0;
    this.stored.clear();
    this.offset = 0;
    for (const [v, c] of sorted.slice(0, this.k)) if (c > cut) this.stored.set(v, c - cut);
    this.minStored = Math.min(...this.stored.values(), Infinity);
  }

  save(): { stored: Map<T, number>; offset: number; minStored: number } {
    return { stored: this.stored, offset: this.offset, minStored: this.minStored };
  }

  static load<T>(k: number, s: ReturnType<HeavyHitters<T>['save']>): HeavyHitters<T> {
    const h = new HeavyHitters<T>(k);
    for (const [v, c] of s.stored) h.stored.set(v, c);
    h.offset = s.offset;
    h.minStored = s.minStored;
    return h;
  }

  /** Current counters: value -> lower bound of its count. */
  get counts(): Map<T, number> {
    const out = new Map<T, number>();
    for (const [key, n] of this.stored) if (n > this.offset) out.set(key, n - this.offset);
    return out;
  }
}

export interface HistogramData {
  /** Lower edge of the first bin. */
  lo: number;
  /** Width of every bin (0 when every value was the same). */
  width: number;
  counts: number[];
}

const BINS = 32;

/** A fixed number of bins that widen (merging neighbours) to cover every value seen. */
export class DoublingHistogram {
  private counts = new Float64Array(BINS);
  private lo = 0;
  private width = 0;
  private first = NaN;
  private n = 0;

  /** Adds `v` (`weight` times). */
  add(v: number, weight = 1): void {
    if (!Number.isFinite(v)) return;
    this.n += weight;
    if (this.n === weight) {
      this.first = v;
      return;
    }
    if (this.width === 0) {
      if (v === this.first) return;
      // Start with the two distinct values a quarter of the range apart from the middle.
      // Never 0 (subnormal differences underflow) and never infinite.
      this.width = Math.min(
        Math.max((Math.abs(v - this.first) * 2) / BINS, Number.MIN_VALUE),
        Number.MAX_VALUE / (4 * BINS),
      );
      this.lo = Math.min(v, this.first) - (BINS / 4) * this.width;
      this.counts[this.bin(this.first)] = this.n - weight;
    }
    // Each widening doubles the width; a range beyond float limits stops and clamps into the edge bins.
    while ((v < this.lo || v >= this.lo + BINS * this.width) && this.width < Number.MAX_VALUE / (4 * BINS)) {
      this.widen(v < this.lo);
    }
    const b = this.bin(v);
    this.counts[b] = (this.counts[b] as number) + weight;
  }

  /** Adds another histogram's counts, each bin's at its centre (deterministic, not exact). */
  merge(other: DoublingHistogram): void {
    if (other.n === 0) return;
    if (this.n === 0) {
      this.counts = Float64Array.from(other.counts);
      this.lo = other.lo;
      this.width = other.width;
      this.first = other.first;
      this.n = other.n;
      return;
    }
    if (other.width === 0) {
      this.add(other.first, other.n);
      return;
    }
    for (let i = 0; i < BINS; i++) {
      const c = other.counts[i] as number;
      if (c > 0) this.add(other.lo + (i + 0.5) * other.width, c);
    }
  }

  save(): { counts: Float64Array; lo: number; width: number; first: number; n: number } {
    return { counts: this.counts, lo: this.lo, width: this.width, first: this.first, n: this.n };
  }

  static load(s: ReturnType<DoublingHistogram['save']>): DoublingHistogram {
    const h = new DoublingHistogram();
    Object.assign(h, { ...s, counts: Float64Array.from(s.counts) });
    return h;
  }

  private bin(v: number): number {
    return Math.min(BINS - 1, Math.max(0, Math.floor((v - this.lo) / this.width)));
  }

  private widen(downwards: boolean): void {
    const merged = new Float64Array(BINS);
    const offset = downwards ? BINS / 2 : 0;
    for (let i = 0; i < BINS / 2; i++) {
      merged[offset + i] = (this.counts[2 * i] as number) + (this.counts[2 * i + 1] as number);
    }
    if (downwards) this.lo -= BINS * this.width;
    this.width *= 2;
    this.counts = merged;
  }

  result(): HistogramData | null {
    if (this.n === 0) return null;
    if (this.width === 0) return { lo: this.first, width: 0, counts: [this.n] };
    let a = 0;
    let b = BINS - 1;
    while (a < b && this.counts[a] === 0) a++;
    while (b > a && this.counts[b] === 0) b--;
    return {
      lo: this.lo + a * this.width,
      width: this.width,
      counts: Array.from(this.counts.subarray(a, b + 1)),
    };
  }
}
