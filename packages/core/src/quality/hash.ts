/**
 * @module 64-bit fingerprints of cell values as two independent 32-bit hashes (murmur3-style
 * mixing with `Math.imul`, no BigInt), so key tracking stores 8 bytes per key. Two distinct keys
 * collide with probability ~2^-64 per pair: ~3e-8 for a billion keys.
 */
import type { CellValue } from './source.js';

/** The last fingerprint computed (returned through module state to avoid allocating a pair). */
export const fp = { h1: 0, h2: 0 };

/** murmur3's finalizer: every input bit affects every output bit. */
export function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Feeds a string into the running pair (a, b), two code units per step (a 32-bit word): half the
 * multiplications of one per step. An odd last unit is fed alone; the callers seed with the
 * length, which keeps "a" apart from "a\0".
 */
function feed(s: string, a: number, b: number): void {
  const n = s.length;
  const even = n & ~1;
  let i = 0;
  for (; i < even; i += 2) {
    const c = s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16);
    a = Math.imul(a ^ c, 0xcc9e2d51);
    a = (a << 15) | (a >>> 17);
    b = Math.imul(b ^ c, 0x1b873593);
    b = (b << 13) | (b >>> 19);
    b = Math.imul(b, 5) + 0xe6546b64;
  }
  if (i < n) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0xcc9e2d51);
    a = (a << 15) | (a >>> 17);
    b = Math.imul(b ^ c, 0x1b873593);
    b = (b << 13) | (b >>> 19);
    b = Math.imul(b, 5) + 0xe6546b64;
  }
  fp.h1 = a;
  fp.h2 = b;
}

/** The text a value is keyed by: type-tagged, so 1 and "1" differ while 1 and 1.0 agree. */
export function keyText(v: CellValue): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? '\u0001' + String(v) : '\u0002' + String(v);
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** Fingerprints one value into `fp`. Numbers hash their float bits (no string is built). */
export function fingerprint(v: CellValue): void {
  if (typeof v === 'number') {
    f64[0] = v === 0 ? 0 : v; // -0 and 0 are one key
    const a = u32[0] as number;
    const b = u32[1] as number;
    fp.h1 = fmix(Math.imul(a ^ 0x9747b28c, 0xcc9e2d51) ^ b);
    fp.h2 = fmix(Math.imul(b ^ 0x5bd1e995, 0x1b873593) ^ a ^ 0x27d4eb2f);
    return;
  }
  const s = keyText(v);
  feed(s, 0x9747b28c ^ s.length, 0x5bd1e995 ^ s.length);
  fp.h1 = fmix(fp.h1);
  fp.h2 = fmix(fp.h2 ^ 0x27d4eb2f);
}

/** Fingerprints several values as one composite key (order matters) into `fp`. */
export function fingerprintTuple(values: readonly CellValue[]): void {
  let a = 0x9747b28c ^ values.length;
  let b = 0x5bd1e995 ^ values.length;
  for (const v of values) {
    const s = keyText(v);
    // Each text's length (as `fingerprint` does) keeps "a" apart from "a\0" (fed as one word);
    // the separator step keeps ("ab","c") apart from ("a","bc").
    feed(s, a ^ s.length, b ^ s.length);
    a = Math.imul(fp.h1 ^ 0xffff, 0x85ebca6b);
    b = Math.imul(fp.h2 ^ 0xfffe, 0xc2b2ae35);
  }
  fp.h1 = fmix(a);
  fp.h2 = fmix(b ^ 0x27d4eb2f);
}

/**
 * One 32-bit hash of a value (for HyperLogLog, which needs no 64-bit identity): half the work of
 * `fingerprint`.
 */
export function hash32(v: CellValue): number {
  if (typeof v === 'number') {
    f64[0] = v === 0 ? 0 : v;
    return fmix(Math.imul((u32[0] as number) ^ 0x9747b28c, 0xcc9e2d51) ^ (u32[1] as number));
  }
  const s = typeof v === 'string' ? v : '\u0002' + String(v);
  let h = 0x9747b28c ^ s.length;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x5bd1e995);
  return fmix(h);
}
