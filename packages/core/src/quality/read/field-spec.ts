/**
 * @module A column's profile -> its DSL field: the generator type and options that describe the
 * values seen (so the schema both documents the data and regenerates look-alike data).
 */
import type { FieldDoc } from '../../dsl/index.js';
import { ENUM_MAX_VALUES, type ColumnProfile } from './column-profile.js';
import type { ColumnType } from './types.js';

/** Values that disagree with the sampled type beyond this share widen the type. */
const WIDEN_SHARE = 0.01;
const MAX_STRING_LENGTH = 10_000;

export function finalType(p: ColumnProfile): ColumnType {
  const t = p.column.type;
  if (p.nonNull > 0 && p.mismatches > p.nonNull * WIDEN_SHARE) return 'string';
  if (t === 'integer' && p.fractions > 0) return 'number';
  return t;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function fieldSpec(
  p: ColumnProfile,
  type: ColumnType,
  key: { primaryKey: boolean; ref: string | null },
): FieldDoc {
  const spec: FieldDoc = key.ref ? { ref: key.ref } : valueSpec(p, type);
  if (key.primaryKey) spec.primaryKey = true;
  else if (!key.ref && p.isUnique && (type === 'string' || type === 'integer') && spec.type !== 'enum')
    spec.unique = true;
  if (p.nulls > 0 && !key.primaryKey) spec.nullRate = Math.max(0.0001, round(p.nulls / p.rows, 4));
  return spec;
}

function valueSpec(p: ColumnProfile, type: ColumnType): FieldDoc {
  const hasRange = p.minNum <= p.maxNum;
  switch (type) {
    case 'boolean':
      return { type: 'boolean', ratio: round(p.trues / Math.max(1, p.nonNull), 3) };
    case 'integer':
      return hasRange ? { type: 'integer', min: p.minNum, max: p.maxNum } : { type: 'integer' };
    case 'number':
      return hasRange
        ? { type: 'decimal', min: p.minNum, max: p.maxNum, scale: p.scale }
        : { type: 'decimal', scale: p.scale };
    case 'date':
    case 'timestamp':
      return p.minText !== null && p.maxText !== null ? { type, min: p.minText, max: p.maxText } : { type };
    case 'json':
      return jsonSpec(p.firstJson);
    case 'string':
      return stringSpec(p);
  }
}

function stringSpec(p: ColumnProfile): FieldDoc {
  // No text statistics when the column was read as another type and widened to text.
  if (p.nonNull === 0 || p.column.type !== 'string') return { type: 'string' };
  const counts = p.counts;
  // An enum when few values repeat: at most ENUM_MAX_VALUES, each seen twice on average.
  if (counts && counts.size <= ENUM_MAX_VALUES && p.nonNull >= 2 * counts.size) {
    return { type: 'enum', values: Object.fromEntries([...counts].sort((a, b) => b[1] - a[1])) };
  }
  if (p.allUuid) return { type: 'uuid' };
  const maxLength = Math.min(MAX_STRING_LENGTH, p.maxLength);
  return { type: 'string', minLength: Math.min(p.minLength, maxLength), maxLength };
}

/** A json field's shape from the first value seen: member types from its JS types. */
function jsonSpec(text: string | null): FieldDoc {
  let v: unknown = null;
  try {
    v = text === null ? null : JSON.parse(text);
  } catch {
    v = null;
  }
  if (Array.isArray(v)) return { type: 'array', items: memberSpec(v[0]) };
  if (v && typeof v === 'object' && Object.keys(v).length > 0) {
    return {
      type: 'json',
      shape: Object.fromEntries(Object.entries(v).map(([k, x]) => [k, memberSpec(x)])),
    };
  }
  return { type: 'string' };
}

function memberSpec(x: unknown): FieldDoc {
  if (typeof x === 'boolean') return { type: 'boolean' };
  if (typeof x === 'number') return Number.isInteger(x) ? { type: 'integer' } : { type: 'decimal' };
  if (x && typeof x === 'object')
    return Array.isArray(x) ? { type: 'array', items: memberSpec(x[0]) } : { type: 'string' };
  return { type: 'string' };
}
