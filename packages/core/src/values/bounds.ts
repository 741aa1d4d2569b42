/**
 * @module Bounds for numbers and instants: constants, relative durations (`-3y`, `now`, `+30d`)
 * evaluated against the generation's "now", or other fields (`order_date`,
 * `customer_id.created_at + 1d`) read per row.
 */
import { z } from 'zod';
import { TdmError } from '../errors/index.js';
import type { Getter, Value } from '../expr/index.js';
import type { CompileContext } from './types.js';

const scalarBound = z.union([z.number(), z.string()]);
/** The DSL form of min/max: a number, a string (date, relative, field), or several (tightest wins). */
export const boundParam = z.union([scalarBound, z.array(scalarBound).min(1)]);

/** A bound resolved at compile time (constant) or per row (getter). */
export type Bound =
  | { constant: number }
  | { getter: Getter; offset: number }
  /** Several bounds at once (a declared min plus constraint-derived ones): the tightest wins. */
  | { parts: Bound[]; tightest: 'max' | 'min' };

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  mo: 2_629_746_000,
  y: 31_556_952_000,
};

const DURATION = /([+-])\s*(\d+(?:\.\d+)?)\s*(ms|mo|y|w|d|h|m|s)\b/g;
const RELATIVE = /^\s*(now)?\s*((?:[+-]\s*\d+(?:\.\d+)?\s*(?:ms|mo|y|w|d|h|m|s)\s*)*)$/;
const REF_WITH_OFFSET =
  /^\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?)\s*((?:[+-]\s*\d+(?:\.\d+)?\s*(?:ms|mo|y|w|d|h|m|s)\s*)*)$/;

/** Applies `-3y +2mo` style calendar offsets to an instant (years and months by the calendar). */
export function applyRelative(base: number, offsets: string): number {
  const d = new Date(base);
  let extra = 0;
  for (const m of offsets.matchAll(DURATION)) {
    const sign = m[1] === '-' ? -1 : 1;
    const n = Number(m[2]) * sign;
    const unit = m[3] as string;
    if ((unit === 'y' || unit === 'mo') && Number.isInteger(n)) {
      if (unit === 'y') d.setUTCFullYear(d.getUTCFullYear() + n);
      else d.setUTCMonth(d.getUTCMonth() + n);
    } else {
      extra += n * (UNIT_MS[unit] as number);
    }
  }
  return d.getTime() + extra;
}

function durationMs(offsets: string): number {
  let total = 0;
  for (const m of offsets.matchAll(DURATION))
    total += (m[1] === '-' ? -1 : 1) * Number(m[2]) * (UNIT_MS[m[3] as string] as number);
  return total;
}

/** Parses a time of day `HH:MM[:SS[.mmm]]` into ms since midnight, or undefined. */
export function parseTimeOfDay(s: string): number | undefined {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/.exec(s.trim());
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  const sec = Number(m[3] ?? 0);
  if (h > 24 || min > 59 || sec > 59) return undefined;
  return ((h * 60 + min) * 60 + sec) * 1000 + Number((m[4] ?? '0').padEnd(3, '0'));
}

/** Parses an absolute date/timestamp literal (ISO 8601) into epoch ms, or undefined. */
export function parseInstant(s: string): number | undefined {
  if (!/^\d{4}-\d{2}(-\d{2})?([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(s.trim())) return undefined;
  const iso = /^\d{4}-\d{2}$/.test(s.trim()) ? s.trim() + '-01' : s.trim().replace(' ', 'T');
  const t = Date.parse(/T/.test(iso) && !/(Z|[+-]\d{2}:?\d{2})$/.test(iso) ? iso + 'Z' : iso);
  return Number.isNaN(t) ? undefined : t;
}

/** What a bound's text says, before any "now" or field is known. */
export type BoundText =
  | { constant: number }
  /** Calendar offsets from "now" (`-3y +2mo`; empty for `now` itself), for applyRelative. */
  | { relative: string }
  /** Another field (`customer_id.created_at`) plus a fixed offset in ms (0 for numbers). */
  | { ref: string; offsetMs: number };

/**
 * Reads a min/max string the way the generator does: an ISO instant or a relative bound for
 * instants, a time of day for `time`, a number for numbers, else a field reference with offsets.
 * Undefined when it is none of them. The quality rules derived from a schema read bounds here too.
 */
export function parseBoundText(value: string, kind: 'number' | 'instant' | 'time'): BoundText | undefined {
  if (kind === 'instant') {
    const abs = parseInstant(value);
    if (abs !== undefined) return { constant: abs };
    const rel = RELATIVE.exec(value);
    if (rel && (rel[1] || rel[2]?.trim())) return { relative: rel[2] ?? '' };
  }
  if (kind === 'time') {
    const t = parseTimeOfDay(value);
    if (t !== undefined) return { constant: t };
  }
  if (kind === 'number' && value.trim() !== '' && !Number.isNaN(Number(value)))
    return { constant: Number(value) };
  const ref = REF_WITH_OFFSET.exec(value);
  if (ref && ref[1] !== 'now') {
    return { ref: ref[1] as string, offsetMs: kind === 'number' ? 0 : durationMs(ref[2] ?? '') };
  }
  return undefined;
}

/**
 * Resolves a min/max option. `kind` picks how strings read: instants for dates and timestamps,
 * times of day for `time`, and only field references for numbers.
 */
export function resolveBound(
  value: unknown,
  kind: 'number' | 'instant' | 'time',
  ctx: CompileContext,
  option: string,
): Bound | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) {
    const parts = value
      .map((v) => resolveBound(v, kind, ctx, option))
      .filter((b): b is Bound => b !== undefined);
    const tightest = option === 'max' ? 'min' : 'max';
    if (parts.length === 0) return undefined;
    if (parts.length === 1) return parts[0];
    if (parts.every((b) => 'constant' in b)) {
      const values = parts.map((b) => (b as { constant: number }).constant);
      return { constant: tightest === 'max' ? Math.max(...values) : Math.min(...values) };
    }
    return { parts, tightest };
  }
  if (typeof value === 'number') return { constant: value };
  if (value instanceof Date) return { constant: value.getTime() };
  if (typeof value !== 'string') {
    throw new TdmError('SCHEMA_TYPE_INVALID', `${ctx.path}.${option}: expected a number or a string`);
  }
  const text = parseBoundText(value, kind);
  if (text && 'constant' in text) return text;
  if (text && 'relative' in text) return { constant: applyRelative(ctx.now, text.relative) };
  if (text) return { getter: ctx.resolve(text.ref), offset: text.offsetMs };
  const expected =
    kind === 'instant'
      ? 'an ISO date, a relative bound like -3y / now / +30d, or a field like customer_id.created_at'
      : kind === 'time'
        ? 'a time of day HH:MM[:SS] or a field'
        : 'a number or a field';
  throw new TdmError('SCHEMA_TYPE_INVALID', `${ctx.path}.${option}: "${value}" is not ${expected}`);
}

/** Reads a bound for the current row; null when a referenced field is null. */
export function boundValue(b: Bound, row: number, out: Value[]): number | null {
  if ('constant' in b) return b.constant;
  if ('parts' in b) {
    let best: number | null = null;
    for (const part of b.parts) {
      const v = boundValue(part, row, out);
      if (v !== null && (best === null || (b.tightest === 'max' ? v > best : v < best))) best = v;
    }
    return best;
  }
  const v = b.getter(row, out);
  return v === null ? null : Number(v) + b.offset;
}
