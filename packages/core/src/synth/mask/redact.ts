/**
 * @module Redaction: a value's letters and digits become "*" with its separators kept
 * ("123-45-6789" -> "***-**-****", optionally keeping the last n characters), or a fixed
 * replacement; and personal data inside free text replaced by a tag ("[EMAIL]", "[PHONE]").
 */
import type { CellValue, ColumnType } from '../../quality/read/index.js';
import { findPiiInText } from '../pii/recognizers.js';
import type { PiiKind } from '../types.js';
import type { RedactPiiRule, RedactRule } from './rules.js';

const ALNUM = /[\p{L}\p{N}]/gu;

/**
 * The type a redacted column is written as: text when a replacement is given, or when the last
 * digits of an integer (a card or account number read as a number) are kept.
 */
export function redactedType(rule: RedactRule, type: ColumnType): ColumnType {
  if (rule.replacement !== undefined) return 'string';
  return type === 'integer' && rule.keepLast !== undefined ? 'string' : type;
}

/**
 * Redacts one value: text keeps its shape; integers with `keepLast` become text the same way
 * ("************1111"); other types (numbers, dates, booleans) become null.
 */
export function redactValue(v: CellValue, rule: RedactRule, type: ColumnType): CellValue {
  if (v === null) return null;
  if (rule.replacement !== undefined) return rule.replacement;
  if (type === 'integer' && rule.keepLast !== undefined && typeof v === 'number') v = String(v);
  else if (typeof v !== 'string' || (type !== 'string' && type !== 'json')) return null;
  const keep = Math.min(rule.keepLast ?? 0, v.length);
  return v.slice(0, v.length - keep).replace(ALNUM, '*') + v.slice(v.length - keep);
}

/** The tag that stands in for a kind of personal data in text. */
export const piiTag = (kind: PiiKind): string => `[${kind.toUpperCase()}]`;

/** Replaces the personal data found in a text by tags, leaving the rest of the text as it was. */
export function redactPiiInText(v: CellValue, rule: RedactPiiRule): CellValue {
  if (typeof v !== 'string') return v;
  const spans = findPiiInText(v).filter((s) => !rule.kinds || rule.kinds.includes(s.kind));
  if (spans.length === 0) return v;
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += v.slice(at, s.start) + piiTag(s.kind);
    at = s.end;
  }
  return out + v.slice(at);
}
