/**
 * @module Pseudonymization of one value: keyed, deterministic and format-preserving. The value's
 * shape picks the treatment (uuid, IBAN, card, email, number, any text); each treatment is a
 * bijection of its shape (cipher.ts), so distinct inputs give distinct outputs and equal inputs
 * give equal outputs in every table and every run with the same secret.
 */
import { isCreditCard, isEmail, isIban, isPhone } from '../../quality/index.js';
import { ibanCheckDigits, luhnCheckDigit } from '../../values/checksums.js';
import type { CellValue } from '../../quality/read/index.js';
import {
  DIGITS,
  encipherChars,
  HEX,
  HEX_UPPER,
  LOWER,
  UPPER,
  textClasses,
  type CharClass,
  type PseudonymKey,
} from './cipher.js';

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export interface PseudonymOptions {
  /** Emails keep their domain. */
  keepDomain?: boolean;
  /** Mixed into every tweak: '' for one pseudonym space across tables, `table.column` otherwise. */
  scope?: string;
}

/** Leading card digits kept (the issuer identification number). */
const BIN_DIGITS = 6;

/** Steps of a number's cycle walk before giving up injectivity for that value. */
const MAX_WALK = 100_000;

/** Most distinct inputs remembered per pseudonymizer (a cache: repeated keys cost one lookup). */
const CACHE_LIMIT = 65_536;

type Shape = 'uuid' | 'iban' | 'card' | 'email' | 'phone' | 'text';

/** The treatment a string gets, by its shape (checked in this order). */
function shapeOf(s: string): Shape {
  if (UUID.test(s)) return 'uuid';
  if (s.length >= 15 && /^[A-Z]{2}/.test(s) && isIban(s)) return 'iban';
  if (isCreditCard(s)) return 'card';
  if (s.includes('@') && isEmail(s)) return 'email';
  return isPhone(s) ? 'phone' : 'text';
}

/** A cached pseudonymizer for one column's options. */
export class Pseudonymizer {
  private readonly cache = new Map<string, string>();

  constructor(
    private readonly key: PseudonymKey,
    private readonly options: PseudonymOptions = {},
  ) {}

  value(v: CellValue): CellValue {
    if (v === null) return null;
    if (typeof v === 'boolean') return ((this.key.mac(`${this.scope}bool`)[0] as number) & 1) === 1 ? !v : v;
    if (typeof v === 'number') return this.number(v);
    return this.text(v);
  }

  private get scope(): string {
    return this.options.scope ? `${this.options.scope}\u0000` : '';
  }

  /**
   * Numbers through their decimal digits (so 123 and "123" agree; a number that is a Luhn-valid
   * card gets the card treatment, as its text would), cycle-walking until the result
   * reads back as the same text: a permutation restricted to the texts that are numbers is still
   * injective, and the walk ends because the input itself is such a text. Only the mantissa is
   * enciphered ("1e+21" keeps its exponent), and the trailing zeros of integers beyond 2^53 stay
   * (they are the float's rounding, not digits it holds), so a walk takes a few steps.
   */
  private number(v: number): number {
    if (!Number.isFinite(v)) return v;
    const s = String(v);
    const e = s.indexOf('e');
    const exp = e < 0 ? '' : s.slice(e);
    const mantissa = e < 0 ? s : s.slice(0, e);
    const zeros =
      Number.isSafeInteger(v) || e >= 0 ? 0 : mantissa.length - mantissa.replace(/0+$/, '').length;
    const tail = '0'.repeat(zeros);
    let m = mantissa.slice(0, mantissa.length - zeros);
    // A card number read as an integer is a card: its issuer prefix and Luhn digit survive, as
    // for the same number written as text (the prefix keeps the first digit, so no leading zero).
    const card = Number.isSafeInteger(v) && v > 0 && shapeOf(s) === 'card';
    if (card) {
      const n = Number(this.text(s));
      if (Number.isSafeInteger(n)) return n;
    }
    for (let step = 0; step < MAX_WALK; step++) {
      m = this.cached(`\u0001${m}`, () => this.chars(`${this.scope}text`, m, textClasses(m)));
      const n = Number(m + tail + exp);
      // Other numbers never become cards, which only cards may become (injectivity).
      if (
        String(n) === m + tail + exp &&
        (Number.isSafeInteger(n) || !Number.isSafeInteger(v)) &&
        (card || m.length < 12 || shapeOf(m) !== 'card')
      )
        return n;
    }
    // Unreachable in practice (each step lands on a number text with probability >= ~1/20).
    return Number(Number(m + tail + exp).toPrecision(15));
  }

