/**
 * @module Realistic value data from faker's locale definitions, used directly (not through faker's
 * per-call API, which is far slower than a compiled generator).
 *
 * Lookups fall back like faker's own chain: the locale, its parent (de_AT -> de), en, base. Faker
 * patterns compile once (see locale-patterns.ts) into small closures over an Rng.
 */
import { createRequire } from 'node:module';
import { TdmError } from '../errors/index.js';
import type { Rng } from '../random/index.js';
import { flatten, PatternCompiler, type StringGen, type Symbols } from './locale-patterns.js';

export type { StringGen };

type Definitions = Record<string, Record<string, unknown> | undefined>;

/** faker's locales (its `allLocales` keys but base; a test keeps the two equal). */
export const localeCodes: readonly string[] = [
  'af_ZA',
  'ar',
  'az',
  'bn_BD',
  'cs_CZ',
  'cy',
  'da',
  'de',
  'de_AT',
  'de_CH',
  'dv',
  'el',
  'en',
  'en_AU',
  'en_AU_ocker',
  'en_BORK',
  'en_CA',
  'en_GB',
  'en_GH',
  'en_HK',
  'en_IE',
  'en_IN',
  'en_NG',
  'en_NP',
  'en_US',
  'en_ZA',
  'eo',
  'es',
  'es_MX',
  'fa',
  'fi',
  'fr',
  'fr_BE',
  'fr_CA',
  'fr_CH',
  'fr_LU',
  'fr_SN',
  'he',
  'hr',
  'hu',
  'hy',
  'id_ID',
  'it',
  'ja',
  'ka_GE',
  'ko',
  'ku_ckb',
  'ku_kmr_latin',
  'lv',
  'mk',
  'mn_MN_cyrl',
  'nb_NO',
  'ne',
  'nl',
  'nl_BE',
  'pl',
  'pt_BR',
  'pt_PT',
  'ro',
  'ro_MD',
  'ru',
  'sk',
  'sl_SI',
  'sr_RS_latin',
  'sv',
  'ta_IN',
  'th',
  'tr',
  'uk',
  'ur',
  'uz_UZ_latin',
  'vi',
  'yo_NG',
  'zh_CN',
  'zh_TW',
  'zu_ZA',
];
const known = new Set([...localeCodes, 'base']);

/**
 * Loads one locale's definitions on first use (with faker's own fallbacks merged in: the first
 * locale of its chain wins per entry, as `raw` reads them). Importing faker's `allLocales` loaded
 * all 70+ locales into every thread: ~15 MB of heap per isolate, 34 MB of peak RSS in a 2-thread
 * run of the bench, and ~0.15 s of each worker's start. Node 20.19+ require()s ES modules.
 */
const requireFaker = createRequire(import.meta.url);
const loaded = new Map<string, Definitions>();
function definitions(code: string): Definitions | undefined {
  if (!known.has(code)) return undefined;
  let d = loaded.get(code);
  if (!d) {
    const mod = requireFaker(`@faker-js/faker/locale/${code}`) as { faker: { rawDefinitions: unknown } };
    d = mod.faker.rawDefinitions as Definitions;
    loaded.set(code, d);
  }
  return d;
}

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
      const d = definitions(c);
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
    if (!known.has(code) || code === 'base') {
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
    const meta = definitions(this.code)?.['metadata'];
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
