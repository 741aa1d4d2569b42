/**
 * @module Canonical text for typed values, shared by every text format: ISO dates, times and
 * timestamps (UTC), fixed-scale decimals, JSON for json values.
 *
 * Hot path: dates are formatted arithmetically (civil-from-days) instead of through Date objects.
 */
import type { Value } from '../expr/index.js';
import type { ColumnSpec } from '../compile/index.js';
import type { ByteWriter } from './byte-writer.js';

const DAY = 86_400_000;
const PAD2: string[] = Array.from({ length: 100 }, (_, i) => (i < 10 ? '0' : '') + i);

/** YYYY-MM-DD of an epoch-ms instant (UTC). */
export function formatDate(ms: number): string {
  const z = Math.floor(ms / DAY) + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const ys =
    y >= 0 && y <= 9999
      ? String(y).padStart(4, '0')
      : (y < 0 ? '-' : '+') + String(Math.abs(y)).padStart(6, '0');
  return ys + '-' + PAD2[m] + '-' + PAD2[d];
}

/** HH:MM:SS[.mmm] of milliseconds since midnight. */
export function formatTime(msOfDay: number): string {
  const ms = ((msOfDay % DAY) + DAY) % DAY;
  const s = Math.floor(ms / 1000);
  const frac = ms - s * 1000;
  const base = PAD2[Math.floor(s / 3600)] + ':' + PAD2[Math.floor(s / 60) % 60] + ':' + PAD2[s % 60];
  return frac === 0 ? base : base + '.' + String(frac).padStart(3, '0');
}

/** YYYY-MM-DDTHH:MM:SS[.mmm]Z of an epoch-ms instant. */
export function formatTimestamp(ms: number, separator = 'T', zone = 'Z'): string {
  const day = Math.floor(ms / DAY);
  return formatDate(ms) + separator + formatTime(ms - day * DAY) + zone;
}

/** Fixed-point text with exactly `scale` digits (no exponent notation). */
export function formatDecimal(v: number, scale: number): string {
  return v.toFixed(scale);
}

