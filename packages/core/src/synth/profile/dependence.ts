/**
 * @module Pairwise dependence of a table's columns, measured as everywhere in sample-learning
 * (`synth/stats.ts`): |Spearman| for two numeric columns, Cramer's V otherwise with numbers cut
 * into 10 quantile bins; a mixed pair reports both where both mean something (the rank
 * correlation of a number with a two-valued column). Each column is coded once, so a pair costs
 * one pass over integer codes.
 */
import { binOf, numberOf, quantileCuts, spearman } from '../stats.js';
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
  /** For two-valued categorical columns: 0/1 per row (null when missing or pooled). */
  binary?: (0 | 1 | null)[];
}

function codeNumeric(name: string, values: readonly (string | number | boolean | null)[]): Coded {
  const cuts = quantileCuts(values, BINS);
  const missing = cuts.length + 1;
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const x = numberOf(values[i] ?? null);
    codes[i] = Number.isNaN(x) ? missing : binOf(cuts, x);
  }
  return { name, numeric: true, codes, levels: missing + 1 };
}

function codeCategorical(name: string, cat: Categorized): Coded {
  const kept = cat.patterns.values.length;
  const coded: Coded = { name, numeric: false, codes: cat.codes, levels: kept + 2 };
  if (kept === 2 && cat.patterns.otherCount === 0) {
    coded.binary = Array.from(cat.codes, (c) => (c === 0 ? 0 : c === 1 ? 1 : null));
  }
  return coded;
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
        const s = round(spearman(table.columns[i]!.values, table.columns[j]!.values));
        out.push({ a: a.name, b: b.name, measure: 'spearman', value: Math.abs(s), spearman: s });
        continue;
      }
      const v = round(cramersVOfCodes(a.codes, a.levels, b.codes, b.levels));
      if (!a.numeric && !b.numeric) {
        out.push({ a: a.name, b: b.name, measure: 'cramersV', value: v, cramersV: v });
        continue;
      }
      const [num, cat] = a.numeric ? [i, b] : [j, a];
      const dep: Dependence = { a: a.name, b: b.name, measure: 'both', value: v, cramersV: v };
      if (cat.binary) dep.spearman = round(spearman(table.columns[num]!.values, cat.binary));
      out.push(dep);
    }
  }
  return out;
}