  text(s: string): string {
    return this.cached(s, () => this.compute(s));
  }

  private cached(key: string, make: () => string): string {
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const out = make();
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(key, out);
    return out;
  }

  /**
   * Each shape's treatment is a bijection of the strings of its character pattern; walking until
   * the result has the input's shape again restricts it to that shape, so shapes never meet
   * (a text never becomes a Luhn-valid card number that a card could also have become).
   */
  private compute(s: string): string {
    const shape = shapeOf(s);
    let out = s;
    do out = this.treat(shape, out);
    while (shapeOf(out) !== shape);
    return out;
  }

  private treat(shape: Shape, s: string): string {
    const t = this.scope;
    switch (shape) {
      case 'uuid':
        return this.chars(`${t}uuid`, s, uuidClasses(s));
      case 'iban':
        return this.iban(s);
      case 'card':
        return this.card(s);
      case 'email':
        return this.email(s);
      case 'phone':
        // Only digits change, so "x123" extensions and separators stay as written.
        return this.chars(
          `${t}text`,
          s,
          textClasses(s).map((c) => (c === LOWER || c === UPPER ? null : c)),
        );
      case 'text':
        return this.chars(`${t}text`, s, textClasses(s));
    }
  }

  private chars(tweak: string, s: string, classes: (CharClass | null)[]): string {
    return encipherChars(this.key, tweak, s, classes);
  }

  /** Country kept, BBAN enciphered by character class, check digits recomputed (mod 97). */
  private iban(s: string): string {
    const compact = s.replace(/ /g, '');
    const country = compact.slice(0, 2);
    const bban = compact.slice(4);
    const classes = bban.split('').map((c) => (c >= '0' && c <= '9' ? DIGITS : UPPER));
    const out = this.chars(`${this.scope}iban\u0000${country}`, bban, classes);
    const iban = country + ibanCheckDigits(country, out) + out;
    return s.includes(' ') ? respace(s, iban) : iban;
  }

  /**
   * The issuer prefix (BIN, first six digits, which PCI DSS allows to show) kept so the number
   * stays a card of the same issuer; the account digits enciphered; the Luhn digit recomputed.
   */
  private card(s: string): string {
    const digits = s.replace(/[ -]/g, '');
    const payload = digits.slice(0, -1);
    const body = this.chars(
      `${this.scope}card`,
      payload,
      payload.split('').map((_, i) => (i < BIN_DIGITS ? null : DIGITS)),
    );
    return respace(s, body + luhnCheckDigit(body));
  }

  /** Local part enciphered; the domain kept, or its labels enciphered except the top-level one. */
  private email(s: string): string {
    const at = s.lastIndexOf('@');
    const local = this.chars(`${this.scope}email-local`, s.slice(0, at), textClasses(s.slice(0, at)));
    const domain = s.slice(at + 1);
    if (this.options.keepDomain) return `${local}@${domain}`;
    const dot = domain.lastIndexOf('.');
    const name = domain.slice(0, dot);
    // Domains repeat across rows: cached apart from whole addresses.
    const masked = this.cached(`\u0002${name}`, () =>
      this.chars(`${this.scope}email-domain`, name, textClasses(name)),
    );
    return `${local}@${masked}${domain.slice(dot)}`;
  }
}

/** Hex digits in their case; the version (14) and variant (19) characters kept. */
function uuidClasses(s: string): (CharClass | null)[] {
  return s.split('').map((c, i) => {
    if (c === '-' || i === 14 || i === 19) return null;
    return c >= 'A' && c <= 'F' ? HEX_UPPER : HEX;
  });
}

/** `chars` laid out with the separators of `template` (digits and letters replaced in order). */
function respace(template: string, chars: string): string {
  let j = 0;
  let out = '';
  for (const c of template) out += c === ' ' || c === '-' ? c : chars[j++];
  return out;
}
