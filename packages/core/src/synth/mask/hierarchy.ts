/**
 * @module Generalization hierarchies: for each column, a ladder of ever coarser versions of its
 * values. Level 0 is the column's own `generalize` rule (or the exact value); numbers widen their
 * bins (1, 2, 5 x 10^k, or merge quantile bins pairwise), dates coarsen day -> month -> year ->
 * decade, strings keep fewer leading characters; the last level is "*" for every value. A plain
 * `generalize` rule uses level 0; k-anonymity climbs the ladder.
 */
import type { CellValue, ColumnType } from '../../quality/read/index.js';
import { numberOf } from '../stats.js';
import type { GeneralizeRule } from './rules.js';

export interface Hierarchy {
  /** Levels, the last one "*". */
  levels: number;
  at(v: CellValue, level: number): CellValue;
  /** The column type of values at a level. */
  typeAt(level: number): ColumnType;
}

/** What the ladders need to know of a column (from a first pass over it). */
export interface ColumnStats {
  min: number;
  max: number;
  maxLength: number;
  /** Up to a few thousand numeric values, for quantile cut points. */
  sample: number[];
}

const STAR = '*';
const DATE_UNITS = ['exact', 'day', 'month', 'year', 'decade'] as const;
type DateUnit = (typeof DATE_UNITS)[number];
/** Most string levels between exact and "*". */
const MAX_STRING_STEPS = 6;
/** Numbers start at about this many bins. */
const MAX_BINS = 200;

const round = (x: number): number => Number(x.toPrecision(12));

/**
 * Widths from `from` (or a nice width giving at most ~200 bins) times 1, 2, 5, 10, 20, ... up to
 * the first covering the whole range.
 */
function widthLadder(range: number, from?: number): number[] {
  const start = from ?? 10 ** Math.floor(Math.log10(Math.max(range / MAX_BINS, 1e-9)));
  const out: number[] = [];
  for (let i = 0; i < 60; i++) {
    const w = round(start * ([1, 2, 5][i % 3] as number) * 10 ** Math.floor(i / 3));
    if (from !== undefined || w * MAX_BINS >= range) out.push(w);
    if (w >= range) break;
  }
  return out;
}

function quantiles(sample: number[], bins: number): number[] {
  const xs = [...sample].sort((a, b) => a - b);
  const cuts: number[] = [];
  for (let i = 1; i < bins; i++) {
    const c = xs[Math.floor((i * xs.length) / bins)];
    if (c !== undefined && c !== cuts[cuts.length - 1] && c > (xs[0] as number)) cuts.push(c);
  }
  return cuts;
}

function numeric(type: ColumnType, rule: GeneralizeRule | undefined, stats: ColumnStats): Hierarchy {
  const lower = rule?.label === 'lower';
  const top = rule?.topCode;
  const bottom = rule?.bottomCode;
  const range = Math.max(stats.max - stats.min, 0);
  const integer = type === 'integer';
  type Step = { width: number } | { cuts: number[] } | { exact: true };
  const steps: Step[] = [];
  if (rule?.bins !== undefined) {
    let cuts = quantiles(stats.sample, rule.bins);
    for (;;) {
      steps.push({ cuts });
      if (cuts.length === 0) break;
      cuts = cuts.filter((_, i) => i % 2 === 1);
    }
  } else {
    if (rule?.width === undefined) steps.push({ exact: true });
    for (const width of widthLadder(range, rule?.width)) {
      // Integers: bins narrower than 2 are the exact values again.
      if (rule?.width === undefined && type === 'integer' && width < 2) continue;
      steps.push({ width });
    }
  }
  const binOf = (x: number, s: Step): CellValue => {
    if ('exact' in s) return x;
    if ('width' in s) {
      const lo = round(Math.floor(x / s.width) * s.width);
      if (lower) return lo;
      const hi = round(lo + s.width);
      return integer && Number.isInteger(s.width)
        ? s.width === 1
          ? String(lo)
          : `${lo}-${hi - 1}`
        : `[${lo}, ${hi})`;
    }
    let i = 0;
    while (i < s.cuts.length && x >= (s.cuts[i] as number)) i++;
    const lo = i === 0 ? stats.min : (s.cuts[i - 1] as number);
    if (lower) return lo;
    if (s.cuts.length === 0) return `[${stats.min}, ${stats.max}]`;
    return i === 0 ? `<${s.cuts[0]}` : i === s.cuts.length ? `>=${lo}` : `[${lo}, ${s.cuts[i]})`;
  };
  return {
    levels: steps.length + 1,
    at(v, level) {
      if (v === null) return null;
      if (level >= steps.length) return STAR;
      const x = typeof v === 'number' ? v : numberOf(v);
      if (Number.isNaN(x)) return STAR;
      if (top !== undefined && x >= top) return lower ? top : `${top}+`;
      if (bottom !== undefined && x < bottom) return lower ? bottom : `<${bottom}`;
      return binOf(x, steps[level] as Step);
    },
    typeAt(level) {
      const s = steps[level];
      if (!s) return 'string';
      if ('exact' in s) return top === undefined && bottom === undefined ? type : 'string';
      if (!lower) return 'string';
      return integer && 'width' in s && Number.isInteger(s.width) ? 'integer' : 'number';
    },
  };
}

