/**
 * @module Shapes shared by the parts of sample-learning (profiling, PII detection, masking,
 * synthesis, the fidelity and privacy report), so each part takes plain data from the others.
 */

/** The kinds of personal data tdm detects, masks and never replays. */
export const PII_KINDS = [
  'email',
  'phone',
  'person_name',
  'first_name',
  'last_name',
  'street_address',
  'city',
  'postal_code',
  'date_of_birth',
  'national_id',
  'payment_card',
  'iban',
  'ip_address',
  'free_text',
] as const;
export type PiiKind = (typeof PII_KINDS)[number];

/** A column holding personal data, as detection found it or a user declared it. */
export interface PiiColumn {
  table: string;
  column: string;
  kind: PiiKind;
}
