/**
 * @module Personal data recognized in one value or inside free text. Value-level recognition
 * answers only when the value's shape and check digits speak for themselves (an email, a
 * Luhn-valid card, an IBAN, an IP address, an SSN/DNI/NINO, a phone written as a phone); postal
 * codes, dates and names need a column's name or a lexicon as well, which `detectPii` weighs.
 */
import { isEmail, isIban } from '../../quality/index.js';
import type { PiiKind } from '../types.js';
import { isStreetAddress } from './lexicon.js';
import { isIpv4, isIpv6, isNationalId, isPaymentCard, isPhoneNumber } from './validators.js';

/** A phone's trailing extension: "x905", " ext. 12", " extension 3". */
const PHONE_EXTENSION = / ?(?:x|ext\.?|extension) ?\d{1,6}$/i;

/** Values longer than this are text, not one identifier. */
const MAX_VALUE_LENGTH = 64;

/**
 * The kind of personal data a single value is, by its shape and check digits alone, or null.
 *
 * @example
 * recognizeValue('jane.doe@example.com'); // 'email'
 * recognizeValue('4111 1111 1111 1111'); // 'payment_card'
 * recognizeValue('12345'); // null (a zip? a count? the column name decides)
 */
export function recognizeValue(v: string): PiiKind | null {
  const s = v.trim();
  if (s.length < 3 || s.length > MAX_VALUE_LENGTH) return null;
  if (s.includes('@')) return isEmail(s) ? 'email' : null;
  const c = s.charCodeAt(0);
  const upper = c >= 65 && c <= 90;
  if (upper && isIban(s)) return 'iban';
  if (isIpv4(s) || isIpv6(s)) return 'ip_address';
  if (isPaymentCard(s)) return 'payment_card';
  if (isNationalId(s)) return 'national_id';
  if (isPhoneNumber(s)) return 'phone';
  return null;
}

/** One piece of personal data inside a text: its kind and its [start, end) offsets. */
export interface PiiSpan {
  kind: PiiKind;
  start: number;
  end: number;
}

/**
 * Candidate finders, in priority order: an earlier kind claims its characters first, so a card
 * number is not also read as a phone. Every candidate is confirmed by its validator.
 */
const FINDERS: { kind: PiiKind; re: RegExp; ok: (s: string) => boolean }[] = [
  {
    kind: 'email',
    re: /[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g,
    ok: isEmail,
  },
  {
    kind: 'iban',
    re: /\b[A-Z]{2}\d{2}(?:[A-Z0-9]{11,30}|(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,3})?)\b/g,
    ok: isIban,
  },
  { kind: 'payment_card', re: /(?<![\d.,-])\d(?:[ -]?\d){12,18}(?!\d|[.,]\d)/g, ok: isPaymentCard },
  {
    kind: 'national_id',
    re: /\b(?:\d{3}-\d{2}-\d{4}|[XYZ]?\d{7,8}-?[A-Z]|[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D])\b/g,
    ok: isNationalId,
  },
  { kind: 'ip_address', re: /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d]|\.\d)/g, ok: isIpv4 },
  {
    kind: 'ip_address',
    re: /(?<![0-9A-Fa-f:])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?(?![0-9A-Fa-f:])/g,
    ok: (s) => /[0-9A-Fa-f]/.test(s) && isIpv6(s),
  },
  {
    // English word order only ("51 Main St", "1600 Pennsylvania Avenue"): a house number, one to
    // three capitalized words, a street word; the lexicon confirms.
    kind: 'street_address',
    re: /(?<![\w.,-])\d{1,5}[A-Za-z]? (?:[A-Z][\p{L}'-]* ){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Drive|Dr|Lane|Ln|Way|Court|Ct|Place|Pl|Square|Sq|Terrace|Parkway|Pkwy|Highway|Hwy)\b\.?/gu,
    ok: isStreetAddress,
  },
  {
    kind: 'phone',
    re: /(?<![\w+])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,5}\)[ .-]?)?\d{1,5}(?:[ .-]\d{1,5}){0,5}(?: ?(?:x|ext\.?|extension) ?\d{1,6})?(?![\w])/gi,
    // The extension belongs to the span (it is dialled after the number) but not to the check.
    ok: (s) => isPhoneNumber(s.replace(PHONE_EXTENSION, '')),
  },
];

/**
 * Personal data inside free text (emails, IBANs, payment cards, national ids, IP addresses,
 * street addresses written house number first, phones), as spans sorted by start; spans never
 * overlap.
 *
 * @example
 * findPiiInText('Call +31 20 123 4567 or mail jo@ex.org');
 * // [{ kind: 'phone', start: 5, end: 20 }, { kind: 'email', start: 29, end: 38 }]
 */
export function findPiiInText(text: string): PiiSpan[] {
  const spans: PiiSpan[] = [];
  const taken = (start: number, end: number): boolean => spans.some((p) => start < p.end && p.start < end);
  for (const f of FINDERS) {
    f.re.lastIndex = 0;
    for (const m of text.matchAll(f.re)) {
      const raw = m[0];
      const start = m.index;
      // Trailing separators are never part of the value ("... 4567." or "... 4567 -").
      const trimmed = raw.replace(/[ .-]+$/, '');
      const end = start + trimmed.length;
      if (trimmed.length > 0 && !taken(start, end) && f.ok(trimmed)) spans.push({ kind: f.kind, start, end });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}