function dates(type: ColumnType, rule: GeneralizeRule | undefined): Hierarchy {
  const lower = rule?.label === 'lower';
  const from = typeof rule?.truncate === 'string' ? rule.truncate : type === 'date' ? 'day' : 'exact';
  const units = DATE_UNITS.slice(DATE_UNITS.indexOf(from as DateUnit));
  const cut = (s: string, unit: DateUnit): string => {
    if (unit === 'exact') return s;
    if (unit === 'day') return s.slice(0, 10);
    if (unit === 'month') return lower ? `${s.slice(0, 7)}-01` : s.slice(0, 7);
    if (unit === 'year') return lower ? `${s.slice(0, 4)}-01-01` : s.slice(0, 4);
    return lower ? `${s.slice(0, 3)}0-01-01` : `${s.slice(0, 3)}0s`;
  };
  return {
    levels: units.length + 1,
    at(v, level) {
      if (v === null) return null;
      const unit = units[level];
      if (!unit || typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(v)) return STAR;
      return cut(v, unit);
    },
    typeAt(level) {
      const unit = units[level];
      if (unit === 'exact') return type;
      return unit && (lower || unit === 'day') ? 'date' : 'string';
    },
  };
}

function strings(type: ColumnType, rule: GeneralizeRule | undefined, stats: ColumnStats): Hierarchy {
  const keeps: number[] = [];
  const base = typeof rule?.truncate === 'number' ? rule.truncate : undefined;
  const longest = base ?? Math.max(stats.maxLength - 1, 0);
  if (base === undefined) keeps.push(Infinity);
  for (let k = longest; k >= 1 && keeps.length <= MAX_STRING_STEPS; k--) keeps.push(k);
  if (base === 0) keeps.push(0);
  return {
    levels: keeps.length + 1,
    at(v, level) {
      if (v === null) return null;
      const keep = keeps[level];
      if (keep === undefined) return STAR;
      if (keep === Infinity) return v;
      const s = String(v);
      return s.length <= keep ? s : s.slice(0, keep) + STAR.repeat(s.length - keep);
    },
    typeAt: (level) => (keeps[level] === Infinity ? type : 'string'),
  };
}

/** Whether a rule (or, with none, the column type) generalizes as numbers, dates or text. */
export function hierarchyFamily(type: ColumnType, rule?: GeneralizeRule): 'numeric' | 'date' | 'string' {
  if (typeof rule?.truncate === 'number') return 'string';
  if (typeof rule?.truncate === 'string') return 'date';
  if (rule && (rule.width ?? rule.bins ?? rule.topCode ?? rule.bottomCode) !== undefined) return 'numeric';
  if (type === 'integer' || type === 'number') return 'numeric';
  return type === 'date' || type === 'timestamp' ? 'date' : 'string';
}

/** The ladder of a column. */
export function hierarchy(type: ColumnType, rule: GeneralizeRule | undefined, stats: ColumnStats): Hierarchy {
  const family = hierarchyFamily(type, rule);
  if (family === 'numeric') return numeric(type, rule, stats);
  if (family === 'date') return dates(type, rule);
  return strings(type, rule, stats);
}
