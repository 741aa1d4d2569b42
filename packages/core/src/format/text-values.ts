/**
 * @module Canonical text for typed values, shared by every text format: ISO dates, times and
 * timestamps (UTC), fixed-scale decimals, JSON for json values.
 *
 * Hot path: dates are formatted arithmetically (civil-from-days) instead of through Date objects.
 */
import type { Value } from '../expr/index.js';
import type { ColumnSpec } from '../compile/index.js';

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
