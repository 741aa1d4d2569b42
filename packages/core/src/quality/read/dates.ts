/**
 * @module Dates and timestamps in the forms real files use, normalised to the ISO text tdm's
 * writers produce: `YYYY-MM-DD` and `YYYY-MM-DDTHH:MM:SS[.mmm]Z` (zone-less times read as UTC).
 * Each form is a named parser so inference can pick one per column (07/08/2024 is July in a
 * column whose values all fit month/day, August in one where some first part exceeds 12).
 */

export type DateParser = (s: string) => string | null;

const MONTHS = new Map<string, number>(
  ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map((m, i) => [
    m,
    i + 1,
  ]),
);
for (const [i, m] of [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
].entries())
  MONTHS.set(m, i + 1);
MONTHS.set('sept', 9);

/** Days since the epoch of a valid civil date, or NaN. */
function civil(y: number, m: number, d: number): number {
  if (!(m >= 1 && m <= 12 && d >= 1 && d <= 31 && y >= 0 && y <= 9999)) return NaN;
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  // Date.UTC maps years 0-99 to 1900-1999; correct it, then reject rolled-over days (Feb 30).
  if (y < 100) back.setUTCFullYear(y);
  return back.getUTCDate() === d && back.getUTCMonth() === m - 1 ? back.getTime() : NaN;
}

function isoDate(y: number, m: number, d: number): string | null {
  const t = civil(y, m, d);
  return Number.isNaN(t) ? null : new Date(t).toISOString().slice(0, 10);
}

