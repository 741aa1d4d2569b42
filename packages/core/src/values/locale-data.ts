/**
 * @module Realistic value data from faker's locale definitions, used directly (not through faker's
 * per-call API, which is far slower than a compiled generator).
 *
 * Lookups fall back like faker's own chain: the locale, its parent (de_AT -> de), en, base. Faker
 * patterns compile once (see locale-patterns.ts) into small closures over an Rng.
 */
import { allLocales } from '@faker-js/faker';
import { TdmError } from '../errors/index.js';
import type { Rng } from '../random/index.js';
import { flatten, PatternCompiler, type StringGen, type Symbols } from './locale-patterns.js';

export type { StringGen };

type Definitions = Record<string, Record<string, unknown> | undefined>;
const locales = allLocales as unknown as Record<string, Definitions>;

export const localeCodes: readonly string[] = Object.keys(locales).filter((c) => c !== 'base');

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

export class LocaleData {
  private static cache = new Map<string, LocaleData>();
  private readonly chain: Definitions[];
  private readonly compiler: PatternCompiler;
  private readonly sexed: Record<'female' | 'male', PatternCompiler>;
  private readonly lists = new Map<string, readonly string[]>();

  private constructor(readonly code: string) {
    const chain: Definitions[] = [];
    const push = (c: string): void => {
      const d = locales[c];
      if (d && !chain.includes(d)) chain.push(d);
    };
    push(code);
    if (code.includes('_')) push(code.slice(0, code.indexOf('_')));
    push('en');
    push('base');
    this.chain = chain;
    this.compiler = new PatternCompiler(this);
    this.sexed = { female: new PatternCompiler(this, 'female'), male: new PatternCompiler(this, 'male') };
  }

  static for(code: string): LocaleData {
    if (!locales[code] || code === 'base') {
      throw new TdmError('SCHEMA_LOCALE_UNKNOWN', `unknown locale "${code}"`, {
        details: { locale: code, known: localeCodes },
      });
    }
    let data = LocaleData.cache.get(code);
    if (!data) {
      data = new LocaleData(code);
      LocaleData.cache.set(code, data);
    }
    return data;
  }

  /**
   * The raw definition at `module.entry` (first locale in the chain that has it). A third part
   * reads a property: `finance.currency.code` maps a list of records to their codes.
   */
  raw(path: string): unknown {
    const [mod, entry, prop] = path.split('.') as [string, string, string | undefined];
    for (const defs of this.chain) {
      const v = defs[mod]?.[entry];
      if (v === undefined || v === null) continue;
      if (prop === undefined) return v;
      const picked = pluck(v, prop);
      if (picked !== undefined) return picked;
    }
    return undefined;
  }

  /**
   * The distinct strings at `path`, in definition order (person names: generic, female and male).
   * Distinct, so that the k-th element is a bijection usable for unique values.
   */
  list(path: string): readonly string[] {
    let list = this.lists.get(path);
    if (!list) {
      list = [...new Set(flatten(this.raw(path)))];
      if (list.length === 0) {
        throw new TdmError('INTERNAL_ERROR', `locale "${this.code}" has no data for ${path}`, {
          suggestedActions: ['Use another locale, or report the missing data.'],
        });
      }
      this.lists.set(path, list);
    }
    return list;
  }

  /** Whether the chain has any data at `path`. */
  has(path: string): boolean {
    return flatten(this.raw(path)).length > 0;
  }

  /**
   * A generator for the definition at `path`, expanding faker patterns recursively. With a sex,
   * every name part it references uses that sex's list where the locale has one ("Mrs. Jane").
   */
  gen(path: string, sex?: 'female' | 'male'): StringGen {
    return (sex ? this.sexed[sex] : this.compiler).entry(path);
  }

  /**
   * Compiles one faker pattern string: mustache references plus, by default, `#` digits and `!`
   * digits 2-9 (`postcode` adds `?` letters and `*` letters or digits; `none` keeps them literal).
   */
  pattern(src: string, symbols: Symbols = 'digits'): StringGen {
    return this.compiler.pattern(src, symbols);
  }

  /** The locale's own country (ISO alpha-2) when the locale names one (de_AT -> AT). */
  country(): string | undefined {
    const meta = locales[this.code]?.['metadata'];
    const c = meta?.['country'];
    return typeof c === 'string' ? c : undefined;
  }
}

function pluck(v: unknown, prop: string): unknown {
  if (Array.isArray(v)) {
    const out = v
      .map((x) => (typeof x === 'object' && x !== null ? (x as Record<string, unknown>)[prop] : undefined))
      .filter((x) => x !== undefined && x !== null);
    return out.length ? out : undefined;
  }
  if (typeof v === 'object' && v !== null) return (v as Record<string, unknown>)[prop] ?? undefined;
  return undefined;
}

/** A random lowercase letter (for usernames and such). */
export function randomLetter(rng: Rng): string {
  return LETTERS[rng.below(26)] as string;
}
