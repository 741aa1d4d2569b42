/**
 * @module Realistic value data from faker's locale definitions, used directly (not through faker's
 * per-call API, which is far slower than a compiled generator).
 *
 * Lookups fall back like faker's own chain: the locale, its parent (de_AT -> de), en, base. Faker
 * patterns (`{{person.firstName}} {{location.street_suffix}}`, `###`, `!##`) compile once into
 * small closures over an Rng.
 */
import { allLocales } from '@faker-js/faker';
import { TdmError } from '../errors/index.js';
import { Weighted, type Rng } from '../random/index.js';

type Definitions = Record<string, Record<string, unknown> | undefined>;
const locales = allLocales as unknown as Record<string, Definitions>;

export const localeCodes: readonly string[] = Object.keys(locales).filter((c) => c !== 'base');

/** Draws one string; compiled from a faker pattern or list. */
export type StringGen = (rng: Rng) => string;

/** How faker's pattern method names map to definition keys, where snake_case is not enough. */
const METHOD_ALIASES: Record<string, string[]> = {
  'location.street': ['location.street_pattern'],
  'location.city': ['location.city_pattern'],
  'location.streetAddress': ['location.street_address'],
  'person.lastName': ['person.last_name_pattern', 'person.last_name'],
  'person.jobTitle': ['person.job_title_pattern'],
  'person.fullName': ['person.name'],
  'company.name': ['company.name_pattern'],
  'location.zipCode': ['location.postcode'],
};

const MAX_PATTERN_DEPTH = 8;

const DIGITS = '0123456789';
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

function snake(s: string): string {
  return s.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase());
}

export class LocaleData {
  private static cache = new Map<string, LocaleData>();
  private readonly chain: Definitions[];
  private readonly compiled = new Map<string, StringGen>();

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

  /** The raw definition at `module.entry` (first locale in the chain that has it). */
  raw(path: string): unknown {
    const [mod, entry] = path.split('.') as [string, string];
    for (const defs of this.chain) {
      const v = defs[mod]?.[entry];
      if (v !== undefined && v !== null) return v;
    }
    return undefined;
  }

  /** A flat list of strings at `module.entry` (person names: the `generic` list, else all). */
  list(path: string): readonly string[] {
    const v = this.raw(path);
    const flat = flatten(v);
    if (flat.length === 0) {
      throw new TdmError('INTERNAL_ERROR', `locale "${this.code}" has no data for ${path}`, {
        suggestedActions: ['Use another locale, or report the missing data.'],
      });
    }
    return flat;
  }

  /** Whether the chain has any data at `module.entry`. */
  has(path: string): boolean {
    return flatten(this.raw(path)).length > 0;
  }

  /** A generator for the definition at `path`, expanding faker patterns recursively. */
  gen(path: string): StringGen {
    let g = this.compiled.get(path);
    if (!g) {
      g = this.compileEntry(path, 0);
      this.compiled.set(path, g);
    }
    return g;
  }

  /** Compiles one faker pattern string (mustache refs plus `#` digits and `!` digits 2-9). */
  pattern(src: string, depth = 0): StringGen {
    const parts: (string | StringGen)[] = [];
    const re = /\{\{\s*([a-zA-Z_]+\.[a-zA-Z_]+)\s*\}\}/g;
    let last = 0;
    for (let m = re.exec(src); m; m = re.exec(src)) {
      if (m.index > last) parts.push(...digitParts(src.slice(last, m.index)));
      parts.push(this.resolveMethod(m[1] as string, depth + 1));
      last = m.index + m[0].length;
    }
    if (last < src.length) parts.push(...digitParts(src.slice(last)));
    return joinParts(parts);
  }

  private resolveMethod(method: string, depth: number): StringGen {
    if (depth > MAX_PATTERN_DEPTH)
      throw new TdmError('INTERNAL_ERROR', `pattern recursion too deep at ${method}`);
    const [mod, name] = method.split('.') as [string, string];
    const candidates = [
      ...(METHOD_ALIASES[method] ?? []),
      `${mod}.${snake(name)}`,
      `${mod}.${snake(name)}_pattern`,
    ];
    for (const c of candidates) if (this.raw(c) !== undefined) return this.compileEntry(c, depth);
    throw new TdmError('INTERNAL_ERROR', `locale "${this.code}" cannot resolve faker pattern {{${method}}}`);
  }

  private compileEntry(path: string, depth: number): StringGen {
    const v = this.raw(path);
    if (v === undefined) {
      throw new TdmError('INTERNAL_ERROR', `locale "${this.code}" has no data for ${path}`);
    }
    // Street address definitions are { normal, full }: use the normal form.
    const source = isRecord(v) && 'normal' in v ? v['normal'] : v;
    if (Array.isArray(source) && source.length > 0 && isRecord(source[0]) && 'weight' in source[0]) {
      const items = source as { value: string; weight: number }[];
      const gens = items.map((i) => this.maybePattern(i.value, depth));
      const weighted = new Weighted(items.map((i) => i.weight));
      return (rng) => (gens[weighted.sample(rng)] as StringGen)(rng);
    }
    const flat = flatten(source);
    if (flat.some((s) => s.includes('{{') || /[#!]/.test(s))) {
      const gens = flat.map((s) => this.maybePattern(s, depth));
      return (rng) => (rng.pick(gens) as StringGen)(rng);
    }
    return (rng) => rng.pick(flat);
  }

  private maybePattern(s: string, depth: number): StringGen {
    return s.includes('{{') || /[#!]/.test(s) ? this.pattern(s, depth) : () => s;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function flatten(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v))
    return v.flatMap((x) =>
      typeof x === 'string' ? [x] : isRecord(x) && typeof x['value'] === 'string' ? [x['value']] : [],
    );
  if (isRecord(v)) {
    if (Array.isArray(v['generic'])) return flatten(v['generic']);
    return Object.values(v).flatMap(flatten);
  }
  return [];
}

/** Splits literal text into constant runs and per-character digit generators. */
function digitParts(s: string): (string | StringGen)[] {
  const out: (string | StringGen)[] = [];
  let lit = '';
  for (const ch of s) {
    if (ch === '#' || ch === '!') {
      if (lit) out.push(lit);
      lit = '';
      out.push(
        ch === '#' ? (rng) => DIGITS[rng.below(10)] as string : (rng) => DIGITS[2 + rng.below(8)] as string,
      );
    } else {
      lit += ch;
    }
  }
  if (lit) out.push(lit);
  return out;
}

function joinParts(parts: (string | StringGen)[]): StringGen {
  if (parts.length === 1) {
    const p = parts[0] as string | StringGen;
    return typeof p === 'string' ? () => p : p;
  }
  return (rng) => {
    let s = '';
    for (const p of parts) s += typeof p === 'string' ? p : p(rng);
    return s;
  };
}

/** A random lowercase letter (for usernames and such). */
export function randomLetter(rng: Rng): string {
  return LETTERS[rng.below(26)] as string;
}
