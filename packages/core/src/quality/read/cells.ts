/**
 * @module Cell text -> typed values: null tokens, booleans, integers vs numbers, dates. Hot path:
 * one converter closure per column, chosen once, called per cell; no allocation on the common
 * paths (numbers go through `Number`, canonical dates pass through as they are).
 */
import { anyDate, anyTimestamp, dateParsers, isoTimestamp, timestampParsers } from './dates.js';
import type { CellValue, ColumnType } from './types.js';

/** Texts that mean "no value" in files from spreadsheets, R, pandas and databases. */
export const NULL_TOKENS: ReadonlySet<string> = new Set([
  '',
  'NA',
  'N/A',
  'n/a',
  'na',
  '#N/A',
  'null',
  'NULL',
  'Null',
  'NaN',
  'nan',
  '.',
  '-',
]);

export function isNullToken(s: string): boolean {
  return s.length <= 4 && NULL_TOKENS.has(s);
}

/** Leading zeros mark identifiers (zip codes, account numbers): such text stays a string. */
const LEADING_ZERO = /^[-+]?0\d/;
// Maps, not object literals: a cell reading "constructor" must not find Object.prototype's.
const BOOLEANS = new Map<string, boolean>(
  ['true', 'yes']
    .flatMap((w) => variants(w).map((v): [string, boolean] => [v, true]))
    .concat(['false', 'no'].flatMap((w) => variants(w).map((v): [string, boolean] => [v, false]))),
);
const LOOSE_BOOLEANS = new Map<string, boolean>([
  ...BOOLEANS,
  ['t', true],
  ['f', false],
  ['1', true],
  ['0', false],
]);

function variants(w: string): string[] {
  return [w, w.toUpperCase(), w[0]!.toUpperCase() + w.slice(1)];
}

export function textBoolean(s: string): boolean | undefined {
  return BOOLEANS.get(s);
}

/**
 * An integer cell as a number, or undefined (not an integer, a leading zero, beyond 2^53).
 * Hot path: one charCode loop instead of a regex plus Number().
 */
export function textInteger(s: string): number | undefined {
  const n = s.length;
  if (n === 0 || n > 16) return undefined;
  let i = 0;
  const c0 = s.charCodeAt(0);
  const neg = c0 === 45;
  if (neg || c0 === 43) {
    if (n === 1) return undefined;
    i = 1;
  }
  if (s.charCodeAt(i) === 48 && n > i + 1) return undefined;
  let v = 0;
  for (; i < n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    v = v * 10 + d;
  }
  if (v > Number.MAX_SAFE_INTEGER) return undefined;
  return neg ? -v : v;
}

/** A decimal cell (1.5, -.25, 3e8) as a number, or undefined. Validated by a charCode loop. */
export function textNumber(s: string): number | undefined {
  const n = s.length;
  if (n === 0 || n > 64) return undefined;
  let i = 0;
  const c0 = s.charCodeAt(0);
  if (c0 === 45 || c0 === 43) i = 1;
  let digits = 0;
  let dot = false;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 46 && !dot) dot = true;
    else break;
  }
  if (digits === 0) return undefined;
  if (i < n) {
    const e = s.charCodeAt(i);
    if (e !== 101 && e !== 69) return undefined;
    i++;
    const sign = s.charCodeAt(i);
    if (sign === 45 || sign === 43) i++;
    const start = i;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 48 || c > 57) return undefined;
    }
    if (i === start || i - start > 3) return undefined;
  }
  const v = Number(s);
  return Number.isFinite(v) ? v : undefined;
}

export function hasLeadingZero(s: string): boolean {
  return LEADING_ZERO.test(s);
}

export function looksJson(s: string): boolean {
  const c = s.charCodeAt(0);
  if (c !== 123 && c !== 91) return false; // { or [
  try {
    const v: unknown = JSON.parse(s);
    return typeof v === 'object' && v !== null;
  } catch {
    return false;
  }
}

/** How one column's text becomes values: its type plus, for dates, the form the file uses. */
export interface ColumnReading {
  type: ColumnType;
  /** A key of dateParsers / timestampParsers; absent means "any known form". */
  dateForm?: string;
  /** True when null tokens (NA, null, -, ...) read as null in a string column too. */
  nullTokensInStrings: boolean;
}

export type TextConverter = (s: string | null) => CellValue;

/**
 * The converter of a text column (CSV/TSV). `null` is an unquoted empty field. A value that does
 * not parse as the column's type is returned as its text.
 */
export function textConverter(r: ColumnReading): TextConverter {
  switch (r.type) {
    case 'string':
      return r.nullTokensInStrings ? (s) => (s === null || isNullToken(s) ? null : s) : (s) => s;
    case 'integer':
      return (s) => {
        if (s === null || isNullToken(s)) return null;
        const n = textInteger(s) ?? textNumber(s);
        return n !== undefined && Number.isInteger(n) ? n : s;
      };
    case 'number':
      return (s) => (s === null || isNullToken(s) ? null : (textNumber(s) ?? s));
    case 'boolean':
      return (s) => (s === null || isNullToken(s) ? null : (LOOSE_BOOLEANS.get(s) ?? s));
    case 'date': {
      const parse = (r.dateForm && dateParsers[r.dateForm]) || anyDate;
      return (s) => (s === null || isNullToken(s) ? null : (parse(s) ?? s));
    }
    case 'timestamp': {
      const form = r.dateForm && timestampParsers[r.dateForm];
      const date = r.dateForm && dateParsers[r.dateForm];
      // A timestamp column may mix bare dates in (midnight); try the column's form first.
      const parse = form
        ? (s: string) => form(s) ?? anyTimestamp(s)
        : date
          ? (s: string) => {
              const d = date(s);
              return d === null ? anyTimestamp(s) : d + 'T00:00:00Z';
            }
          : anyTimestamp;
      return (s) => (s === null || isNullToken(s) ? null : (parse(s) ?? s));
    }
    case 'json':
      return (s) => (s === null || isNullToken(s) ? null : s);
  }
}

/**
 * The converter of a column read from JSON, NDJSON or Parquet values. Strings go through the text
 * converter (dates in text, numbers written as strings); objects become JSON text.
 */
export function valueConverter(r: ColumnReading): (v: unknown) => CellValue {
  const text = textConverter(r);
  return (v) => {
    if (v === null || v === undefined) return null;
    switch (typeof v) {
      case 'string':
        return r.type === 'string' ? (r.nullTokensInStrings && isNullToken(v) ? null : v) : text(v);
      case 'number':
        if (r.type === 'integer' || r.type === 'number') return v;
        if (r.type === 'boolean' && (v === 0 || v === 1)) return v === 1;
        if (r.type === 'timestamp') return isoTimestamp(v) ?? String(v);
        return String(v);
      case 'boolean':
        return r.type === 'boolean' ? v : String(v);
      case 'bigint':
        return Number.isSafeInteger(Number(v)) && (r.type === 'integer' || r.type === 'number')
          ? Number(v)
          : v.toString();
      case 'object':
        if (v instanceof Date) {
          const ts = isoTimestamp(v.getTime());
          if (ts === null) return null;
          return r.type === 'date' ? ts.slice(0, 10) : ts;
        }
        if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
        return jsonText(v);
      default:
        return String(v);
    }
  };
}

/** JSON text of a nested value; bigints (Parquet INT64 inside structs) as numbers or strings. */
export function jsonText(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    typeof x === 'bigint' ? (Number.isSafeInteger(Number(x)) ? Number(x) : x.toString()) : x,
  );
}
