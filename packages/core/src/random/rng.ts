/**
 * @module A tiny mutable per-row PRNG (splitmix32 over mix32), reseeded for every (stream, row).
 *
 * Hot path: one instance per compiled entity is reused for every value, so drawing allocates nothing.
 */
import { hashIndex, mix32 } from './hash.js';

const INV_2_32 = 1 / 4294967296;

export class Rng {
  private state = 0;

  /** Positions the generator at (stream seed, row index, attempt). */
  seed(streamSeed: number, row: number, attempt = 0): this {
    this.state = hashIndex(streamSeed + Math.imul(attempt, 0x632be5ab), row);
    return this;
  }

  /** Next uniform uint32. */
  next(): number {
    this.state = (this.state + 0x9e3779b9) | 0;
    return mix32(this.state);
  }

  /** Uniform float in [0, 1) with 32 bits of precision. */
  float(): number {
    return this.next() * INV_2_32;
  }

  /** Uniform float in [0, 1) with 53 bits of precision. */
  double(): number {
    return (this.next() * 2097152 + (this.next() >>> 11)) * (INV_2_32 / 2097152);
  }

  /** Uniform integer in [0, n) for n up to 2^53. */
  below(n: number): number {
    return n <= 4294967296 ? Math.floor(this.float() * n) : Math.floor(this.double() * n);
  }

  /** Uniform integer in [min, max] (inclusive). */
  int(min: number, max: number): number {
    return min + this.below(max - min + 1);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  /** A uniform element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)] as T;
  }

  /** Standard normal deviate (Box-Muller, one value per call). */
  normal(): number {
    const u = 1 - this.double();
    const v = this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
