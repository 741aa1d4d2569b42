/**
 * @module Bijections of the row index: how unique values cost no memory.
 *
 * A balanced Feistel network over the smallest even power of two covering the domain, with
 * cycle-walking to stay inside [0, size). Domains up to 2^52 are supported using only 32-bit math
 * per half (halves of up to 26 bits).
 */
import { mix32 } from './hash.js';

export class Permutation {
  private readonly halfBits: number;
  private readonly halfMask: number;
  private readonly halfSize: number;
  private readonly keys: Uint32Array;
  /** Halves of at most 15 bits: the whole walk fits in int32 bit operations. */
  private readonly small: boolean;

  constructor(
    readonly size: number,
    seed: number,
    rounds = 4,
  ) {
    if (!(size >= 1) || !Number.isSafeInteger(size) || size > 2 ** 52) {
      throw new RangeError(`permutation size out of range: ${size}`);
    }
    let bits = 2;
    while (2 ** bits < size) bits += 2;
    this.halfBits = bits / 2;
    this.halfSize = 2 ** this.halfBits;
    this.halfMask = this.halfSize - 1;
    this.keys = new Uint32Array(rounds);
    this.small = this.halfBits <= 15;
    this.reseed(seed);
  }

  /** Switches to another permutation of the same size without allocating (e.g. one per parent). */
  reseed(seed: number): this {
    for (let i = 0; i < this.keys.length; i++)
      this.keys[i] = mix32((seed ^ Math.imul(i + 1, 0x9e3779b9)) >>> 0);
    return this;
  }

  /**
   * The image of i in [0, size); distinct i give distinct images.
   *
   * Hot path (unique keys, and every foreign-key lookup of a parent's key): domains below 2^30 —
   * nearly all tables — take a shifts-and-masks walk; the float arithmetic of larger domains
   * computes the same bits.
   */
  at(i: number): number {
    if (this.small) return this.atSmall(i);
    let x = i;
    do {
      x = this.round(x);
    } while (x >= this.size);
    return x;
  }

  private atSmall(i: number): number {
    const keys = this.keys;
    const rounds = keys.length;
    const bits = this.halfBits;
    const mask = this.halfMask;
    const size = this.size;
    let x = i;
    do {
      let left = x >>> bits;
      let right = x & mask;
      for (let r = 0; r < rounds; r++) {
        const next = left ^ (mix32((right ^ (keys[r] as number)) >>> 0) & mask);
        left = right;
        right = next;
      }
      x = (left << bits) | right;
    } while (x >= size);
    return x;
  }

  private round(x: number): number {
    let left = Math.floor(x / this.halfSize);
    let right = x - left * this.halfSize;
    const keys = this.keys;
    for (let r = 0; r < keys.length; r++) {
      const f = mix32((right ^ (keys[r] as number)) >>> 0) & this.halfMask;
      const next = (left ^ f) >>> 0;
      left = right;
      right = next;
    }
    return left * this.halfSize + right;
  }
}
