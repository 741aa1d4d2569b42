/**
 * @module Shared building blocks for unique values: 128 bits that are an injective function of an
 * index (uuids, IPv6 addresses), and fixed-width digit strings (account numbers, CVVs).
 */
import { mix32 } from '../random/index.js';
import type { CompiledValue } from './types.js';

/**
 * Calls `build` with four 32-bit words that are injective in k (k < 2^52): word 0 is a bijection
 * of k's low 32 bits, and word 3 carries its high bits (shifted by `hiShift`) under a mask derived
 * from the low bits. Words 1 and 2 only look random. `build` must keep words 0 and 3 intact.
 */
export function injectiveWords<T>(
  k: number,
  seed: number,
  hiShift: number,
  build: (w0: number, w1: number, w2: number, w3: number) => T,
): T {
  const lo = k >>> 0;
  const hi = Math.floor(k / 4294967296);
  const h = mix32((lo ^ seed) >>> 0);
  return build(
    mix32((lo ^ 0x5bd1e995 ^ seed) >>> 0),
    mix32(h),
    mix32(h ^ 0x27d4eb2d),
    (mix32(h ^ 0x165667b1) ^ (hi << hiShift)) >>> 0,
  );
}

/** Strings of exactly `length` digits, leading zeros kept; the k-th is k itself. */
export function digitString(length: number): CompiledValue {
  const size = 10 ** length;
  return {
    kind: 'string',
    maxLength: length,
    draw: (rng) => String(rng.below(size)).padStart(length, '0'),
    capacity: size,
    at: (k) => String(k).padStart(length, '0'),
  };
}
