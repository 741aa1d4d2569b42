/**
 * @module The value generator of each kind of personal data, in one place: synthesis, masking
 * (anonymize) and the schema a profile emits all draw a kind's replacements from the same
 * generator of the value library.
 */
import type { PiiKind } from './types.js';

/** Kinds whose values are shaped from a real value's format rather than drawn from a generator. */
export type ShapedPiiKind = 'date_of_birth' | 'national_id';

/**
 * Value-library generator per kind. Callers refine where the input shows more (card separators,
 * IBAN country, IPv6, long free text as paragraphs).
 */
export const PII_GENERATORS: Readonly<Record<Exclude<PiiKind, ShapedPiiKind>, string>> = {
  email: 'internet.email',
  phone: 'phone.number',
  person_name: 'person.fullName',
  first_name: 'person.firstName',
  last_name: 'person.lastName',
  street_address: 'location.streetAddress',
  city: 'location.city',
  postal_code: 'location.zipCode',
  payment_card: 'finance.creditCardNumber',
  iban: 'finance.iban',
  ip_address: 'internet.ipv4',
  free_text: 'lorem.sentence',
};

/** The generator of `kind`, or undefined for kinds shaped from real values. */
export const piiGenerator = (kind: PiiKind): string | undefined =>
  kind in PII_GENERATORS ? PII_GENERATORS[kind as Exclude<PiiKind, ShapedPiiKind>] : undefined;