/** The canonical text of a non-null value of a column. */
export function valueText(v: Exclude<Value, null>, col: ColumnSpec): string {
  switch (col.kind) {
    case 'date':
      return formatDate(v as number);
    case 'timestamp':
      return formatTimestamp(v as number);
    case 'time':
      return formatTime(v as number);
    case 'decimal':
      return typeof v === 'number' ? formatDecimal(v, col.scale ?? 2) : String(v);
    case 'json':
      return JSON.stringify(v);
    default:
      return typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
}

// ---- Byte forms -----------------------------------------------------------------------------
// Hot path: the same texts as above written straight into a ByteWriter, digit by digit, so the
// encoder makes no string per value. Each returns false (writing nothing) when its fast path does
// not apply; the caller then falls back to the string form, so output is identical either way.

/** ASCII digit pairs "00".."99". */
const DIGITS2 = new Uint8Array(200);
for (let i = 0; i < 100; i++) {
  DIGITS2[2 * i] = 48 + Math.floor(i / 10);
  DIGITS2[2 * i + 1] = 48 + (i % 10);
}
const DASH = 45;
const COLON = 58;
const DOT = 46;
/** Decimals whose scaled integer stays below this are exact in binary64 arithmetic (see writeDecimal). */
const DECIMAL_EXACT = 2 ** 50;

/** Two digits of v in [0, 100) at p. */
function put2(buf: Uint8Array, p: number, v: number): void {
  buf[p] = DIGITS2[v << 1] as number;
  buf[p + 1] = DIGITS2[(v << 1) + 1] as number;
}

/** Decimal digits of a non-negative integer below 2^31 (int32 math from here on). */
function digitCount(n: number): number {
  if (n < 100000) return n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : n < 10000 ? 4 : 5;
  return n < 1000000 ? 6 : n < 10000000 ? 7 : n < 100000000 ? 8 : n < 1000000000 ? 9 : 10;
}

/** Writes a non-negative integer below 2^53 in decimal, two digits per step. */
function putDigits(w: ByteWriter, n: number): void {
  if (n >= 2147483648) {
    putBigDigits(w, n);
    return;
  }
  const len = digitCount(n);
  w.ensure(len);
  const buf = w.buf;
  let p = w.pos + len;
  w.pos = p;
  let t = n | 0;
  while (t >= 100) {
    const q = (t / 100) | 0;
    const r = (t - q * 100) << 1;
    buf[--p] = DIGITS2[r + 1] as number;
    buf[--p] = DIGITS2[r] as number;
    t = q;
  }
  if (t >= 10) {
    buf[--p] = DIGITS2[(t << 1) + 1] as number;
    buf[--p] = DIGITS2[t << 1] as number;
  } else buf[--p] = 48 + t;
}

function putBigDigits(w: ByteWriter, n: number): void {
  let len = 1;
  for (let t = n; t >= 10; t = Math.floor(t / 10)) len++;
  w.ensure(len);
  const buf = w.buf;
  let p = w.pos + len;
  w.pos = p;
  let t = n;
  do {
    const q = Math.floor(t / 10);
    buf[--p] = 48 + (t - q * 10);
    t = q;
  } while (t > 0);
}

/** String(n) for safe integers. */
export function writeInteger(w: ByteWriter, n: number): boolean {
  if (!Number.isSafeInteger(n)) return false;
  if (n < 0) {
    w.byte(DASH);
    putDigits(w, -n);
  } else putDigits(w, n);
  return true;
}

/**
 * formatDecimal(v, scale) when v is the double nearest to k / 10^scale (what the decimal
 * generators produce): toFixed then prints exactly k's digits, because v lies within half an ulp
 * of k / 10^scale and that is far below half a unit of the last digit while |k| < 2^50.
 */
export function writeDecimal(w: ByteWriter, v: number, scale: number, factor: number): boolean {
  const k = Math.round(v * factor);
  if (!(k < DECIMAL_EXACT && k > -DECIMAL_EXACT) || k / factor !== v) return false;
  let a = k;
  if (a < 0) {
    w.byte(DASH);
    a = -a;
  }
  const ip = Math.floor(a / factor);
  putDigits(w, ip);
  if (scale === 0) return true;
  let frac = a - ip * factor;
  w.ensure(scale + 1);
  const buf = w.buf;
  buf[w.pos] = DOT;
  if (scale === 2) {
    // The common money case: one digit pair.
    put2(buf, w.pos + 1, frac);
    w.pos += 3;
    return true;
  }
  let p = w.pos + scale;
  w.pos = p + 1;
  for (let i = 0; i < scale; i++) {
    const q = Math.floor(frac / 10);
    buf[p--] = 48 + (frac - q * 10);
    frac = q;
  }
  return true;
}

/**
 * YYYY-MM-DD of epoch day `days` at `p` (10 bytes); false before 0000-03-01 or after 9999.
 * Same civil-from-days arithmetic as formatDate; from 0000-03-01 on every quantity is a
 * non-negative int32, so `| 0` is the floor.
 */
function putCivil(buf: Uint8Array, p: number, days: number): boolean {
  const z = days + 719468;
  if (!(z >= 0 && z < 2147483648)) return false;
  const era = (z / 146097) | 0;
  const doe = z - era * 146097;
  const yoe = ((doe - ((doe / 1460) | 0) + ((doe / 36524) | 0) - ((doe / 146096) | 0)) / 365) | 0;
  const doy = doe - (365 * yoe + ((yoe / 4) | 0) - ((yoe / 100) | 0));
  const mp = ((5 * doy + 2) / 153) | 0;
  const d = doy - (((153 * mp + 2) / 5) | 0) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  if (y > 9999) return false;
  const hi = (y / 100) | 0;
  put2(buf, p, hi);
  put2(buf, p + 2, y - hi * 100);
  buf[p + 4] = DASH;
  put2(buf, p + 5, m);
  buf[p + 7] = DASH;
  put2(buf, p + 8, d);
  return true;
}

/** HH:MM:SS[.mmm] of an integer ms in [0, DAY) at `p`; returns the new position. */
function putClock(buf: Uint8Array, p: number, ms: number): number {
  const s = (ms / 1000) | 0;
  const frac = ms - s * 1000;
  const h = (s / 3600) | 0;
  const rem = s - h * 3600;
  const mi = (rem / 60) | 0;
  put2(buf, p, h);
  buf[p + 2] = COLON;
  put2(buf, p + 3, mi);
  buf[p + 5] = COLON;
  put2(buf, p + 6, rem - mi * 60);
  if (frac === 0) return p + 8;
  buf[p + 8] = DOT;
  const q = (frac / 100) | 0;
  buf[p + 9] = 48 + q;
  put2(buf, p + 10, frac - q * 100);
  return p + 12;
}

/** formatDate(ms). */
export function writeDate(w: ByteWriter, ms: number): boolean {
  w.ensure(10);
  if (!putCivil(w.buf, w.pos, Math.floor(ms / DAY))) return false;
  w.pos += 10;
  return true;
}

/** formatTimestamp(ms) with the default separator and zone. */
export function writeTimestamp(w: ByteWriter, ms: number): boolean {
  if (!Number.isSafeInteger(ms)) return false;
  const day = Math.floor(ms / DAY);
  w.ensure(24);
  const buf = w.buf;
  if (!putCivil(buf, w.pos, day)) return false;
  buf[w.pos + 10] = 84; // 'T'
  const p = putClock(buf, w.pos + 11, ms - day * DAY);
  buf[p] = 90; // 'Z'
  w.pos = p + 1;
  return true;
}

/** formatTime(msOfDay). */
export function writeTime(w: ByteWriter, msOfDay: number): boolean {
  if (!Number.isSafeInteger(msOfDay)) return false;
  w.ensure(12);
  w.pos = putClock(w.buf, w.pos, ((msOfDay % DAY) + DAY) % DAY);
  return true;
}

/** Converts a value to its JSON representation (dates as ISO strings, decimals as numbers). */
export function jsonValue(v: Value, col: ColumnSpec): unknown {
  if (v === null) return null;
  switch (col.kind) {
    case 'date':
    case 'timestamp':
    case 'time':
      return valueText(v, col);
    default:
      return v;
  }
}
