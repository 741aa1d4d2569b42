/**
 * @module The keyed format-preserving permutation behind pseudonymization: an alternating
 * Feistel network (in the style of NIST FF1) over a mixed-radix vector (each position a digit,
 * letter or hex digit). Each round adds a keyed function of one half to the other half, position
 * by position modulo its radix, so every round, and the whole network, is a bijection of the
 * vectors of one shape: distinct inputs of one shape always give distinct outputs (injective, no
 * collisions). Round keys come from HMAC-SHA256 under a sub-key of the team secret, one set per
 * tweak; the round function is HalfSipHash-2-4 (a keyed short-input PRF in 32-bit arithmetic) with
 * a 64-bit key per round, because an HMAC per round costs ~60 us per value on our machines.
 */
import { createHmac } from 'node:crypto';
import { mix32 } from '../../random/index.js';

/** Rounds of the network (FF3-1 uses 8). */
const ROUNDS = 8;
/** Distinct tweaks whose round keys are kept (each costs two HMACs to derive). */
const KEY_CACHE_LIMIT = 4096;

/** The team secret, turned into per-tweak round keys. */
export class PseudonymKey {
  private readonly subkey: Buffer;
  private readonly rounds = new Map<string, Uint32Array>();

  constructor(secret: string | Uint8Array) {
    // A sub-key for this purpose only, so the team secret itself keys nothing else here.
    this.subkey = createHmac('sha256', secret).update('tdm/pseudonymize/v1').digest();
  }

  /** HMAC-SHA256(subkey, message). */
  mac(message: string): Buffer {
    return createHmac('sha256', this.subkey).update(message).digest();
  }

  /** Two 32-bit key words per round for a tweak. */
  roundKeys(tweak: string): Uint32Array {
    let keys = this.rounds.get(tweak);
    if (!keys) {
      const a = this.mac(`rounds\u00000\u0000${tweak}`);
      const b = this.mac(`rounds\u00001\u0000${tweak}`);
      keys = new Uint32Array(ROUNDS * 2);
      for (let i = 0; i < 8; i++) {
        keys[i] = a.readUInt32LE(i * 4);
        keys[8 + i] = b.readUInt32LE(i * 4);
      }
      if (this.rounds.size >= KEY_CACHE_LIMIT) this.rounds.clear();
      this.rounds.set(tweak, keys);
    }
    return keys;
  }
}

const rotl = (x: number, b: number): number => (x << b) | (x >>> (32 - b));

/** HalfSipHash-2-4 state, module-level so a round allocates nothing. */
const v = new Int32Array(4);

function sipRound(): void {
  let v0 = v[0] as number;
  let v1 = v[1] as number;
  let v2 = v[2] as number;
  let v3 = v[3] as number;
  v0 = (v0 + v1) | 0;
  v1 = rotl(v1, 5) ^ v0;
  v0 = rotl(v0, 16);
  v2 = (v2 + v3) | 0;
  v3 = rotl(v3, 8) ^ v2;
  v0 = (v0 + v3) | 0;
  v3 = rotl(v3, 7) ^ v0;
  v2 = (v2 + v1) | 0;
  v1 = rotl(v1, 13) ^ v2;
  v2 = rotl(v2, 16);
  v[0] = v0;
  v[1] = v1;
  v[2] = v2;
  v[3] = v3;
}

function absorb(m: number): void {
  v[3] = (v[3] as number) ^ m;
  sipRound();
  sipRound();
  v[0] = (v[0] as number) ^ m;
}

/** Result of `prf`: 64 bits as two words. */
const out = new Uint32Array(2);

/** HalfSipHash-2-4 with 64-bit output over 32-bit words (the last word carries the length). */
function prf(k0: number, k1: number, words: readonly number[], count: number): void {
  v[0] = k0;
  v[1] = k1 ^ 0xee;
  v[2] = 0x6c796765 ^ k0;
  v[3] = 0x74656462 ^ k1;
  for (let i = 0; i < count; i++) absorb(words[i] as number);
  absorb(((count * 4) & 0xff) << 24);
  v[2] = (v[2] as number) ^ 0xee;
  for (let i = 0; i < 4; i++) sipRound();
  out[0] = (v[1] as number) ^ (v[3] as number);
  v[1] = (v[1] as number) ^ 0xdd;
  for (let i = 0; i < 4; i++) sipRound();
  out[1] = (v[1] as number) ^ (v[3] as number);
}

const words: number[] = [];

