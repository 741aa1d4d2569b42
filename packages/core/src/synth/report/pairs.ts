/**
 * @module Column pair trends, as SDMetrics scores them, and the association of each pair as
 * synth/stats measures it (so the report's E equals the bench's). Two ordered columns:
 * CorrelationSimilarity on Spearman's rho. Any other pair: ContingencySimilarity on the joint
 * frequencies, numbers cut at the real data's quantile bins. Each column is encoded once into
 * integer codes shared by real and data, so a pair costs one counting pass per table instead of
 * building category strings per pair.
 */
import type { CellValue } from '../../quality/read/index.js';
import { binOf, numberOf, quantileCuts, ranks, spearman } from '../stats.js';
import { isNumericType, type SampleColumn, type SampleTable } from '../table.js';
import type { PairTrend } from './schema.js';

/** Category codes of one column in the real and the data table, from one dictionary. */
export interface EncodedColumn {
  real: Int32Array;
  data: Int32Array;
  size: number;
}

/**
 * Codes as `categoriesOf` labels them: null one category, numbers of an ordered column their bin
 * among the real cuts (an unparseable value its own category), other values their text.
 */
export function encodeCategories(real: SampleColumn, data: SampleColumn, bins = 10): EncodedColumn {
  const dict = new Map<string, number>();
  const cuts = isNumericType(real.type) ? quantileCuts(real.values, bins) : undefined;
  const label = (v: CellValue): string => {
    if (v === null) return '\u2205';
    if (!cuts) return String(v);
    const x = numberOf(v);
    return Number.isNaN(x) ? `?${String(v)}` : `#${binOf(cuts, x)}`;
  };
  const encode = (values: readonly CellValue[]): Int32Array => {
    const out = new Int32Array(values.length);
    for (let i = 0; i < values.length; i++) {
      const k = label(values[i] ?? null);
      let c = dict.get(k);
      if (c === undefined) dict.set(k, (c = dict.size));
      out[i] = c;
    }
    return out;
  };
  const r = encode(real.values);
  const d = encode(data.values);
  return { real: r, data: d, size: dict.size };
}

/** The observed cells of a contingency table: keys a * sizeB + b ascending, with their counts. */
interface Joint {
  keys: Float64Array;
  counts: Float64Array;
  n: number;
}

/** Dense counting up to this many cells; a Map beyond (high-cardinality pairs). */
const DENSE_CELLS = 1 << 20;

function jointCounts(a: Int32Array, b: Int32Array, sizeA: number, sizeB: number): Joint {
  const n = a.length;
  if (sizeA * sizeB <= DENSE_CELLS) {
    const grid = new Int32Array(sizeA * sizeB);
    for (let i = 0; i < n; i++) grid[a[i]! * sizeB + b[i]!]!++;
    let cells = 0;
    for (let k = 0; k < grid.length; k++) if (grid[k] !== 0) cells++;
    const keys = new Float64Array(cells);
    const counts = new Float64Array(cells);
    for (let k = 0, c = 0; k < grid.length; k++) {
      if (grid[k] === 0) continue;
      keys[c] = k;
      counts[c++] = grid[k]!;
    }
    return { keys, counts, n };
  }
  const m = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const k = a[i]! * sizeB + b[i]!;
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  const keys = Float64Array.from(m.keys()).sort();
  return { keys, counts: Float64Array.from(keys, (k) => m.get(k)!), n };
}

/**
 * Cramer's V from joint counts, over the categories observed in this table (as `cramersV` does):
 * chi2 = n (Σ O² / (row · col) - 1).
 */
function cramersVOfCounts(j: Joint, sizeA: number, sizeB: number): number {
  if (j.n === 0) return 0;
  const rows = new Float64Array(sizeA);
  const cols = new Float64Array(sizeB);
  for (let c = 0; c < j.keys.length; c++) {
    const a = Math.floor(j.keys[c]! / sizeB);
    rows[a]! += j.counts[c]!;
    cols[j.keys[c]! - a * sizeB]! += j.counts[c]!;
  }
  const r = rows.reduce((s, x) => s + (x > 0 ? 1 : 0), 0);
  const k = cols.reduce((s, x) => s + (x > 0 ? 1 : 0), 0);
  if (r < 2 || k < 2) return 0;
  let s = 0;
  for (let c = 0; c < j.keys.length; c++) {
    const a = Math.floor(j.keys[c]! / sizeB);
    s += (j.counts[c]! * j.counts[c]!) / (rows[a]! * cols[j.keys[c]! - a * sizeB]!);
  }
  const chi2 = Math.max(0, j.n * (s - 1));
  return Math.min(1, Math.sqrt(chi2 / j.n / (Math.min(r, k) - 1)));
}

