/**
 * @module Privacy rules proposed from PII findings: keys and contact identifiers pseudonymized (so
 * joins survive), names and addresses anonymized, dates of birth generalized to the year, postal
 * codes truncated, free text scrubbed of the personal data inside it.
 */
import type { PiiColumn, PiiKind } from '../types.js';
import type { ColumnRule, PrivacyRules } from './rules.js';

/** The default rule per kind of personal data. */
export const DEFAULT_RULES: Record<PiiKind, ColumnRule> = {
  email: { method: 'pseudonymize' },
  phone: { method: 'pseudonymize' },
  national_id: { method: 'pseudonymize' },
  payment_card: { method: 'pseudonymize' },
  iban: { method: 'pseudonymize' },
  ip_address: { method: 'pseudonymize' },
  person_name: { method: 'anonymize', kind: 'person_name' },
  first_name: { method: 'anonymize', kind: 'first_name' },
  last_name: { method: 'anonymize', kind: 'last_name' },
  street_address: { method: 'anonymize', kind: 'street_address' },
  city: { method: 'anonymize', kind: 'city' },
  postal_code: { method: 'generalize', truncate: 3 },
  date_of_birth: { method: 'generalize', truncate: 'year' },
  free_text: { method: 'redact-pii' },
};

/**
 * Rules masking every finding with its kind's default (one rule per column; a later finding for
 * the same column wins).
 *
 * @example
 * privacyRulesFromFindings([{ table: 'customers', column: 'email', kind: 'email' }]);
 * // { preserveRelationships: true, tables: { customers: { email: { method: 'pseudonymize' } } } }
 */
export function privacyRulesFromFindings(findings: readonly PiiColumn[]): PrivacyRules {
  const tables: Record<string, Record<string, ColumnRule>> = {};
  for (const f of findings) (tables[f.table] ??= {})[f.column] = { ...DEFAULT_RULES[f.kind] };
  return { preserveRelationships: true, tables };
}
