/**
 * @module Values for personal-data columns: never sampled from the sample. Each kind is made by
 * tdm's value generator of that kind (emails, names, phones, addresses, cards, IBANs, IPs);
 * identifiers whose format matters more than their content (postal codes, national IDs, dates
 * of birth kept as text) keep a real value's shape with every digit and letter drawn anew; typed
 * dates (of birth) are a real date moved by up to half a year. A value equal to any real value
 * of the column is drawn again, and so is a repeated one when the real column was unique.
 * Integer columns stay exact: card numbers read as integers are Luhn-valid cards of at most 16
 * digits, other numbers keep a real value's digit count capped at 2^53 - 1 (a larger real value
 * was already rounded by the reader, so its digits were not the real ones anyway).
 */
import { TdmError } from '../../errors/index.js';
import type { CellValue, ColumnType } from '../../quality/read/index.js';
import { Rng, streamSeed } from '../../random/index.js';
import { getGenerator, LocaleData, type CompiledValue, type Value } from '../../values/index.js';
import { piiGenerator } from '../pii-generators.js';
import type { PiiKind } from '../types.js';

/** Draws made for one value before giving up on avoiding real or repeated values. */
const MAX_TRIES = 64;

function compile(
  name: string,
  path: string,
  seed: number,
  rowCount: number,
  params: Record<string, unknown> = {},
): CompiledValue {
  const def = getGenerator(name)!;
  return def.compile(def.params.parse(params), {
    path,
    entity: path.split('.')[0]!,
    field: path.split('.')[1] ?? path,
    rowCount,
    now: 0,
    seed,
    locale: LocaleData.for('en'),
    resolve: () => {
      throw new TdmError('SYNTH_OPTIONS_INVALID', `${path}: a PII generator cannot read other fields`);
    },
    kindOf: () => undefined,
    compileNested: () => {
      throw new TdmError('SYNTH_OPTIONS_INVALID', `${path}: a PII generator cannot nest fields`);
    },
  });
}

const DIGITS = '0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';

/** The shape of `s` with every digit and letter replaced by a random one of its class. */
function reshape(s: string, rng: Rng): string {
  let out = '';
  for (const ch of s) {
    if (ch >= '0' && ch <= '9') out += DIGITS[rng.below(10)];
    else if (ch >= 'A' && ch <= 'Z') out += UPPER[rng.below(26)];
    else if (ch >= 'a' && ch <= 'z') out += LOWER[rng.below(26)];
    else out += ch;
  }
  return out;
}

const DAY = 86_400_000;

const DATE_JITTER_DAYS = 182;

/** A uniform integer with as many digits as `v` (at most 16), never above 2^53 - 1. */
function sameDigits(v: number, rng: Rng): number {
  const digits = Math.min(16, String(Math.trunc(Math.abs(v))).length);
  const lo = digits === 1 ? 0 : 10 ** (digits - 1);
  const hi = Math.min(10 ** digits - 1, Number.MAX_SAFE_INTEGER);
  const n = rng.int(lo, hi);
  return v < 0 ? -n : n;
}

const dayOf = (v: string): number => Math.floor(Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v) / DAY);

const dayText = (type: ColumnType, day: number): string => {
  const iso = new Date(day * DAY).toISOString();
  return type === 'date' ? iso.slice(0, 10) : `${iso.slice(0, 19)}Z`;
};

/** Draws for a typed column: dates near a random real one, within the real range; numbers reshaped. */
function typedDraw(type: ColumnType, real: readonly CellValue[]): (rng: Rng) => CellValue {
  const present = real.filter((v) => v !== null);
  if (type === 'date' || type === 'timestamp') {
    const days = present.map((v) => dayOf(String(v))).filter(Number.isFinite);
    const lo = Math.min(...days);
    const hi = Math.max(...days);
    // A real date moved by up to half a year: the spread of ages survives, no date is taken as is.
    return (rng) =>
      dayText(
        type,
        Math.min(hi, Math.max(lo, rng.pick(days) + rng.int(-DATE_JITTER_DAYS, DATE_JITTER_DAYS))),
      );
  }
  if (type === 'boolean') return (rng) => rng.below(2) === 0;
  return (rng) => {
    const v = rng.pick(present);
    if (typeof v === 'number' && Number.isInteger(v)) return sameDigits(v, rng);
    const n = Number(reshape(String(v), rng).replace(/^0+(?=\d)/, ''));
    return Number.isFinite(n) ? n : String(v);
  };
}

