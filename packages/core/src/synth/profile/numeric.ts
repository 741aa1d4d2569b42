/**
 * @module Numeric summaries: range, mean, standard deviation, quantiles, an equal-width histogram
 * and the rounding (decimal places) of a column's numbers. Dates use the same code on epoch
 * milliseconds, for the quantiles the synthesizer and the report compare.
 */
import { QUANTILE_LEVELS, type NumericPatterns } from './patterns-schema.js';

const HISTOGRAM_BINS = 20;
const MAX_DECIMALS = 12;

/** The q-quantile of ascending values, interpolating linearly between order statistics (R type 7). */
export function quantileOf(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Digits after the decimal point of x as written in shortest form (1.25 -> 2, 3e-7 -> 7). */
export function decimalsOf(x: number): number {
  if (Number.isInteger(x)) return 0;
  const s = String(x);
  const e = s.indexOf('e-');
  if (e >= 0) {
    const dot = s.indexOf('.');
    const mantissa = dot >= 0 && dot < e ? e - dot - 1 : 0;
    return Math.min(MAX_DECIMALS, mantissa + Number(s.slice(e + 2)));
  }
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : Math.min(MAX_DECIMALS, s.length - dot - 1);
}

/** Equal-width bins over [min, max] (the last bin includes max): at most 20, at most one per distinct value. */
function histogram(sorted: Float64Array, distinct: number): NumericPatterns['histogram'] {
  const n = sorted.length;
  const min = sorted[0]!;
  const max = sorted[n - 1]!;
  const bins = max === min ? 1 : Math.max(1, Math.min(HISTOGRAM_BINS, distinct));
  const width = (max - min) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? max : min + i * width));
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < n; i++) {
    const b = width === 0 ? 0 : Math.min(bins - 1, Math.floor((sorted[i]! - min) / width));
    counts[b]!++;
  }
  return { edges, counts };
}

/** The summary of finite numbers (none: undefined). `distinct` bounds the histogram's bins. */
export function numericPatterns(values: Float64Array, distinct: number): NumericPatterns | undefined {
  const n = values.length;
  if (n === 0) return undefined;
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i]!;
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (sorted[i]! - mean) ** 2;
  const places = new Uint8Array(n);
  for (let i = 0; i < n; i++) places[i] = decimalsOf(sorted[i]!);
  places.sort();
  return {
    min: sorted[0]!,
    max: sorted[n - 1]!,
    mean,
    sd: n < 2 ? 0 : Math.sqrt(ss / (n - 1)),
    quantiles: QUANTILE_LEVELS.map((q) => quantileOf(sorted, q)),
    histogram: histogram(sorted, distinct),
    decimals: places[Math.min(n - 1, Math.ceil(0.99 * n) - 1)]!,
  };
}
