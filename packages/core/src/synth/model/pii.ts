/**
 * @module Values for personal-data columns: never sampled from the sample. Each kind is made by
 * tdm's value generator of that kind (emails, names, phones, addresses, cards, IBANs, IPs);
 * identifiers whose format matters more than their content (postal codes, national IDs, dates
 * of birth kept as text) keep a real value's shape with every digit and letter drawn anew; typed
 * dates (of birth) are a real date moved by up to half a year. A value equal to any real value
 * of the column is drawn again, and so is a repeated one when the real column was unique.
 */
import { TdmError } from '../../errors/index.js';
import type { CellValue, ColumnType } from '../../quality/read/index.js';
import { Rng, streamSeed } from '../../random/index.js';
import { getGenerator, LocaleData, type CompiledValue, type Value } from '../../values/index.js';
import type { PiiKind } from '../types.js';

const GENERATORS: Partial<Record<PiiKind, string>> = {
  email: 'internet.email',
  phone: 'phone.number',
  person_name: 'person.fullName',
  first_name: 'person.firstName',
  last_name: 'person.lastName',
  street_address: 'location.streetAddress',
  city: 'location.city',
  payment_card: 'finance.creditCardNumber',
  iban: 'finance.iban',
  ip_address: 'internet.ipv4',
  free_text: 'lorem.sentence',
};

/** Draws made for one value before giving up on avoiding real or repeated values. */
const MAX_TRIES = 64;

function compile(name: string, path: string, seed: number, rowCount: number): CompiledValue {
  const def = getGenerator(name)!;
  return def.compile(def.params.parse({}), {
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

/** Draws for a typed column: dates near a random real one, within the real range; numbers reshaped. */
function typedDraw(type: ColumnType, real: readonly CellValue[]): (rng: Rng) => string {
  const present = real.filter((v) => v !== null).map(String);
  if (type === 'date' || type === 'timestamp') {
    const days = present
      .map((v) => Math.floor(Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v) / DAY))
      .filter(Number.isFinite);
    const lo = Math.min(...days);
    const hi = Math.max(...days);
    // A real date moved by up to half a year: the spread of ages survives, no date is taken as is.
    return (rng) => {
      const day = Math.min(hi, Math.max(lo, rng.pick(days) + rng.int(-DATE_JITTER_DAYS, DATE_JITTER_DAYS)));
      const iso = new Date(day * DAY).toISOString();
      return type === 'date' ? iso.slice(0, 10) : `${iso.slice(0, 19)}Z`;
    };
  }
  return (rng) => reshape(rng.pick(present), rng).replace(/^0+(?=\d)/, '');
}

function parseTyped(type: ColumnType, v: string): CellValue {
  if (type === 'boolean') return v === 'true';
  const n = Number(v);
  return Number.isFinite(n) ? n : v;
}

/**
 * Makes `present.length` values for a PII column: null where `present[i]` is false. `real` is
 * the column's sample values (to avoid and to learn shapes from).
 */
export function piiValues(
  kind: PiiKind,
  path: string,
  type: ColumnType,
  real: readonly CellValue[],
  present: readonly boolean[],
  seed: number,
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
  const name = GENERATORS[kind];
  const typed = type !== 'string' && type !== 'json';
  const gen = name && !typed ? compile(name, path, streamSeed(seed, path), present.length) : undefined;
  const draw = typed ? typedDraw(type, real) : undefined;
  const rng = new Rng();
  const stream = streamSeed(seed, `pii:${path}`);
  const made = new Set<string>();
  const outRow: Value[] = [];
  return present.map((p, row) => {
    if (!p) return null;
    let v = '';
    for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
      rng.seed(stream, row, attempt);
      v = draw
        ? draw(rng)
        : gen
          ? String(gen.draw(rng, row, outRow))
          : shapes.length > 0
            ? reshape(rng.pick(shapes), rng)
            : `${kind}-${row}`;
      if (!realSet.has(v) && !(unique && made.has(v))) break;
    }
    if (realSet.has(v) || (unique && made.has(v))) v = `${v}-${row}`;
    made.add(v);
    return typed && type !== 'date' && type !== 'timestamp' ? parseTyped(type, v) : v;
  });
}
