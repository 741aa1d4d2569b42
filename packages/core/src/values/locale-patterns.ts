/**
 * @module Faker's pattern language compiled once into closures over an Rng: `{{module.method}}`
 * references (faker method names mapped to definition keys, three-part paths such as
 * `{{science.chemical_element.name}}`, and the few argument-taking helpers faker's data uses, such
 * as `{{number.int({"min":5,"max":13})}}`), plus the symbols faker's own methods replace: `#` and
 * `!` digits, and `?` / `*` letters in postcodes only (so a `!` in a song title stays a `!`).
 */
import { TdmError } from '../errors/index.js';
import { Weighted, type Rng } from '../random/index.js';

/** Draws one string; compiled from a faker pattern or list. */
export type StringGen = (rng: Rng) => string;

/** Where definitions come from: a locale with its fallback chain. */
export interface DefinitionSource {
  readonly code: string;
  /** The definition at `module.entry[.property]`, or undefined. */
  raw(path: string): unknown;
}

/** Which symbols an entry's strings use, as the faker method reading it replaces them. */
export type Symbols = 'none' | 'digits' | 'postcode';

const SYMBOLS_BY_ENTRY: Record<string, Symbols> = {
  'location.building_number': 'digits',
  'location.secondary_address': 'digits',
  'location.postcode': 'postcode',
  'phone_number.format': 'digits',
  'cell_phone.formats': 'digits',
  'app.version': 'digits',
};

/** Faker method names whose definition key is not their snake_case form. */
const METHOD_ALIASES: Record<string, string> = {
  'location.street': 'location.street_pattern',
  'location.city': 'location.city_pattern',
  'location.streetAddress': 'location.street_address',
  'location.zipCode': 'location.postcode',
  'person.lastName': 'person.last_name_pattern',
  'person.jobTitle': 'person.job_title_pattern',
  'person.fullName': 'person.name',
  'company.name': 'company.name_pattern',
  'commerce.product': 'commerce.product_name.product',
  'commerce.productAdjective': 'commerce.product_name.adjective',
  'commerce.productMaterial': 'commerce.product_name.material',
  'commerce.productName': 'commerce.product_name.pattern',
  'finance.currencyCode': 'finance.currency.code',
  'finance.currencyName': 'finance.currency.name',
};

const MAX_DEPTH = 8;
const DIGITS = '0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ALNUM = DIGITS + UPPER;
const REF = /\{\{\s*([A-Za-z_]+(?:\.[A-Za-z_]+)+)\s*(?:\((.*?)\))?\s*\}\}/gs;

/** Helpers faker's data calls with arguments, and computed methods with no definition behind them. */
type Builtin = (args: unknown, compiler: PatternCompiler, depth: number) => StringGen;

const BUILTINS: Record<string, Builtin> = {
  'number.int': (args) => {
    const { min = 0, max = 99999 } = (args ?? {}) as { min?: number; max?: number };
    return (rng) => String(min + rng.below(max - min + 1));
  },
  'helpers.arrayElement': (args) => {
    const items = (Array.isArray(args) ? args : []).map(String);
    if (items.length === 0) throw new TdmError('INTERNAL_ERROR', 'helpers.arrayElement needs a list');
    return (rng) => items[rng.below(items.length)] as string;
  },
  'string.numeric': (args) => {
    const n = typeof args === 'number' ? args : ((args as { length?: number } | undefined)?.length ?? 1);
    return (rng) => {
      let s = '';
      for (let i = 0; i < n; i++) s += DIGITS[rng.below(10)];
      return s;
    };
  },
  'system.semver': () => (rng) => `${rng.below(10)}.${rng.below(10)}.${rng.below(10)}`,
  // faker's default amount: 0 to 1000 with two decimals.
  'finance.amount': () => (rng) => (rng.below(100_001) / 100).toFixed(2),
  'company.catchPhrase': (_a, c, depth) =>
    joinGens([
      c.entry('company.adjective', depth),
      ' ',
      c.entry('company.descriptor', depth),
      ' ',
      c.entry('company.noun', depth),
    ]),
};