/** Total variation distance of two normalized joint tables: 0 when both are empty, 1 when one is. */
function jointTvd(p: Joint, q: Joint): number {
  if (p.n === 0 || q.n === 0) return p.n === q.n ? 0 : 1;
  let sum = 0;
  let i = 0;
  let j = 0;
  while (i < p.keys.length || j < q.keys.length) {
    const kp = i < p.keys.length ? p.keys[i]! : Infinity;
    const kq = j < q.keys.length ? q.keys[j]! : Infinity;
    const x = kp <= kq ? p.counts[i++]! / p.n : 0;
    const y = kq <= kp ? q.counts[j++]! / q.n : 0;
    sum += Math.abs(x - y);
  }
  return Math.min(1, sum / 2);
}

/** Centered ranks of a column without missing values, and their sum of squares. */
interface CenteredRanks {
  r: Float64Array;
  ss: number;
}

/**
 * Spearman's rho of two columns, ranking each complete column once: with no value missing, the
 * pairwise-complete rows are all rows, so the ranks are the column's own (the mean rank is
 * (n + 1) / 2). A column with a missing or unparseable value goes through `spearman`.
 */
function rankCorrelator(table: SampleTable): (a: number, b: number) => number {
  const cache = new Map<number, CenteredRanks | null>();
  const centered = (c: number): CenteredRanks | null => {
    if (cache.has(c)) return cache.get(c)!;
    const xs = Float64Array.from(table.columns[c]!.values, numberOf);
    let out: CenteredRanks | null = null;
    if (!xs.some(Number.isNaN)) {
      const r = ranks(xs);
      const m = (xs.length + 1) / 2;
      let ss = 0;
      for (let i = 0; i < r.length; i++) ss += (r[i]! -= m) ** 2;
      out = { r, ss };
    }
    cache.set(c, out);
    return out;
  };
  return (a, b) => {
    const x = centered(a);
    const y = centered(b);
    if (!x || !y) return spearman(table.columns[a]!.values, table.columns[b]!.values);
    if (x.r.length < 2 || x.ss === 0 || y.ss === 0) return 0;
    let sxy = 0;
    for (let i = 0; i < x.r.length; i++) sxy += x.r[i]! * y.r[i]!;
    return sxy / Math.sqrt(x.ss * y.ss);
  };
}

const clamp01 = (x: number): number => Math.max(0, Math.min(1, x));

/**
 * Every pair of the compared columns: its trend score and its association in both tables.
 * `real` and `data` hold the same columns in the same order.
 */
export function pairTrends(real: SampleTable, data: SampleTable): PairTrend[] {
  const cols = real.columns;
  const encoded = new Map<number, EncodedColumn>();
  const codes = (i: number): EncodedColumn => {
    let e = encoded.get(i);
    if (!e) encoded.set(i, (e = encodeCategories(cols[i]!, data.columns[i]!)));
    return e;
  };
  const rhoReal = rankCorrelator(real);
  const rhoData = rankCorrelator(data);
  const out: PairTrend[] = [];
  for (let a = 0; a < cols.length; a++) {
    for (let b = a + 1; b < cols.length; b++) {
      const columns: [string, string] = [cols[a]!.name, cols[b]!.name];
      if (isNumericType(cols[a]!.type) && isNumericType(cols[b]!.type)) {
        const rr = rhoReal(a, b);
        const rd = rhoData(a, b);
        out.push({
          columns,
          metric: 'CorrelationSimilarity',
          score: clamp01(1 - Math.abs(rr - rd) / 2),
          realAssociation: clamp01(Math.abs(rr)),
          dataAssociation: clamp01(Math.abs(rd)),
          realCorrelation: Math.max(-1, Math.min(1, rr)),
          dataCorrelation: Math.max(-1, Math.min(1, rd)),
        });
        continue;
      }
      const ea = codes(a);
      const eb = codes(b);
      const jr = jointCounts(ea.real, eb.real, ea.size, eb.size);
      const jd = jointCounts(ea.data, eb.data, ea.size, eb.size);
      out.push({
        columns,
        metric: 'ContingencySimilarity',
        score: clamp01(1 - jointTvd(jr, jd)),
        realAssociation: cramersVOfCounts(jr, ea.size, eb.size),
        dataAssociation: cramersVOfCounts(jd, ea.size, eb.size),
        realCorrelation: null,
        dataCorrelation: null,
      });
    }
  }
  return out;
}

/** E: the mean |real - data| association over pairs whose real association is >= threshold. */
export function meanAssociationError(
  pairs: readonly PairTrend[],
  threshold = 0.1,
): { error: number | null; pairs: number } {
  let sum = 0;
  let n = 0;
  for (const p of pairs) {
    if (p.realAssociation < threshold) continue;
    sum += Math.abs(p.realAssociation - p.dataAssociation);
    n++;
  }
  return { error: n === 0 ? null : sum / n, pairs: n };
}
