/**
 * @module Column pair trends, as SDMetrics scores them, and the association of each pair as
 * synth/stats measures it (so the report's E equals the bench's). Two ordered columns:
 * CorrelationSimilarity on Spearman's rho. Any other pair: ContingencySimilarity on the joint
 * frequencies, numbers cut at the real data's quantile bins. Each column is encoded once into
 * integer codes shared by real and data, so a pair costs one counting pass per table instead of
 * building category strings per pair.
 */
import type { CellValue } from '../../quality/read/index.js';
import { binOf, numberOf, quantileCuts, spearman } from '../stats.js';
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

/** Joint counts of two code columns, keyed a * sizeB + b (sparse: only observed cells). */
function jointCounts(a: Int32Array, b: Int32Array, sizeB: number): Map<number, number> {
  const m = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    const k = a[i]! * sizeB + b[i]!;
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

/**
 * Cramer's V from joint counts, over the categories observed in this table (as `cramersV` does):
 * chi2 = n (Σ O² / (row · col) - 1).
 */
function cramersVOfCounts(joint: Map<number, number>, n: number, sizeB: number): number {
  if (n === 0) return 0;
  const rows = new Map<number, number>();
  const cols = new Map<number, number>();
  for (const [k, c] of joint) {
    const a = Math.floor(k / sizeB);
    const b = k - a * sizeB;
    rows.set(a, (rows.get(a) ?? 0) + c);
    cols.set(b, (cols.get(b) ?? 0) + c);
  }
  if (rows.size < 2 || cols.size < 2) return 0;
  let s = 0;
  for (const [k, c] of joint) {
    const a = Math.floor(k / sizeB);
    s += (c * c) / (rows.get(a)! * cols.get(k - a * sizeB)!);
  }
  const chi2 = Math.max(0, n * (s - 1));
  return Math.min(1, Math.sqrt(chi2 / n / (Math.min(rows.size, cols.size) - 1)));
}

/** Total variation distance of two joint count tables, normalized: 0 when both are empty, 1 when one is. */
function jointTvd(p: Map<number, number>, np: number, q: Map<number, number>, nq: number): number {
  if (np === 0 || nq === 0) return np === nq ? 0 : 1;
  let sum = 0;
  for (const [k, c] of p) sum += Math.abs(c / np - (q.get(k) ?? 0) / nq);
  for (const [k, c] of q) if (!p.has(k)) sum += c / nq;
  return Math.min(1, sum / 2);
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
  const out: PairTrend[] = [];
  for (let a = 0; a < cols.length; a++) {
    for (let b = a + 1; b < cols.length; b++) {
      const columns: [string, string] = [cols[a]!.name, cols[b]!.name];
      if (isNumericType(cols[a]!.type) && isNumericType(cols[b]!.type)) {
        const rr = spearman(cols[a]!.values, cols[b]!.values);
        const rd = spearman(data.columns[a]!.values, data.columns[b]!.values);
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
      const jr = jointCounts(ea.real, eb.real, eb.size);
      const jd = jointCounts(ea.data, eb.data, eb.size);
      out.push({
        columns,
        metric: 'ContingencySimilarity',
        score: clamp01(1 - jointTvd(jr, ea.real.length, jd, ea.data.length)),
        realAssociation: cramersVOfCounts(jr, ea.real.length, eb.size),
        dataAssociation: cramersVOfCounts(jd, ea.data.length, eb.size),
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
