/**
 * @module Format checks for `format` rules: named formats (email, phone, uuid, dates, IBAN with
 * its mod-97 check, card numbers with the Luhn check, ...) and user regular expressions, which
 * are screened for catastrophic backtracking (nested unbounded repetition, backreferences) before
 * they are compiled, since a hostile pattern could otherwise stall the checker on one value.
 */
import retModule, { types, type Root, type Token } from 'ret';
import { TdmError } from '../errors/index.js';
import type { QualityFormat } from '../dsl/index.js';
import { instantOf } from './instant.js';
import type { CellValue } from './source.js';

const tokenize = retModule as unknown as typeof retModule.default;

/** True when the value satisfies the format; null values are not checked (completeness is). */
export type FormatCheck = (v: CellValue) => boolean;

const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
const PHONE = /^\+?[0-9 ().-]{7,24}(?: ?(?:x|ext\.?) ?[0-9]{1,6})?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?$/;
const IBAN = /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/;

function digitCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

export function isEmail(s: string): boolean {
  return s.length <= 254 && EMAIL.test(s) && s.indexOf('@') <= 64;
}

export function isPhone(s: string): boolean {
  if (!PHONE.test(s)) return false;
  // Digits of the number itself: up to an extension ("x123", "ext. 123"), if any.
  const ext = s.search(/ ?(?:x|ext)/);
  const n = digitCount(ext < 0 ? s : s.slice(0, ext));
  return n >= 7 && n <= 15;
}

export function isIsoDate(s: string): boolean {
  return s.length === 10 && DATE.test(s) && instantOf(s) !== undefined;
}

export function isTimestamp(s: string): boolean {
  return TIMESTAMP.test(s) && instantOf(s) !== undefined;
}

/** IBAN: shape, then ISO 7064 mod 97-10 over the rearranged characters must leave 1. */
export function isIban(raw: string): boolean {
  const s = raw.replace(/ /g, '');
  if (!IBAN.test(s)) return false;
  let rem = 0;
  const step = (c: number): void => {
    const v = c >= 65 ? c - 55 : c - 48;
    rem = v >= 10 ? (rem * 100 + v) % 97 : (rem * 10 + v) % 97;
  };
  for (let i = 4; i < s.length; i++) step(s.charCodeAt(i));
  for (let i = 0; i < 4; i++) step(s.charCodeAt(i));
  return rem === 1;
}

/** Card numbers: 12-19 digits (spaces or dashes allowed between) passing the Luhn check. */
export function isCreditCard(raw: string): boolean {
  if (!/^\d[\d -]{10,22}\d$/.test(raw)) return false;
  let sum = 0;
  let n = 0;
  let double = false;
  for (let i = raw.length - 1; i >= 0; i--) {
    const d = raw.charCodeAt(i) - 48;
    if (d < 0 || d > 9) continue;
    n++;
    sum += double ? (d < 5 ? d * 2 : d * 2 - 9) : d;
    double = !double;
  }
  return n >= 12 && n <= 19 && sum % 10 === 0;
}

function isJsonText(v: CellValue): boolean {
  if (typeof v !== 'string') return typeof v === 'number' || typeof v === 'boolean';
  try {
    JSON.parse(v);
    return true;
  } catch {
    return false;
  }
}

const str =
  (f: (s: string) => boolean): FormatCheck =>
  (v) =>
    typeof v === 'string' && f(v);

const NAMED: Record<Exclude<QualityFormat, 'regex'>, FormatCheck> = {
  email: str(isEmail),
  phone: str(isPhone),
  uuid: str((s) => UUID.test(s)),
  date: str(isIsoDate),
  timestamp: str((s) => isTimestamp(s) || isIsoDate(s)),
  time: str((s) => TIME.test(s)),
  iban: str(isIban),
  creditCard: (v) => (typeof v === 'string' || typeof v === 'number') && isCreditCard(String(v)),
  integer: (v) => typeof v === 'number' && Number.isInteger(v),
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  boolean: (v) => typeof v === 'boolean',
  json: isJsonText,
};

/** Longest value a regex rule tests; longer values fail without running the pattern. */
export const MAX_REGEX_INPUT = 10_000;

/** The check for a named format or a regex; throws QUALITY_RULE_INVALID for unsafe patterns. */
export function formatCheck(format: QualityFormat, pattern: string | undefined, at: string): FormatCheck {
  if (format !== 'regex') return NAMED[format];
  if (pattern === undefined) {
    throw new TdmError('QUALITY_RULE_INVALID', `${at}: a regex format rule needs a \`pattern\``);
  }
  const re = safeRegex(pattern, at);
  return (v) => {
    if (v === null) return true;
    const s = String(v);
    return s.length <= MAX_REGEX_INPUT && re.test(s);
  };
}

/** Compiles a user pattern anchored to the whole value, after screening it. */
export function safeRegex(pattern: string, at: string): RegExp {
  let root: Root;
  try {
    root = tokenize(pattern);
    new RegExp(pattern, 'u');
  } catch (e) {
    throw new TdmError('QUALITY_RULE_INVALID', `${at}: invalid regular expression: ${(e as Error).message}`);
  }
  const why = unsafeReason(root, 0);
  if (why) {
    throw new TdmError('QUALITY_RULE_INVALID', `${at}: regular expression rejected: ${why}`, {
      suggestedActions: ['Avoid nested repetition such as (a+)+ and backreferences; match one level deep.'],
    });
  }
  return new RegExp(`^(?:${pattern})$`, 'u');
}

/** Why a pattern may backtrack catastrophically (nested unbounded repetition, backreferences). */
function unsafeReason(t: Root | Token, unboundedAbove: number): string | null {
  switch (t.type) {
    case types.ROOT:
    case types.GROUP: {
      const branches = t.options ?? (t.stack ? [t.stack] : []);
      for (const branch of branches) {
        for (const child of branch) {
          const r = unsafeReason(child, unboundedAbove);
          if (r) return r;
        }
      }
      return null;
    }
    case types.REPETITION: {
      const unbounded = t.max === Infinity || t.max > 100;
      if (unbounded && unboundedAbove > 0) return 'nested unbounded repetition';
      return unsafeReason(t.value, unboundedAbove + (unbounded ? 1 : 0));
    }
    case types.REFERENCE:
      return 'backreference';
    default:
      return null;
  }
}