function snake(s: string): string {
  return s.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase());
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * All strings of a definition. Person names are `{ generic, female, male }`: all three, since
 * faker's generic lists alone are often tiny (ja has one generic first name, en's prefixes are
 * only "Dr.").
 */
export function flatten(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v))
    return v.flatMap((x) =>
      typeof x === 'string' ? [x] : isRecord(x) && typeof x['value'] === 'string' ? [x['value']] : [],
    );
  if (isRecord(v)) return Object.values(v).flatMap(flatten);
  return [];
}

type WeightedItem = { value: string; weight: number };

function isWeightedList(v: unknown): v is WeightedItem[] {
  return Array.isArray(v) && v.length > 0 && isRecord(v[0]) && 'weight' in v[0];
}

/** Weighted patterns, also when split by sex (`{ generic: [...], female: [...] }`): weights kept. */
function weightedItems(v: unknown): WeightedItem[] | undefined {
  if (isWeightedList(v)) return v;
  if (isRecord(v)) {
    const lists = Object.values(v).filter(isWeightedList);
    if (lists.length > 0) return lists.flat();
  }
  return undefined;
}

/** Compiles the definitions of one locale chain; results are cached by the owner. */
export class PatternCompiler {
  private readonly cache = new Map<string, StringGen>();

  /** With a sex, definitions split by sex (`{ female, male }`) use that sex's variant. */
  constructor(
    private readonly source: DefinitionSource,
    private readonly sex?: 'female' | 'male',
  ) {}

  /** A generator for the definition at `path` (a list, weighted list or patterns). */
  entry(path: string, depth = 0): StringGen {
    let g = this.cache.get(path);
    if (!g) {
      g = this.compileEntry(path, depth);
      this.cache.set(path, g);
    }
    return g;
  }

  /** Compiles one pattern string; `symbols` says which placeholder characters it uses. */
  pattern(src: string, symbols: Symbols, depth = 0): StringGen {
    const parts: (string | StringGen)[] = [];
    let last = 0;
    for (const m of src.matchAll(REF)) {
      if (m.index > last) parts.push(...symbolParts(src.slice(last, m.index), symbols));
      parts.push(this.method(m[1] as string, m[2], depth + 1));
      last = m.index + m[0].length;
    }
    if (last < src.length) parts.push(...symbolParts(src.slice(last), symbols));
    return joinGens(parts);
  }

  private method(name: string, args: string | undefined, depth: number): StringGen {
    if (depth > MAX_DEPTH) throw this.fail(`pattern recursion too deep at {{${name}}}`);
    const builtin = BUILTINS[name];
    if (builtin) return builtin(args === undefined ? undefined : parseArgs(name, args), this, depth);
    if (args !== undefined) throw this.fail(`cannot evaluate faker helper {{${name}(${args})}}`);
    const path = definitionPath(name, this.source);
    if (path === undefined) throw this.fail(`cannot resolve faker pattern {{${name}}}`);
    return this.entry(path, depth);
  }

  private compileEntry(path: string, depth: number): StringGen {
    const v = this.source.raw(path);
    // Street address definitions are { normal, full }: use the normal form.
    const plain = isRecord(v) && 'normal' in v ? v['normal'] : v;
    const variant = this.sex && isRecord(plain) ? plain[this.sex] : undefined;
    const source = flatten(variant).length > 0 ? variant : plain;
    const symbols = SYMBOLS_BY_ENTRY[path.split('.').slice(0, 2).join('.')] ?? 'none';
    const items = weightedItems(source);
    if (items) {
      const gens = items.map((i) => this.maybePattern(i.value, symbols, depth));
      const weighted = new Weighted(items.map((i) => i.weight));
      return (rng) => (gens[weighted.sample(rng)] as StringGen)(rng);
    }
    const flat = flatten(source);
    if (flat.length === 0) throw this.fail(`has no data for ${path}`);
    if (flat.some((s) => needsCompile(s, symbols))) {
      const gens = flat.map((s) => this.maybePattern(s, symbols, depth));
      return (rng) => (gens[rng.below(gens.length)] as StringGen)(rng);
    }
    return (rng) => flat[rng.below(flat.length)] as string;
  }

