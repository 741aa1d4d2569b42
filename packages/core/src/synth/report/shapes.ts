/**
 * @module Column shapes, as SDMetrics scores them: KSComplement for ordered columns (numbers,
 * dates, timestamps as epoch ms; nulls and unparseable values dropped), TVComplement for the others
 * (null is a category), plus the binned distributions the HTML page plots.
 */
import type { CellValue, ColumnType } from '../../quality/read/index.js';
import { numberOf } from '../stats.js';
import { isNumericType, type SampleColumn } from '../table.js';
import { cellKey } from './align.js';
import type { ColumnDistribution, ColumnShape } from './schema.js';

const HISTOGRAM_BINS = 20;
const TOP_CATEGORIES = 12;

/** The parseable numbers of a column, sorted ascending. */
export function sortedNumbers(values: readonly CellValue[]): Float64Array {
  const out = new Float64Array(values.length);
  let n = 0;
  for (const v of values) {
    const x = numberOf(v);
    if (!Number.isNaN(x)) out[n++] = x;
  }
  return out.subarray(0, n).sort();
}

/**
 * 1 - the two-sample Kolmogorov-Smirnov statistic of sorted samples: 1 when both are empty,
 * 0 when exactly one is.
 */
export function ksComplement(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return n === m ? 1 : 0;
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n && j < m) {
    const x = Math.min(a[i]!, b[j]!);
    while (i < n && a[i]! <= x) i++;
    while (j < m && b[j]! <= x) j++;
    d = Math.max(d, Math.abs(i / n - j / m));
  }
  return 1 - d;
}

/** Relative frequencies of the cells' keys (null included). */
export function frequencies(values: readonly CellValue[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) {
    const k = cellKey(v);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  for (const [k, c] of counts) counts.set(k, c / values.length);
  return counts;
}

/** 1 - total variation distance of two frequency maps: 1 when both are empty, 0 when one is. */
export function tvComplement(p: Map<string, number>, q: Map<string, number>): number {
  if (p.size === 0 || q.size === 0) return p.size === q.size ? 1 : 0;
  let sum = 0;
  for (const [k, x] of p) sum += Math.abs(x - (q.get(k) ?? 0));
  for (const [k, y] of q) if (!p.has(k)) sum += y;
  return Math.max(0, Math.min(1, 1 - sum / 2));
}

function histogram(real: Float64Array, data: Float64Array, type: ColumnType): ColumnDistribution {
  const unit = type === 'date' || type === 'timestamp' ? 'epochMs' : 'number';
  if (real.length === 0) return { kind: 'histogram', unit, labels: [], real: [], data: [] };
  const lo = real[0]!;
  const hi = real[real.length - 1]!;
  const bins = hi > lo ? HISTOGRAM_BINS : 1;
  const width = hi > lo ? (hi - lo) / bins : 1;
  const share = (xs: Float64Array): number[] => {
    const counts = new Array<number>(bins).fill(0);
    for (const x of xs) counts[Math.max(0, Math.min(bins - 1, Math.floor((x - lo) / width)))]!++;
    return counts.map((c) => (xs.length ? c / xs.length : 0));
  };
  const labels = Array.from({ length: bins + 1 }, (_, i) => String(lo + i * width));
  return { kind: 'histogram', unit, labels, real: share(real), data: share(data) };
}

function topCategories(p: Map<string, number>, q: Map<string, number>): ColumnDistribution {
  const top = [...p.entries()]
    .filter(([k]) => k !== cellKey(null))
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
    .slice(0, TOP_CATEGORIES)
    .map(([k]) => k);
  const nonNull = (m: Map<string, number>): number => 1 - (m.get(cellKey(null)) ?? 0);
  const pick = (m: Map<string, number>): number[] => {
    const total = nonNull(m);
    const shares = top.map((k) => (total > 0 ? Math.min(1, (m.get(k) ?? 0) / total) : 0));
    const rest = Math.max(0, 1 - shares.reduce((s, x) => s + x, 0));
    return total > 0 ? [...shares, rest] : [...shares, 0];
  };
  return { kind: 'categories', unit: 'number', labels: [...top, '(other)'], real: pick(p), data: pick(q) };
}

const nullShare = (values: readonly CellValue[]): number => {
  if (values.length === 0) return 0;
  let n = 0;
  for (const v of values) if (v === null) n++;
  return n / values.length;
};

/** The shape score of one column, measured by the real column's type, with its distributions. */
export function columnShape(real: SampleColumn, data: SampleColumn): ColumnShape {
  const base = {
    column: real.name,
    type: real.type,
    realNullShare: nullShare(real.values),
    dataNullShare: nullShare(data.values),
  };
  if (isNumericType(real.type)) {
    const r = sortedNumbers(real.values);
    const d = sortedNumbers(data.values);
    return {
      ...base,
      metric: 'KSComplement',
      score: ksComplement(r, d),
      distribution: histogram(r, d, real.type),
    };
  }
  const p = frequencies(real.values);
  const q = frequencies(data.values);
  return { ...base, metric: 'TVComplement', score: tvComplement(p, q), distribution: topCategories(p, q) };
}