/** A card number drawn as text, as an integer when the column holds integers (safe ones only). */
function cardDraw(gen: CompiledValue, typed: boolean): (rng: Rng, row: number) => CellValue {
  return (rng, row) => {
    const s = String(gen.draw(rng, row, []));
    if (!typed) return s;
    const n = Number(s);
    // 19-digit cards exceed 2^53: drawn again (the caller redraws a null).
    return Number.isSafeInteger(n) ? n : null;
  };
}

/**
 * The value after `v` that is neither real nor (for a unique column) already made: the next
 * integer or day for typed columns, `<v>-<row>` for text.
 */
function fallback(v: CellValue, type: ColumnType, row: number, taken: (k: string) => boolean): CellValue {
  // Two values cannot avoid each other: booleans are drawn, not checked.
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') {
    let n = Number.isInteger(v) ? v : Math.trunc(v);
    const step = n >= Number.MAX_SAFE_INTEGER - 1e6 ? -1 : 1;
    while (taken(String(n))) n += step;
    return n;
  }
  if (typeof v === 'string' && (type === 'date' || type === 'timestamp')) {
    let day = dayOf(v);
    let out = v;
    while (taken(out)) out = dayText(type, ++day);
    return out;
  }
  return `${String(v)}-${row}`;
}

export type Sex = 'female' | 'male';

/** Kinds whose generator draws from one sex's names when the row says which. */
const SEXED_KINDS = new Set<PiiKind>(['person_name', 'first_name']);

/** A sex/gender cell read as the generator's sex: f/w... female, m... male, else unknown. */
export function sexOfCell(v: CellValue): Sex | undefined {
  if (typeof v !== 'string' || v === '') return undefined;
  const c = v.trim()[0]?.toLowerCase();
  return c === 'f' || c === 'w' ? 'female' : c === 'm' ? 'male' : undefined;
}

/**
 * Makes `present.length` values for a PII column: null where `present[i]` is false. `real` is
 * the column's sample values (to avoid and to learn shapes from). With `sexes` (the synthetic
 * rows' sex), names are drawn from that sex's names, so a row never pairs "male" with "Mrs. Ann".
 */
export function piiValues(
  kind: PiiKind,
  path: string,
  type: ColumnType,
  real: readonly CellValue[],
  present: readonly boolean[],
  seed: number,
  sexes?: readonly (Sex | undefined)[],
): CellValue[] {
  const realSet = new Set<string>();
  const shapes: string[] = [];
  let nonNull = 0;
  for (const v of real) {
    if (v === null) continue;
    nonNull++;
    realSet.add(String(v));
    if (shapes.length < 1000) shapes.push(String(v));
  }
  const unique = realSet.size === nonNull && nonNull > 1;
  const typed = type !== 'string' && type !== 'json';
  const numeric = type === 'integer' || type === 'number';
  // Postal codes keep a real code's shape (their format is the country's); cards keep Luhn even
  // when read as numbers.
  const name = kind === 'postal_code' ? undefined : piiGenerator(kind);
  const card = kind === 'payment_card' && name !== undefined && (!typed || numeric);
  const make = (params?: Record<string, unknown>): CompiledValue | undefined =>
    name && (!typed || card)
      ? compile(name, path, streamSeed(seed, path), present.length, params)
      : undefined;
  const gen = make();
  const bySex =
    sexes && SEXED_KINDS.has(kind) && gen
      ? { female: make({ sex: 'female' })!, male: make({ sex: 'male' })! }
      : undefined;
  const draw: ((rng: Rng, row: number) => CellValue) | undefined = card
    ? cardDraw(gen!, typed)
    : typed
      ? typedDraw(type, real)
      : undefined;
  const rng = new Rng();
  const stream = streamSeed(seed, `pii:${path}`);
  const made = new Set<string>();
  const outRow: Value[] = [];
  const taken = (k: string): boolean => realSet.has(k) || (unique && made.has(k));
  return present.map((p, row) => {
    if (!p) return null;
    const sex = sexes?.[row];
    const names = bySex && sex ? bySex[sex] : gen;
    let v: CellValue = null;
    let last: CellValue = null;
    for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
      rng.seed(stream, row, attempt);
      v = draw
        ? draw(rng, row)
        : names
          ? String(names.draw(rng, row, outRow))
          : shapes.length > 0
            ? reshape(rng.pick(shapes), rng)
            : `${kind}-${row}`;
      if (v === null) continue;
      last = v;
      if (!taken(String(v))) break;
    }
    if (v === null) v = last ?? (numeric ? 0 : `${kind}-${row}`);
    if (taken(String(v))) v = fallback(v, type, row, taken);
    made.add(String(v));
    return v;
  });
}
