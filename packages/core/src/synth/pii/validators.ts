/**
 * @module Value validators for personal data that the format checker does not have: IP
 * addresses, payment cards with a plausible issuer prefix, phone numbers written as phone numbers,
 * and national identifiers with their shape rules or check digits (US SSN, Spanish DNI/NIE, UK
 * National Insurance number, Dutch BSN). Each takes one trimmed string and allocates little.
 */
import { isCreditCard, isPhone } from '../../quality/index.js';

/** Dotted-quad IPv4, each octet 0-255 without leading zeros. */
export function isIpv4(s: string): boolean {
  const parts = s.split('.');
  if (parts.length !== 4) return false;
  for (const p of parts) {
    if (!/^(?:0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255) return false;
  }
  return true;
}

const HEX_GROUP = /^[0-9A-Fa-f]{1,4}$/;

/** IPv6 in full, compressed (`::`) or IPv4-suffixed form; a zone (`%eth0`) is allowed. */
export function isIpv6(raw: string): boolean {
  const s = raw.replace(/%[0-9A-Za-z.]+$/, '');
  if (s.length < 2 || s.length > 45 || !s.includes(':')) return false;
  const halves = s.split('::');
  if (halves.length > 2) return false;
  let groups = 0;
  for (let h = 0; h < halves.length; h++) {
    const half = halves[h]!;
    if (half === '') continue;
    const parts = half.split(':');
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      const lastOfAll = h === halves.length - 1 && i === parts.length - 1;
      if (lastOfAll && p.includes('.')) {
        if (!isIpv4(p)) return false;
        groups += 2;
      } else if (HEX_GROUP.test(p)) groups++;
      else return false;
    }
  }
  return halves.length === 2 ? groups < 8 : groups === 8;
}

/**
 * Card numbers: Luhn-valid 13-19 digits whose first digit is an issuer's (2-6: Mastercard, Amex,
 * JCB, Diners, Visa, Discover, UnionPay, Maestro). The prefix rule halves the Luhn's 1-in-10
 * false positives on arbitrary digit strings.
 */
export function isPaymentCard(s: string): boolean {
  if (!isCreditCard(s)) return false;
  const first = s.charCodeAt(0) - 48;
  let digits = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) !== 32 && s.charCodeAt(i) !== 45) digits++;
  return first >= 2 && first <= 6 && digits >= 13;
}

const DATE_LIKE = /^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})$/;
const DECIMAL = /^-?\d+[.,]\d+$/;
const SSN_SHAPE = /^\d{3}([- ])\d{2}\1\d{4}$/;
const NATIONAL_PHONE = /^(?:\(\d{2,5}\) ?|\d{1,5}[ .-])(?:\d{1,5}[ .-]){0,4}\d{2,8}$/;

/**
 * A phone number by its writing: `+` and 8-15 digits, or 9-12 digits in the groups or
 * parentheses people write numbers with ("(555) 123-4567", "020 7946 0958", "06-12345678").
 * Bare digit runs, decimals, dates, the SSN's 3-2-4 grouping and dotted quads are not phones by value alone: an id or a count looks
 * the same. `isPhone` from the format checker (loose) is the one to use when the column name
 * already says "phone".
 */
export function isPhoneNumber(s: string): boolean {
  if (!isPhone(s)) return false;
  let digits = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
  }
  if (s.charCodeAt(0) === 43) return digits >= 8 && digits <= 15;
  if (DATE_LIKE.test(s) || SSN_SHAPE.test(s) || DECIMAL.test(s) || isIpv4(s)) return false;
  return digits >= 9 && digits <= 12 && NATIONAL_PHONE.test(s);
}

/**
 * US Social Security number written AAA-GG-SSSS (or with spaces): area not 000, 666 or 9xx,
 * group not 00, serial not 0000. Nine bare digits are not accepted: too many other ids look so.
 */
export function isSsn(s: string): boolean {
  const m = /^(\d{3})([- ])(\d{2})\2(\d{4})$/.exec(s);
  if (!m) return false;
  const area = m[1]!;
  return area !== '000' && area !== '666' && area[0] !== '9' && m[3] !== '00' && m[4] !== '0000';
}

const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

/** Spanish DNI (8 digits + letter) or NIE (X/Y/Z + 7 digits + letter): the letter is number mod 23. */
export function isSpanishId(raw: string): boolean {
  const s = raw.toUpperCase().replace(/-/g, '');
  const m = /^([XYZ]\d{7}|\d{8})([A-Z])$/.exec(s);
  if (!m) return false;
  const body = m[1]!;
  const lead = 'XYZ'.indexOf(body[0]!);
  const n = Number(lead >= 0 ? String(lead) + body.slice(1) : body);
  return DNI_LETTERS[n % 23] === m[2];
}

/** UK National Insurance number: two prefix letters (not D F I Q U V; not BG GB KN NK NT TN ZZ), six digits, A-D. */
export function isUkNino(raw: string): boolean {
  const s = raw.toUpperCase().replace(/ /g, '');
  if (!/^[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$/.test(s)) return false;
  return !['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ'].includes(s.slice(0, 2));
}

/**
 * Dutch citizen service number (BSN): 9 digits (8 with the leading zero dropped) passing the
 * 11-proof, sum(d_i * (9..2)) - d_9 divisible by 11. One arbitrary 9-digit string in 11 passes,
 * so a BSN counts as evidence only in a column whose name says so.
 */
export function isBsn(raw: string): boolean {
  if (!/^\d{8,9}$/.test(raw)) return false;
  const s = raw.length === 8 ? '0' + raw : raw;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (s.charCodeAt(i) - 48) * (9 - i);
  sum -= s.charCodeAt(8) - 48;
  return sum % 11 === 0 && s !== '000000000';
}

/** A national identifier recognizable by value alone (SSN, DNI/NIE, NINO; not BSN). */
export function isNationalId(s: string): boolean {
  return isSsn(s) || isSpanishId(s) || isUkNino(s);
}
