/**
 * @module Bounded summaries for field profiles: HyperLogLog for distinct counts past the exact
 * cap, Misra-Gries heavy hitters for top values, and a histogram whose bins double in width when a
 * value falls outside them, so one pass over unknown ranges keeps a fixed number of bins.
 */

/** HyperLogLog with 2^12 registers (4 KiB, ~1.6% standard error). */
export class HyperLogLog {
  private readonly registers = new Uint8Array(4096);

  add(h1: number, h2: number): void {
    const idx = h1 >>> 20;
    const rank = Math.min(Math.clz32(h2) + 1, 32);
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
}

/** Misra-Gries: at most `k` counters; every value seen more than n/(k+1) times is kept. */
export class HeavyHitters<T> {
  readonly counts = new Map<T, number>();
  constructor(private readonly k: number) {}

  /** Starts from known counts (the exact counts kept until the distinct cap). */
  seed(entries: [T, number][]): void {
    entries
      .sort((a, b) => b[1] - a[1])
      .slice(0, this.k)
      .forEach(([v, c]) => this.counts.set(v, c));
  }

  add(v: T): void {
    const c = this.counts.get(v);
    if (c !== undefined) this.counts.set(v, c + 1);
    else if (this.counts.size < this.k) this.counts.set(v, 1);
    else {
      for (const [key, n] of this.counts) {
        if (n <= 1) this.counts.delete(key);
        else this.counts.set(key, n - 1);
      }
    }
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

  add(v: number): void {
    if (!Number.isFinite(v)) return;
    this.n++;
    if (this.n === 1) {
      this.first = v;
      return;
    }
    if (this.width === 0) {
      if (v === this.first) return;
      // Start with the two distinct values a quarter of the range apart from the middle.
      this.width = (Math.abs(v - this.first) * 2) / BINS;
      this.lo = Math.min(v, this.first) - (BINS / 4) * this.width;
      this.counts[this.bin(this.first)] = this.n - 1;
    }
    while (v < this.lo || v >= this.lo + BINS * this.width) this.widen(v < this.lo);
    const b = this.bin(v);
    this.counts[b] = (this.counts[b] as number) + 1;
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
