/**
 * @module The value tests detection runs per kind, with how much a match proves on its own
 * (`weight`): an address that passes the email grammar is an email, a 5-digit number is a postal
 * code only if the column's name says so (`needsName`). Some kinds test more loosely once the
 * name agrees (`withName`: any phone-like digits under `phone`, a BSN under `bsn`).
 */
import { isEmail, isIban, isPhone } from '../../quality/index.js';
import type { PiiKind } from '../types.js';
import {
  isCity,
  isFirstName,
  isLastName,
  isPersonName,
  isPostalCodeShape,
  isStreetAddress,
} from './lexicon.js';
import { isBsn, isIpv4, isIpv6, isNationalId, isPaymentCard, isPhoneNumber } from './validators.js';

export interface ValueCheck {
  kind: Exclude<PiiKind, 'free_text'>;
  /** How far a column whose values all pass is that kind by values alone, in [0, 1]. */
  weight: number;
  /** Not evidence at all without a column name of this kind. */
  needsName?: boolean;
  validator: string;
  test: (s: string) => boolean;
  /**
   * The matching share at which values fully agree with a column name (default 0.5). Lexicons
   * know only some names, so for them a lower share already agrees.
   */
  agreeShare?: number;
  /** A looser test used when the column's name names this kind (`pattern`: the name's word). */
  withName?: { validator: string; test: (s: string, pattern: string) => boolean };
}

/** Name words under which a bare number is read as that country's id. */
const BSN_NAMES = new Set(['bsn', 'burgerservicenummer']);
const SSN_NAMES = new Set(['ssn', 'social_security']);
const BARE_SSN = /^(?!000|666|9)\d{3}(?!00)\d{2}(?!0000)\d{4}$/;

/** A date (ISO or d/m/y, m/d/y) or a bare year, from 1900 to 2030: a birth date's shape. */
export function isBirthDateShape(s: string): boolean {
  const m =
    /^(\d{4})(?:-(\d{2})-(\d{2})(?:[T ].*)?)?$/.exec(s) ?? /^\d{1,2}[./-]\d{1,2}[./-](\d{4})$/.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  return year >= 1900 && year <= 2030;
}

export const VALUE_CHECKS: readonly ValueCheck[] = [
  { kind: 'email', weight: 1, validator: 'isEmail', test: isEmail },
  { kind: 'iban', weight: 1, validator: 'isIban (mod 97)', test: isIban },
  { kind: 'payment_card', weight: 0.95, validator: 'isPaymentCard (Luhn)', test: isPaymentCard },
  { kind: 'ip_address', weight: 0.95, validator: 'isIpv4/isIpv6', test: (s) => isIpv4(s) || isIpv6(s) },
  {
    kind: 'national_id',
    weight: 0.9,
    validator: 'isNationalId (SSN, DNI/NIE, NINO)',
    test: isNationalId,
    withName: {
      validator: 'isNationalId, or by name isBsn (11-proof) / 9-digit SSN',
      test: (s, pattern) =>
        isNationalId(s) ||
        (BSN_NAMES.has(pattern) && isBsn(s)) ||
        (SSN_NAMES.has(pattern) && BARE_SSN.test(s)),
    },
  },
  {
    kind: 'phone',
    weight: 0.85,
    validator: 'isPhoneNumber',
    test: isPhoneNumber,
    withName: { validator: 'isPhone', test: isPhone },
  },
  {
    kind: 'street_address',
    agreeShare: 0.15,
    weight: 0.85,
    validator: 'house number + street word',
    test: isStreetAddress,
  },
  {
    kind: 'person_name',
    agreeShare: 0.15,
    weight: 0.8,
    validator: 'name lexicon (full name)',
    test: isPersonName,
  },
  {
    kind: 'first_name',
    agreeShare: 0.15,
    weight: 0.7,
    validator: 'name lexicon (given names)',
    test: isFirstName,
  },
  {
    kind: 'last_name',
    agreeShare: 0.15,
    weight: 0.6,
    validator: 'name lexicon (family names)',
    test: isLastName,
  },
  { kind: 'city', agreeShare: 0.15, weight: 0.6, validator: 'city lexicon', test: isCity },
  {
    kind: 'postal_code',
    weight: 0.5,
    needsName: true,
    validator: 'postal code shape',
    test: isPostalCodeShape,
  },
  {
    kind: 'date_of_birth',
    weight: 0.5,
    needsName: true,
    validator: 'date 1900-2030',
    test: isBirthDateShape,
  },
];
