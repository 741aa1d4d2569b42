/**
 * @module Counter-based hashing: the single seam through which randomness enters tdm.
 *
 * Everything is 32-bit `Math.imul` arithmetic (no BigInt) so the hot path stays in small integers.
 */

/** A strong 32-bit integer finalizer (lowbias32, Chris Wellons); a bijection on uint32. */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** FNV-1a over UTF-16 code units, finalized with mix32: stable sub-seeds from names. */
export function hashString(s: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/** Combines a 32-bit seed with a non-negative integer index (up to 2^53) into a 32-bit state. */
export function hashIndex(seed: number, index: number): number {
  const lo = index >>> 0;
  const hi = index > 0xffffffff ? Math.floor(index / 4294967296) : 0;
  return mix32((seed ^ mix32(lo + 0x9e3779b9) ^ Math.imul(hi, 0x85ebca6b)) >>> 0);
}

/** The sub-seed of a named stream of a dataset: `hash(seed, "entity.field")`. */
export function streamSeed(datasetSeed: number, name: string): number {
  return hashString(name, mix32(datasetSeed >>> 0));
}
