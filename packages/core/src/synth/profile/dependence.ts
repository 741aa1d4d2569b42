/**
 * @module Pairwise dependence of a table's columns, measured as everywhere in sample-learning
 * (`synth/stats.ts`): |Spearman| for two numeric columns, Cramer's V otherwise with numbers cut
 * into 10 quantile bins; a mixed pair reports both where both mean something (the rank
 * correlation of a number with a two-valued column). Each column is coded once, so a pair costs
 * one pass over integer codes.
 */
import { binOf, numberOf, quantileCuts, ranks } from '../stats.js';
import { isNumericType, type SampleTable } from '../table.js';
import type { Categorized } from './categories.js';
import type { Dependence } from './patterns-schema.js';

const BINS = 10;

interface Coded {
  name: string;
  numeric: boolean;
  /** Category (or quantile bin) per row; missing values have their own code. */
  codes: Int32Array;
  levels: number;
  /** Numbers per row (NaN when missing): numeric columns, and two-valued ones as 0/1. */
  xs?: Float64Array;
  /** Ranks of `xs` when no value is missing (computed once, shared by every pair). */
  ranked?: Float64Array;
}

function codeNumeric(name: string, values: readonly (string | number | boolean | null)[]): Coded {
  const cuts = quantileCuts(values, BINS);
  const missing = cuts.length + 1;
  const codes = new Int32Array(values.length);
  const xs = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const x = numberOf(values[i] ?? null);
    xs[i] = x;
    codes[i] = Number.isNaN(x) ? missing : binOf(cuts, x);
  }
  return { name, numeric: true, codes, levels: missing + 1, xs };
}

function codeCategorical(name: string, cat: Categorized): Coded {
  const kept = cat.patterns.values.length;
  const coded: Coded = { name, numeric: false, codes: cat.codes, levels: kept + 2 };
  if (kept === 2 && cat.patterns.otherCount === 0)
    coded.xs = Float64Array.from(cat.codes, (c) => (c > 1 ? NaN : c));
  return coded;
}

/** Pearson's r of two equally long arrays (0 when either is constant). */
function correlation(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const a = x[i]!;
    const b = y[i]!;
    sx += a;
    sy += b;
    sxx += a * a;
    syy += b * b;
    sxy += a * b;
  }
  const vx = sxx - (sx * sx) / n;
  const vy = syy - (sy * sy) / n;
  return n < 2 || vx <= 0 || vy <= 0 ? 0 : (sxy - (sx * sy) / n) / Math.sqrt(vx * vy);
}

const hasMissing = (xs: Float64Array): boolean => xs.some(Number.isNaN);

/**
 * Spearman's rank correlation over rows where both are present: ranks are computed once per
 * complete column and shared; a pair with missing values ranks its complete rows afresh.
 */
function rankCorrelation(a: Coded, b: Coded): number {
  const xa = a.xs!;
  const xb = b.xs!;
  if (!hasMissing(xa) && !hasMissing(xb)) {
    a.ranked ??= ranks(xa);
    b.ranked ??= ranks(xb);
    return correlation(a.ranked, b.ranked);
  }
  const keep: number[] = [];
  for (let i = 0; i < xa.length; i++) if (!Number.isNaN(xa[i]!) && !Number.isNaN(xb[i]!)) keep.push(i);
  const pa = Float64Array.from(keep, (i) => xa[i]!);
  const pb = Float64Array.from(keep, (i) => xb[i]!);
  return correlation(ranks(pa), ranks(pb));
}

/** Cramer's V of two coded columns: chi-squared over the contingency table of the codes. */
export function cramersVOfCodes(a: Int32Array, la: number, b: Int32Array, lb: number): number {
  const n = a.length;
  if (n === 0) return 0;
  const table = new Float64Array(la * lb);
  const rowSum = new Float64Array(la);
  const colSum = new Float64Array(lb);
  for (let i = 0; i < n; i++) {
    table[a[i]! * lb + b[i]!]!++;
    rowSum[a[i]!]!++;
    colSum[b[i]!]!++;
  }
  let rows = 0;
  let cols = 0;
  for (const s of rowSum) if (s > 0) rows++;
  for (const s of colSum) if (s > 0) cols++;
  if (rows < 2 || cols < 2) return 0;
  let chi2 = 0;
  for (let x = 0; x < la; x++) {
    if (rowSum[x] === 0) continue;
    for (let y = 0; y < lb; y++) {
      if (colSum[y] === 0) continue;
      const e = (rowSum[x]! * colSum[y]!) / n;
      const d = table[x * lb + y]! - e;
      chi2 += (d * d) / e;
    }
  }
  return Math.min(1, Math.sqrt(chi2 / n / (Math.min(rows, cols) - 1)));
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

/**
 * Every pair of the table's columns (json columns excepted), in column order. `categorized`
 * holds the pooled categories of the categorical columns, by column index.
 */
export function dependenceOf(
  table: SampleTable,
  categorized: ReadonlyMap<number, Categorized>,
): Dependence[] {
  const coded: (Coded | null)[] = table.columns.map((c, i) => {
    if (c.type === 'json') return null;
    if (isNumericType(c.type)) return codeNumeric(c.name, c.values);
    const cat = categorized.get(i);
    return cat ? codeCategorical(c.name, cat) : null;
  });
  const out: Dependence[] = [];
  for (let i = 0; i < coded.length; i++) {
    const a = coded[i];
    if (!a) continue;
    for (let j = i + 1; j < coded.length; j++) {
      const b = coded[j];
      if (!b) continue;
      if (a.numeric && b.numeric) {
        const s = round(rankCorrelation(a, b));
        out.push({ a: a.name, b: b.name, measure: 'spearman', value: Math.abs(s), spearman: s });
        continue;
      }
      const v = round(cramersVOfCodes(a.codes, a.levels, b.codes, b.levels));
      if (!a.numeric && !b.numeric) {
        out.push({ a: a.name, b: b.name, measure: 'cramersV', value: v, cramersV: v });
        continue;
      }
      const cat = a.numeric ? b : a;
      const dep: Dependence = { a: a.name, b: b.name, measure: 'both', value: v, cramersV: v };
      if (cat.xs) dep.spearman = round(rankCorrelation(a, b));
      out.push(dep);
    }
  }
  return out;
}