  private maybePattern(s: string, symbols: Symbols, depth: number): StringGen {
    return needsCompile(s, symbols) ? this.pattern(s, symbols, depth) : () => s;
  }

  private fail(what: string): TdmError {
    return new TdmError('INTERNAL_ERROR', `locale "${this.source.code}": ${what}`, {
      suggestedActions: ['Use another locale, or report the missing data.'],
    });
  }
}

/** The definition key behind a faker method name (`commerce.product` -> `commerce.product_name.product`). */
export function definitionPath(name: string, source: DefinitionSource): string | undefined {
  const alias = METHOD_ALIASES[name];
  const parts = name.split('.');
  const [mod, method] = parts as [string, string];
  const candidates = [
    ...(alias ? [alias] : []),
    ...(parts.length > 2 ? [name] : [`${mod}.${snake(method)}`, `${mod}.${snake(method)}_pattern`]),
  ];
  return candidates.find((c) => flatten(source.raw(c)).length > 0);
}

/** The references of a pattern in order, with the literal text around them (one more literal). */
export function splitPattern(src: string): { literals: string[]; refs: string[] } {
  const literals: string[] = [];
  const refs: string[] = [];
  let last = 0;
  for (const m of src.matchAll(REF)) {
    literals.push(src.slice(last, m.index));
    refs.push(m[2] === undefined ? (m[1] as string) : m[0]);
    last = m.index + m[0].length;
  }
  literals.push(src.slice(last));
  return { literals, refs };
}

function parseArgs(name: string, args: string): unknown {
  try {
    return JSON.parse(args) as unknown;
  } catch {
    throw new TdmError('INTERNAL_ERROR', `cannot read the arguments of {{${name}(${args})}}`);
  }
}

function needsCompile(s: string, symbols: Symbols): boolean {
  if (s.includes('{{')) return true;
  if (symbols === 'none') return false;
  return /[#!]/.test(s) || (symbols === 'postcode' && /[?*]/.test(s));
}

/** Splits literal text into constant runs and per-character symbol generators. */
function symbolParts(s: string, symbols: Symbols): (string | StringGen)[] {
  if (symbols === 'none') return s ? [s] : [];
  const out: (string | StringGen)[] = [];
  let lit = '';
  for (const ch of s) {
    const g = symbolGen(ch, symbols);
    if (g) {
      if (lit) out.push(lit);
      lit = '';
      out.push(g);
    } else lit += ch;
  }
  if (lit) out.push(lit);
  return out;
}

const digit: StringGen = (rng) => DIGITS[rng.below(10)] as string;
const digitFrom2: StringGen = (rng) => DIGITS[2 + rng.below(8)] as string;
const upper: StringGen = (rng) => UPPER[rng.below(26)] as string;
const alnum: StringGen = (rng) => ALNUM[rng.below(36)] as string;

function symbolGen(ch: string, symbols: Symbols): StringGen | undefined {
  if (ch === '#') return digit;
  if (ch === '!') return digitFrom2;
  if (symbols === 'postcode' && ch === '?') return upper;
  if (symbols === 'postcode' && ch === '*') return alnum;
  return undefined;
}

/** Concatenates constant and generated parts; one string per call, no arrays. */
export function joinGens(parts: readonly (string | StringGen)[]): StringGen {
  if (parts.length === 0) return () => '';
  if (parts.length === 1) {
    const p = parts[0] as string | StringGen;
    return typeof p === 'string' ? () => p : p;
  }
  const n = parts.length;
  return (rng) => {
    let s = '';
    for (let i = 0; i < n; i++) {
      const p = parts[i] as string | StringGen;
      s += typeof p === 'string' ? p : p(rng);
    }
    return s;
  };
}
