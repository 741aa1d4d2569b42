/**
 * @module Association between columns, measured the same way everywhere (profiling, the
 * fidelity report, the bench): |Spearman| for two numeric columns, Cramer's V otherwise, with
 * numbers cut into quantile bins of the *real* data so that real and synthetic columns are cut
 * at the same points. Dates and timestamps count as numbers (epoch milliseconds).
 */
import type { CellValue } from '../quality/read/index.js';
import { isNumericType, type SampleColumn, type SampleTable } from './table.js';

/** A cell as a number for ordered columns (dates: epoch ms), or NaN when missing/unparseable. */
export function numberOf(v: CellValue): number {
  if (v === null) return NaN;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const n = Number(v);
  if (v.trim() !== '' && Number.isFinite(n)) return n;
  const t = Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v);
  return Number.isNaN(t) ? NaN : t;
}

/** Average ranks (ties share the mean rank), 1-based. */
export function ranks(values: Float64Array): Float64Array {
  const n = values.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => values[a]! - values[b]!);
  const out = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i + 1;
    while (j < n && values[order[j]!] === values[order[i]!]) j++;
    const rank = (i + j + 1) / 2;
    for (let k = i; k < j; k++) out[order[k]!] = rank;
    i = j;
  }
  return out;
}

function pearson(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  if (n < 2) return 0;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy);
}

/** Spearman's rank correlation over the rows where both values are present; 0 when undefined. */
export function spearman(a: readonly CellValue[], b: readonly CellValue[]): number {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < a.length; i++) {
    const x = numberOf(a[i] ?? null);
    const y = numberOf(b[i] ?? null);
    if (!Number.isNaN(x) && !Number.isNaN(y)) {
      xs.push(x);
      ys.push(y);
    }
  }
  return pearson(ranks(Float64Array.from(xs)), ranks(Float64Array.from(ys)));
}

/** Cut points of `bins` quantile bins of the values (distinct, ascending; may be fewer). */
export function quantileCuts(values: readonly CellValue[], bins = 10): number[] {
  const xs = values.map(numberOf).filter((x) => !Number.isNaN(x));
  xs.sort((p, q) => p - q);
  const cuts: number[] = [];
  for (let k = 1; k < bins; k++) {
    const c = xs[Math.min(xs.length - 1, Math.floor((k * xs.length) / bins))];
    if (c !== undefined && cuts[cuts.length - 1] !== c) cuts.push(c);
  }
  return cuts;
}

/** The bin of x among ascending cut points: the number of cuts <= x. */
export function binOf(cuts: readonly number[], x: number): number {
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cuts[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Category labels of a column: numbers binned at `cuts`, missing as its own category. */
export function categoriesOf(values: readonly CellValue[], cuts?: readonly number[]): string[] {
  return values.map((v) => {
    if (v === null) return '\u2205';
    if (cuts) {
      const x = numberOf(v);
      return Number.isNaN(x) ? `?${String(v)}` : `#${binOf(cuts, x)}`;
    }
    return String(v);
  });
}

/** Cramer's V of two categorical columns of equal length, in [0, 1]; 0 when undefined. */
export function cramersV(a: readonly string[], b: readonly string[]): number {
  const n = a.length;
  if (n === 0) return 0;
  const ai = new Map<string, number>();
  const bi = new Map<string, number>();
  const ca = new Int32Array(n);
  const cb = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let x = ai.get(a[i]!);
    if (x === undefined) ai.set(a[i]!, (x = ai.size));
    let y = bi.get(b[i]!);
    if (y === undefined) bi.set(b[i]!, (y = bi.size));
    ca[i] = x;
    cb[i] = y;
  }
  const r = ai.size;
  const c = bi.size;
  if (r < 2 || c < 2) return 0;
  const table = new Float64Array(r * c);
  const rowSum = new Float64Array(r);
  const colSum = new Float64Array(c);
  for (let i = 0; i < n; i++) {
    table[ca[i]! * c + cb[i]!]!++;
    rowSum[ca[i]!]!++;
    colSum[cb[i]!]!++;
  }
  let chi2 = 0;
  for (let x = 0; x < r; x++) {
    for (let y = 0; y < c; y++) {
      const e = (rowSum[x]! * colSum[y]!) / n;
      const d = table[x * c + y]! - e;
      chi2 += (d * d) / e;
    }
  }
  return Math.min(1, Math.sqrt(chi2 / n / (Math.min(r, c) - 1)));
}

/** How a pair of columns is measured, fixed by the real data. */
export interface PairMeasure {
  a: number;
  b: number;
  kind: 'spearman' | 'cramersV';
  cutsA?: number[];
  cutsB?: number[];
}

/** The measure for columns a and b of the real table (cuts from the real data). */
export function pairMeasure(real: SampleTable, a: number, b: number, bins = 10): PairMeasure {
  const ca = real.columns[a] as SampleColumn;
  const cb = real.columns[b] as SampleColumn;
  const na = isNumericType(ca.type);
  const nb = isNumericType(cb.type);
  if (na && nb) return { a, b, kind: 'spearman' };
  return {
    a,
    b,
    kind: 'cramersV',
    ...(na ? { cutsA: quantileCuts(ca.values, bins) } : {}),
    ...(nb ? { cutsB: quantileCuts(cb.values, bins) } : {}),
  };
}

/** The association of a pair in a table whose columns align with the real one, in [0, 1]. */
export function associationOf(table: SampleTable, m: PairMeasure): number {
  const va = (table.columns[m.a] as SampleColumn).values;
  const vb = (table.columns[m.b] as SampleColumn).values;
  if (m.kind === 'spearman') return Math.abs(spearman(va, vb));
  return cramersV(categoriesOf(va, m.cutsA), categoriesOf(vb, m.cutsB));
}

/** Every pair of columns with its measure and its real association. */
export function realAssociations(
  real: SampleTable,
  options: { exclude?: ReadonlySet<string> } = {},
): { measure: PairMeasure; real: number }[] {
  const out: { measure: PairMeasure; real: number }[] = [];
  const cols = real.columns;
  for (let a = 0; a < cols.length; a++) {
    if (options.exclude?.has(cols[a]!.name)) continue;
    for (let b = a + 1; b < cols.length; b++) {
      if (options.exclude?.has(cols[b]!.name)) continue;
      const measure = pairMeasure(real, a, b);
      out.push({ measure, real: associationOf(real, measure) });
    }
  }
  return out;
}

/**
 * Mean |assoc(real) - assoc(data)| over the pairs whose real association is >= `threshold`
 * (0 when there are none). The "E" of dependence captured.
 */
export function associationError(
  pairs: readonly { measure: PairMeasure; real: number }[],
  data: SampleTable,
  threshold = 0.1,
): number {
  let sum = 0;
  let n = 0;
  for (const p of pairs) {
    if (p.real < threshold) continue;
    sum += Math.abs(p.real - associationOf(data, p.measure));
    n++;
  }
  return n === 0 ? 0 : sum / n;
}

/**
 * Dependence captured = 1 - E_syn / E_ind: 1 when the synthetic data keeps every real
 * association, 0 when it keeps no more than independently sampled columns do.
 */
export function dependenceCaptured(eSyn: number, eInd: number): number {
  return eInd === 0 ? 1 : 1 - eSyn / eInd;
}
