/**
 * @module The value generator for each kind of personal data, so a profiled schema regenerates a
 * PII column with realistic values of its kind (and of its format where the profile shows one)
 * instead of enumerating the sample's real values.
 */
import type { FieldDoc } from '../../dsl/index.js';
import { PII_GENERATORS } from '../pii-generators.js';
import type { PiiKind } from '../types.js';
import type { ColumnPatterns } from './patterns-schema.js';
import { shapeRegex } from './shape-regex.js';

/** Kinds whose generator can promise unique values. */
const UNIQUE_CAPABLE = new Set<PiiKind>(['email', 'national_id']);

/** Whether the kind's generator can promise unique values (for keys). */
export const piiCanBeUnique = (kind: PiiKind): boolean => UNIQUE_CAPABLE.has(kind);

/** The DSL field for a PII column of this kind. */
export function piiField(kind: PiiKind, c: ColumnPatterns, unique: boolean): FieldDoc {
  const top = c.strings?.formats[0];
  const field = ((): FieldDoc => {
    switch (kind) {
      case 'date_of_birth':
        return c.temporal
          ? { type: 'date', min: c.temporal.min.slice(0, 10), max: c.temporal.max.slice(0, 10) }
          : { type: 'date', min: '-90y', max: '-18y' };
      case 'national_id': {
        const re = top ? shapeRegex(top.pattern) : null;
        return { type: 'regex', pattern: re?.pattern ?? '[1-8][0-9]{2}-[0-9]{2}-[0-9]{4}' };
      }
      case 'free_text':
        return { type: (c.strings?.meanLength ?? 0) > 120 ? 'lorem.paragraph' : PII_GENERATORS.free_text };
      case 'ip_address':
        return { type: top?.pattern.includes(':') ? 'internet.ipv6' : PII_GENERATORS.ip_address };
      case 'payment_card': {
        const sep = top?.pattern.includes(' ') ? ' ' : top?.pattern.includes('-') ? '-' : '';
        return { type: PII_GENERATORS.payment_card, separator: sep };
      }
      default:
        return { type: PII_GENERATORS[kind] };
    }
  })();
  if (unique && UNIQUE_CAPABLE.has(kind)) field.unique = true;
  return field;
}
