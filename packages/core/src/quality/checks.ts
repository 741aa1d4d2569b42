/**
 * @module Rules -> per-row checks over one entity's columns. Each check is a closure over column
 * indexes, compiled once per run, answering SKIP / PASS / FAIL for a row; ratio and distribution
 * verdicts are settled by a finisher when the entity's stream ends.
 */
import { TdmError } from '../errors/index.js';
import { compileExpression, parseExpression, refsOf, type Getter, type Value } from '../expr/index.js';
import { parseInstant } from '../values/index.js';
import type { FingerprintSet } from './fingerprint-set.js';
import { keep } from './detach.js';
import { formatCheck } from './formats.js';
import { instantOf } from './instant.js';
import { jsonSchemaCheck } from './json-schema.js';
import { FAIL, PASS, SKIP, type Outcome, type RuleState } from './rule-state.js';
import type { CellValue, ColumnInfo } from './source.js';

/** The key set of one field of an entity, filled during that entity's pass. */
export interface KeyTracker {
  entity: string;
  field: string;
  col: number;
  set: FingerprintSet;
  /** For the current row: -1 null, 0 first occurrence, 1 duplicate. */
  last: number;
  /** Parent fields cross-entity rules read, stored per key (instants as epoch ms). */
  payload: { col: number; instant: boolean; values: Value[] }[];
  /** True once the entity's pass finished. */
  complete: boolean;
  /** Row of each key's first occurrence, by insertion index (merging segments needs it). */
  rows: Uint32Array;
  /** Unique rules on this field: they fail rows whose key an earlier segment already had. */
  uniqueStates: RuleState[];
}

/** A check's own per-segment state beyond its rule state, as plain data. */
export type CheckExtra =
  | { kind: 'present'; n: number }
  | { kind: 'counts'; counts: [string, number][] }
  /** Keys (h1, h2 pairs) with their rows: first occurrences (unique) or references (deferred). */
  | { kind: 'keys'; keys: Uint32Array; rows: Uint32Array };

export interface RowCheck {
  state: RuleState;
  test: (row: CellValue[], index: number) => Outcome;
  /** This segment's own state (plain data), when the check keeps any. */
  save?: () => CheckExtra;
  /**
   * Merges the next segment's saved state, its rows starting at `offset`; returns the rows that
   * fail only now (a key an earlier segment already had).
   */
  absorb?: (extra: CheckExtra, offset: number) => number[];
}

/** A parent lookup expressions need per row: the parent's insertion index for this row's key. */
export interface ParentLink {
  col: number;
  tracker: KeyTracker;
  /** -1 when the key is null or not found. */
  index: number;
}

/** What a check compiler knows about the entity being planned. */
export interface EntityScope {
  name: string;
  columns: ColumnInfo[];
  col(field: string): number;
  /** Converted values of the current row for expressions (instants as epoch ms). */
  vals: Value[];
  /** Columns whose converted value expressions read. */
  valCols: Set<number>;
  links: ParentLink[];
  /** Resolves `fk` of this entity to the parent tracker (and its columns), or a reason it cannot. */
  parentOf(fk: string): { tracker: KeyTracker; columns: ColumnInfo[] } | string;
  finishers: (() => void)[];
  now: number | undefined;
}

const isInstant = (c: ColumnInfo | undefined): boolean => c?.type === 'date' || c?.type === 'timestamp';

function isMissing(v: CellValue, nonEmpty: boolean): boolean {
  return v === null || (nonEmpty && typeof v === 'string' && v.trim().length === 0);
}

export function completenessCheck(
  s: EntityScope,
  state: RuleState,
  field: string,
  minRatio: number,
  nonEmpty: boolean,
  sampling: boolean,
): RowCheck {
  const col = s.col(field);
  let present = 0;
  s.finishers.push(() => {
    const n = state.checked;
    const noise = sampling && n > 0 ? 4 * Math.sqrt((minRatio * (1 - minRatio)) / n) : 0;
    const threshold = Math.max(0, minRatio - noise);
    const required = Math.ceil(threshold * n - 1e-9);
    state.violations = Math.max(0, required - present);
    state.passedOverride = present >= required;
    state.extra = { ratio: n === 0 ? 1 : present / n, threshold };
  });
  return {
    state,
    test: (row) => {
      if (isMissing(row[col] as CellValue, nonEmpty)) return FAIL;
      present++;
      return PASS;
    },
    save: () => ({ kind: 'present', n: present }),
    absorb: (extra) => {
      if (extra.kind === 'present') present += extra.n;
      return [];
    },
  };
}

