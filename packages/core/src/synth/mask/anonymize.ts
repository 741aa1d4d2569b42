/**
 * @module Anonymization of one value: a realistic replacement of the same kind drawn from the
 * value library (names, emails, phones, addresses, Luhn-valid cards, mod-97-valid IBANs), from a
 * per-row seeded stream, so it carries nothing of the input. A draw that equals a real value of
 * the column is drawn again, so no real value survives.
 */
import { ibanCountries } from '../../values/finance-iban.js';
import { getGenerator, LocaleData, type CompiledValue } from '../../values/index.js';
import { Rng, streamSeed } from '../../random/index.js';
import type { CellValue, ColumnType } from '../../quality/read/index.js';
import { PII_GENERATORS, piiGenerator } from '../pii-generators.js';
import type { PiiKind } from '../types.js';
import { DIGITS, LOWER, textClasses, UPPER, type CharClass } from './cipher.js';

/** Dates of birth and dates of unknown meaning are drawn from this range (no clock in the core). */
const DATE_FROM = Date.UTC(1940, 0, 1);
const DATE_TO = Date.UTC(2005, 11, 31);
const DAY = 86_400_000;

/** Draws that still equal a real value are redrawn this many times before a shape-random value. */
const MAX_ATTEMPTS = 16;

function compile(
  name: string,
  params: Record<string, unknown>,
  locale: LocaleData,
  seed: number,
): CompiledValue {
  const def = getGenerator(name);
  if (!def) throw new Error(`value library has no ${name}`);
  return def.compile(def.params.parse(params), {
    path: `mask.${name}`,
    entity: 'mask',
    field: name,
    rowCount: 1,
    now: DATE_TO,
    seed,
    locale,
    resolve: () => {
      throw new Error('masking generators read no other fields');
    },
    kindOf: () => undefined,
    compileNested: () => {
      throw new Error('masking generators have no nested specs');
    },
  });
}

/** Replaces letters and digits with random ones of the same class (case kept). */
function shapeRandom(rng: Rng, s: string): string {
  const classes = textClasses(s);
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c: CharClass | null = classes[i] ?? null;
    out += c ? (c.alphabet[rng.below(c.alphabet.length)] as string) : s[i];
  }
  return out;
}

function randomNumber(rng: Rng, v: number): number {
  if (Number.isInteger(v)) {
    const digits = String(Math.abs(v)).length;
    const lo = digits === 1 ? 0 : 10 ** (digits - 1);
    const n = lo + rng.below(10 ** digits - lo);
    return v < 0 ? -n : n;
  }
  return Number(shapeRandom(rng, String(v)));
}

function randomDate(rng: Rng, v: string): string {
  const t = DATE_FROM + rng.below(Math.floor((DATE_TO - DATE_FROM) / DAY)) * DAY;
  const iso = new Date(t).toISOString();
  return v.length <= 10 ? iso.slice(0, 10) : iso;
}

export interface AnonymizerOptions {
  kind?: PiiKind | undefined;
  locale?: string | undefined;
  /** Stream seed of this column (dataset seed mixed with `table.column`). */
  seed: number;
  type: ColumnType;
  /** True when the value is a real value of the column (redrawn). */
  isReal?: (v: CellValue) => boolean;
}

/** Realistic replacements for one column. */
export class Anonymizer {
  private readonly rng = new Rng();
  private readonly locale: LocaleData;
  private readonly compiled = new Map<string, CompiledValue>();

  constructor(private readonly o: AnonymizerOptions) {
    this.locale = LocaleData.for(o.locale ?? 'en');
  }

  value(v: CellValue, row: number): CellValue {
    if (v === null) return null;
    // Two values cannot avoid each other: booleans are drawn, not checked.
    if (typeof v === 'boolean') return this.rng.seed(this.o.seed, row).below(2) === 0;
    for (let attempt = 0; ; attempt++) {
      this.rng.seed(this.o.seed, row, attempt);
      const out: CellValue = attempt < MAX_ATTEMPTS ? this.draw(v) : this.fallback(v);
      // A numeric column may hold every number of a length: give up avoiding after a while.
      if ((out !== v && !this.o.isReal?.(out)) || attempt > 4 * MAX_ATTEMPTS) return out;
    }
  }

  private gen(name: string, params: Record<string, unknown>): CompiledValue {
    const id = `${name}\u0000${JSON.stringify(params)}`;
    let c = this.compiled.get(id);
    if (!c) {
      c = compile(name, params, this.locale, this.o.seed);
      this.compiled.set(id, c);
    }
    return c;
  }

  private drawWith(name: string, params: Record<string, unknown> = {}): string {
    return String(this.gen(name, params).draw(this.rng, 0, []));
  }

  private draw(v: CellValue): CellValue {
    const kind = this.o.kind;
    if (typeof v !== 'string') {
      // A card read as an integer stays a card an integer holds exactly (16 digits at most).
      if (kind === 'payment_card' && Number.isSafeInteger(v)) {
        const n = Number(this.drawWith(PII_GENERATORS.payment_card, { separator: '' }));
        if (Number.isSafeInteger(n)) return n;
      }
      return randomNumber(this.rng, Number(v));
    }
    const t = this.o.type;
    if (kind === 'date_of_birth' || t === 'date' || t === 'timestamp') return randomDate(this.rng, v);
    if (kind === 'payment_card') {
      const separator = v.includes('-') ? '-' : v.includes(' ') ? ' ' : '';
      return this.drawWith(PII_GENERATORS.payment_card, { separator });
    }
    if (kind === 'iban') {
      const country = v.slice(0, 2).toUpperCase();
      const params = ibanCountries.includes(country) ? { country } : {};
      return this.drawWith(PII_GENERATORS.iban, { ...params, formatted: v.includes(' ') });
    }
    if (kind === 'ip_address')
      return this.drawWith(v.includes(':') ? 'internet.ipv6' : PII_GENERATORS.ip_address);
    const gen = kind ? piiGenerator(kind) : undefined;
    if (gen) return this.drawWith(gen);
    return shapeRandom(this.rng, v);
  }

  /** A value of the input's shape; for short shapes a letter or digit more, so one always exists. */
  private fallback(v: CellValue): CellValue {
    if (typeof v !== 'string') return this.draw(v);
    const s = shapeRandom(this.rng, v);
    const last = s.charCodeAt(s.length - 1);
    const extra = last >= 48 && last <= 57 ? DIGITS : last >= 65 && last <= 90 ? UPPER : LOWER;
    return s + (extra.alphabet[this.rng.below(extra.alphabet.length)] as string);
  }
}

/** The stream seed of a masked column. */
export const columnSeed = (seed: number, table: string, column: string): number =>
  streamSeed(seed, `mask:${table}.${column}`);