/**
 * Enciphers `values` in place: position i holds a number below `radix[i]` (2..255). The result is
 * a bijection of all vectors with these radices, chosen by (key, tweak) and the radix pattern.
 */
export function encipher(key: PseudonymKey, tweak: string, values: Uint8Array, radix: Uint8Array): void {
  const n = values.length;
  if (n === 0) return;
  const keys = key.roundKeys(tweak);
  let shape = n;
  for (let i = 0; i < n; i++) shape = mix32((shape ^ Math.imul(radix[i] as number, 0x9e3779b1)) >>> 0);
  const u = n >> 1;
  for (let r = 0; r < ROUNDS; r++) {
    // Even rounds change the left half [0, u) from the right; odd rounds the right from the left.
    const even = r % 2 === 0;
    const src0 = even ? u : 0;
    const src1 = even ? n : u;
    const dst0 = even ? 0 : u;
    const dst1 = even ? u : n;
    if (dst1 === dst0) continue;
    words.length = 0;
    words.push(shape);
    for (let i = src0; i < src1; i += 4) {
      let w = 0;
      for (let j = i; j < i + 4 && j < src1; j++) w = (w << 8) | (values[j] as number);
      words.push(w);
    }
    prf(keys[r * 2] as number, keys[r * 2 + 1] as number, words, words.length);
    const o0 = out[0] as number;
    const o1 = out[1] as number;
    for (let i = dst0; i < dst1; i++) {
      // The 64 PRF bits spread over the half's positions.
      const f = mix32((o0 ^ mix32((o1 + Math.imul(i + 1, 0x9e3779b9)) >>> 0)) >>> 0);
      const rad = radix[i] as number;
      values[i] = ((values[i] as number) + (f % rad)) % rad;
    }
  }
}

/** How one character takes part: a class with an alphabet, or fixed (kept as it is). */
export interface CharClass {
  alphabet: string;
}

export const DIGITS: CharClass = { alphabet: '0123456789' };
export const NONZERO: CharClass = { alphabet: '123456789' };
export const LOWER: CharClass = { alphabet: 'abcdefghijklmnopqrstuvwxyz' };
export const UPPER: CharClass = { alphabet: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' };
export const HEX: CharClass = { alphabet: '0123456789abcdef' };
export const HEX_UPPER: CharClass = { alphabet: '0123456789ABCDEF' };

/** Reused vectors for strings of up to this many enciphered characters (no allocation per value). */
const BUFFER = 256;
const valueBuffer = new Uint8Array(BUFFER);
const radixBuffer = new Uint8Array(BUFFER);

/**
 * Enciphers the characters of `s` that have a class (`classes[i]`, null = kept), keeping every
 * other character in place: the result has the same length and the same pattern of classes.
 */
export function encipherChars(
  key: PseudonymKey,
  tweak: string,
  s: string,
  classes: readonly (CharClass | null)[],
): string {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (classes[i]) n++;
  const values = n <= BUFFER ? valueBuffer.subarray(0, n) : new Uint8Array(n);
  const radix = n <= BUFFER ? radixBuffer.subarray(0, n) : new Uint8Array(n);
  for (let i = 0, j = 0; i < s.length; i++) {
    const c = classes[i];
    if (!c) continue;
    values[j] = c.alphabet.indexOf(s[i] as string);
    radix[j++] = c.alphabet.length;
  }
  encipher(key, tweak, values, radix);
  let out = '';
  for (let i = 0, j = 0; i < s.length; i++) {
    const c = classes[i];
    out += c ? (c.alphabet[values[j++] as number] as string) : s[i];
  }
  return out;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Classes of a general string: ASCII letters keep their case, digits stay digits, anything else is
 * kept. The first digit of a run of two or more keeps "no leading zero": a nonzero digit stays
 * nonzero and a leading 0 is kept, so "00123" and "123" keep their length and number-ness.
 */
export function textClasses(s: string): (CharClass | null)[] {
  const out: (CharClass | null)[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isDigit(c)) {
      const runStart = i === 0 || !isDigit(s.charCodeAt(i - 1));
      const runLong = i + 1 < s.length && isDigit(s.charCodeAt(i + 1));
      out.push(runStart && runLong ? (c === 48 ? null : NONZERO) : DIGITS);
    } else if (c >= 97 && c <= 122) out.push(LOWER);
    else if (c >= 65 && c <= 90) out.push(UPPER);
    else out.push(null);
  }
  return out;
}