/** The shared per-row parent lookup of `col` in `tracker`. */
export function linkFor(s: EntityScope, col: number, tracker: KeyTracker): ParentLink {
  let link = s.links.find((l) => l.col === col && l.tracker === tracker);
  if (!link) {
    link = { col, tracker, index: -1 };
    s.links.push(link);
  }
  return link;
}

export function expressionCheck(s: EntityScope, state: RuleState, source: string, at: string): RowCheck {
  const expr = parseExpression(source);
  const typeOfPath = new Map<string, ColumnInfo | undefined>();
  const resolve = (path: string): Getter => {
    const parts = path.split('.');
    if (parts.length === 1) {
      const col = s.col(path);
      s.valCols.add(col);
      typeOfPath.set(path, s.columns[col]);
      const vals = s.vals;
      return () => vals[col] as Value;
    }
    if (parts.length > 2) {
      throw new TdmError('QUALITY_RULE_INVALID', `${at}: "${path}": only one level of parent is supported`);
    }
    const [fk, pf] = parts as [string, string];
    const parent = s.parentOf(fk);
    if (typeof parent === 'string') throw new TdmError('QUALITY_RULE_INVALID', `${at}: "${path}": ${parent}`);
    const pcol = parent.columns.findIndex((c) => c.name === pf);
    if (pcol < 0) {
      throw new TdmError(
        'QUALITY_RULE_INVALID',
        `${at}: "${path}": ${parent.tracker.entity} has no field "${pf}"`,
      );
    }
    typeOfPath.set(path, parent.columns[pcol]);
    let slot = parent.tracker.payload.find((p) => p.col === pcol);
    if (!slot) {
      slot = { col: pcol, instant: isInstant(parent.columns[pcol]), values: [] };
      parent.tracker.payload.push(slot);
    }
    const l = linkFor(s, s.col(fk), parent.tracker);
    // Through the slot: a segment's plan swaps in the values the whole parent pass collected.
    const payload = slot;
    return () => (l.index < 0 ? null : (payload.values[l.index] as Value));
  };
  const coerceLiteral = (path: string, literal: string): Value =>
    isInstant(typeOfPath.get(path)) ? (parseInstant(literal) ?? literal) : literal;
  // Resolve every path first so literal coercion knows the types.
  refsOf(expr).forEach((p) => resolve(p));
  const getter = compileExpression(expr, resolve, {
    coerceLiteral,
    ...(s.now === undefined ? {} : { now: s.now }),
  });
  return { state, test: (_row, index) => (getter(index, s.vals) === false ? FAIL : PASS) };
}

export function formatRowCheck(
  s: EntityScope,
  state: RuleState,
  field: string,
  check: (v: CellValue) => boolean,
  format?: string,
): RowCheck {
  const col = s.col(field);
  if ((format === 'timestamp' || format === 'date') && isInstant(s.columns[col])) {
    // The row loop already parsed this instant column into `vals`: a string there did not parse.
    const vals = s.vals;
    const dateOnly = format === 'date';
    return {
      state,
      test: (row) => {
        const v = row[col] as CellValue;
        if (v === null) return SKIP;
        if (typeof vals[col] !== 'number') return FAIL;
        return dateOnly && (typeof v !== 'string' || v.length !== 10) ? FAIL : PASS;
      },
    };
  }
  return {
    state,
    test: (row) => {
      const v = row[col] as CellValue;
      if (v === null) return SKIP;
      return check(v) ? PASS : FAIL;
    },
  };
}

export { formatCheck, jsonSchemaCheck };