/** ms since the epoch -> tdm's timestamp text (milliseconds only when not zero). */
export function isoTimestamp(ms: number): string | null {
  if (!Number.isFinite(ms)) return null;
  const s = new Date(ms).toISOString();
  if (s.length !== 24) return null;
  return s.endsWith('.000Z') ? s.slice(0, 19) + 'Z' : s;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const SLASH_YMD = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/;
const SLASH_XY = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/;
const NAMED_MDY = /^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$/;
const NAMED_DMY = /^(\d{1,2}) ([A-Za-z]{3,9})\.?,? (\d{4})$/;

const ISO_TS =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const SLASH_TS = /^(\d{4})\/(\d{1,2})\/(\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const XY_TS = /^(\d{1,2})\/(\d{1,2})\/(\d{4}),? (\d{1,2}):(\d{2})(?::(\d{2}))?(?: ?([AaPp][Mm]))?$/;

function named(month: string): number {
  return MONTHS.get(month.toLowerCase()) ?? 0;
}

function clock(
  day: number,
  h: number,
  mi: number,
  s: number,
  frac: string,
  zone: string | undefined,
): number {
  if (Number.isNaN(day) || h > 23 || mi > 59 || s > 59) return NaN;
  const ms = frac ? Math.floor(Number('0.' + frac) * 1000) : 0;
  let offset = 0;
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0')) * 60_000;
  }
  return day + ((h * 60 + mi) * 60 + s) * 1000 + ms - offset;
}

function hour12(h: number, ampm: string | undefined): number {
  if (!ampm) return h;
  if (h < 1 || h > 12) return 99;
  const pm = ampm.toLowerCase() === 'pm';
  return (h % 12) + (pm ? 12 : 0);
}

/** Date forms, in order of preference when several fit a column. */
export const dateParsers: Record<string, DateParser> = {
  iso: (s) => {
    if (s.length === 10 && canonicalDate(s)) return s;
    const m = ISO_DATE.exec(s);
    return m ? isoDate(+m[1]!, +m[2]!, +m[3]!) : null;
  },
  ymdSlash: (s) => {
    const m = SLASH_YMD.exec(s);
    return m ? isoDate(+m[1]!, +m[2]!, +m[3]!) : null;
  },
  mdy: (s) => {
    const m = SLASH_XY.exec(s);
    return m ? isoDate(+m[3]!, +m[1]!, +m[2]!) : null;
  },
  dmy: (s) => {
    const m = SLASH_XY.exec(s);
    return m ? isoDate(+m[3]!, +m[2]!, +m[1]!) : null;
  },
  namedMdy: (s) => {
    const m = NAMED_MDY.exec(s);
    return m ? isoDate(+m[3]!, named(m[1]!), +m[2]!) : null;
  },
  namedDmy: (s) => {
    const m = NAMED_DMY.exec(s);
    return m ? isoDate(+m[3]!, named(m[2]!), +m[1]!) : null;
  },
};

/** Two ASCII digits at i as a number, or -1. */
function two(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * True for YYYY-MM-DD of a day that exists (the text tdm writes). Hot path: charCodes, no
 * regex, no allocation; only days past the 28th take the calendar.
 */
export function canonicalDate(s: string): boolean {
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  const hi = two(s, 0);
  const lo = two(s, 2);
  const m = two(s, 5);
  const d = two(s, 8);
  if (hi < 0 || lo < 0 || m < 1 || m > 12 || d < 1) return false;
  return d <= 28 || !Number.isNaN(civil(hi * 100 + lo, m, d));
}

/** True for YYYY-MM-DDTHH:MM:SS[.mmm]Z, tdm's timestamp text. */
export function canonicalTimestamp(s: string): boolean {
  const n = s.length;
  if (n !== 20 && n !== 24) return false;
  if (s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return false;
  if (s.charCodeAt(n - 1) !== 90) return false;
  if (n === 24 && (s.charCodeAt(19) !== 46 || two(s, 20) < 0 || two(s, 21) < 0)) return false;
  const h = two(s, 11);
  const mi = two(s, 14);
  const sec = two(s, 17);
  return h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && sec >= 0 && sec <= 59 && canonicalDate(s);
}

export const timestampParsers: Record<string, DateParser> = {
  iso: (s) => {
    if (canonicalTimestamp(s)) return s;
    const m = ISO_TS.exec(s);
    if (!m) return null;
    const day = civil(+m[1]!, +m[2]!, +m[3]!);
    return isoTimestamp(clock(day, +m[4]!, +m[5]!, +(m[6] ?? 0), m[7] ?? '', m[8]));
  },
  ymdSlash: (s) => {
    const m = SLASH_TS.exec(s);
    if (!m) return null;
    return isoTimestamp(clock(civil(+m[1]!, +m[2]!, +m[3]!), +m[4]!, +m[5]!, +(m[6] ?? 0), '', undefined));
  },
  mdy: (s) => {
    const m = XY_TS.exec(s);
    if (!m) return null;
    const h = hour12(+m[4]!, m[7]);
    return isoTimestamp(clock(civil(+m[3]!, +m[1]!, +m[2]!), h, +m[5]!, +(m[6] ?? 0), '', undefined));
  },
  dmy: (s) => {
    const m = XY_TS.exec(s);
    if (!m) return null;
    const h = hour12(+m[4]!, m[7]);
    return isoTimestamp(clock(civil(+m[3]!, +m[2]!, +m[1]!), h, +m[5]!, +(m[6] ?? 0), '', undefined));
  },
};

/** Any known date form, preferring ISO; used when a schema declares a date column. */
export function anyDate(s: string): string | null {
  for (const name in dateParsers) {
    const v = dateParsers[name]!(s);
    if (v !== null) return v;
  }
  return null;
}

/** Any known timestamp form (or a bare date, read as midnight UTC). */
export function anyTimestamp(s: string): string | null {
  for (const name in timestampParsers) {
    const v = timestampParsers[name]!(s);
    if (v !== null) return v;
  }
  const d = anyDate(s);
  return d === null ? null : d + 'T00:00:00Z';
}

/**
 * Orders two canonical ISO texts (dates, or timestamps with or without milliseconds) in time,
 * without parsing: characters up to the seconds, then the milliseconds (absent = 0).
 */
export function compareIso(a: string, b: string): number {
  const n = Math.min(a.length, b.length, 19);
  for (let i = 0; i < n; i++) {
    const d = a.charCodeAt(i) - b.charCodeAt(i);
    if (d !== 0) return d;
  }
  return millis(a) - millis(b);
}

function millis(s: string): number {
  return s.length === 24
    ? (s.charCodeAt(20) - 48) * 100 + (s.charCodeAt(21) - 48) * 10 + s.charCodeAt(22) - 48
    : 0;
}