export interface DomainSpec {
  values?: (string | number | boolean)[] | undefined;
  min?: number | string | undefined;
  max?: number | string | undefined;
  minLength?: number | undefined;
  maxLength?: number | undefined;
}

function boundOf(b: number | string | undefined, at: string, which: string): number | undefined {
  if (b === undefined || typeof b === 'number') return b;
  const t = parseInstant(b);
  if (t === undefined && (b.trim() === '' || Number.isNaN(Number(b)))) {
    throw new TdmError(
      'QUALITY_RULE_INVALID',
      `${at}.${which}: "${b}" is neither a number nor an ISO instant`,
    );
  }
  return t ?? Number(b);
}

export function domainCheck(
  s: EntityScope,
  state: RuleState,
  field: string,
  d: DomainSpec,
  at: string,
): RowCheck {
  const col = s.col(field);
  const vals = s.vals;
  const instant = isInstant(s.columns[col]);
  const allowed = d.values ? new Set(d.values.map(String)) : null;
  const lo = boundOf(d.min, at, 'min');
  const hi = boundOf(d.max, at, 'max');
  const minLen = d.minLength;
  const maxLen = d.maxLength;
  const ranged = lo !== undefined || hi !== undefined;
  return {
    state,
    test: (row) => {
      const v = row[col] as CellValue;
      if (v === null) return SKIP;
      if (allowed && !allowed.has(String(v))) return FAIL;
      if (ranged) {
        // Instant columns arrive parsed in `vals` (a string there did not parse).
        const t = instant ? vals[col] : v;
        const x = typeof t === 'number' ? t : typeof t === 'string' ? (instantOf(t) ?? Number(t)) : NaN;
        if (Number.isNaN(x) || (lo !== undefined && x < lo) || (hi !== undefined && x > hi)) return FAIL;
      }
      if (minLen !== undefined || maxLen !== undefined) {
        const n = String(v).length;
        if ((minLen !== undefined && n < minLen) || (maxLen !== undefined && n > maxLen)) return FAIL;
      }
      return PASS;
    },
  };
}

/**
 * Category shares against declared weights. A category deviates when |observed - expected| exceeds
 * the tolerance plus 4 standard errors of sampling noise; violations are the rows that would have
 * to change category to remove the excess (half the summed excess, times the row count).
 */
export function distributionCheck(
  s: EntityScope,
  state: RuleState,
  field: string,
  weights: Record<string, number>,
  tolerance: number,
): RowCheck {
  const col = s.col(field);
  const counts = new Map<string, number>();
  s.finishers.push(() => {
    const n = state.checked;
    const total = Object.values(weights).reduce((a, b) => a + b, 0) || 1;
    const names = new Set([...Object.keys(weights), ...counts.keys()]);
    let excess = 0;
    const categories: { value: string; expected: number; observed: number; allowed: number }[] = [];
    for (const value of names) {
      const expected = (weights[value] ?? 0) / total;
      const observed = n === 0 ? 0 : (counts.get(value) ?? 0) / n;
      const allowed = tolerance + (n === 0 ? 0 : 4 * Math.sqrt((expected * (1 - expected)) / n));
      excess += Math.max(0, Math.abs(observed - expected) - allowed);
      categories.push({ value, expected, observed, allowed });
    }
    categories.sort((a, b) => b.expected - a.expected || b.observed - a.observed);
    state.violations = excess > 1e-12 ? Math.min(n, Math.ceil((excess * n) / 2 - 1e-9)) : 0;
    state.failed = state.violations;
    state.passedOverride = state.violations === 0;
    state.extra = { categories: categories.slice(0, 50) };
  });
  return {
    state,
    test: (row) => {
      const v = row[col] as CellValue;
      if (v === null) return SKIP;
      const k = String(v);
      const n = counts.get(k);
      if (n === undefined) counts.set(keep(k), 1);
      else counts.set(k, n + 1);
      return PASS;
    },
    save: () => ({ kind: 'counts', counts: [...counts] }),
    absorb: (extra) => {
      if (extra.kind === 'counts') for (const [k, n] of extra.counts) counts.set(k, (counts.get(k) ?? 0) + n);
      return [];
    },
  };
}
