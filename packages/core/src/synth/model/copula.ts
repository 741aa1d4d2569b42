/**
 * @module The Gaussian copula baseline, as SDV's default synthesizer does it: each column goes
 * through its empirical CDF to a normal score (categories through frequency-ordered intervals of
 * [0, 1), a uniform point inside their interval; missing values as the lowest interval), the
 * scores' correlation matrix is taken, and rows are drawn from that multivariate normal (by
 * Cholesky) and mapped back through each column's inverse CDF.
 */
import { Rng } from '../../random/index.js';
import type { ColumnCodec } from './codec.js';
import { lowerBound, upperBound } from './search.js';
import type { RowModel } from './sequential.js';

/** Standard normal CDF (Abramowitz-Stegun 7.1.26 on erf, |error| < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + y) : 0.5 * (1 - y);
}

/** Inverse standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const q0 = Math.min(Math.max(p, 1e-12), 1 - 1e-12);
  const tail = (q: number): number =>
    (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
    ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  if (q0 < 0.02425) return tail(Math.sqrt(-2 * Math.log(q0)));
  if (q0 > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - q0)));
  const q = q0 - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

/** One column's CDF: sorted sample values (numbers) or label intervals (categories). */
interface Marginal {
  /** Numbers: share of missing values (the lowest interval) and the sorted present values. */
  nullShare: number;
  sorted: Float64Array;
  /** Categories: labels by decreasing frequency and the upper end of each one's interval. */
  labels: Int32Array;
  upper: Float64Array;
  /** Categories: each label's interval [lo, hi). */
  lo: Float64Array;
  hi: Float64Array;
}

function marginalOf(codec: ColumnCodec, n: number): Marginal {
  if (codec.numeric) {
    const present = codec.x.filter((v) => !Number.isNaN(v)).sort();
    const empty = new Float64Array(0);
    return {
      nullShare: (n - present.length) / n,
      sorted: present,
      labels: new Int32Array(0),
      upper: empty,
      lo: empty,
      hi: empty,
    };
  }
  const counts = new Float64Array(codec.labels.length);
  for (let i = 0; i < n; i++) counts[codec.code[i]!]!++;
  const labels = Int32Array.from(
    codec.labels.map((_, i) => i).sort((a, b) => counts[b]! - counts[a]! || a - b),
  );
  const upper = new Float64Array(labels.length);
  const lo = new Float64Array(codec.labels.length);
  const hi = new Float64Array(codec.labels.length);
  let acc = 0;
  labels.forEach((l, k) => {
    lo[l] = acc / n;
    acc += counts[l]!;
    hi[l] = acc / n;
    upper[k] = acc / n;
  });
  return { nullShare: 0, sorted: new Float64Array(0), labels, upper, lo, hi };
}

/** The normal score of sample row `r` (ranks of numbers with ties spread uniformly). */
function scoresOf(codec: ColumnCodec, m: Marginal, n: number, rng: Rng): Float64Array {
  const z = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    let u: number;
    if (codec.numeric) {
      const v = codec.x[r]!;
      if (Number.isNaN(v)) u = rng.float() * m.nullShare;
      else {
        const below = lowerBound(m.sorted, v);
        const ties = upperBound(m.sorted, v) - below;
        u = m.nullShare + ((1 - m.nullShare) * (below + rng.float() * ties)) / m.sorted.length;
      }
    } else {
      const l = codec.code[r]!;
      u = m.lo[l]! + rng.float() * (m.hi[l]! - m.lo[l]!);
    }
    z[r] = normalQuantile(u);
  }
  return z;
}

/** Lower-triangular Cholesky factor of a correlation matrix, with a ridge when not positive definite. */
export function cholesky(a: Float64Array, k: number): Float64Array {
  for (let ridge = 0; ; ridge = ridge === 0 ? 1e-9 : ridge * 10) {
    const l = new Float64Array(k * k);
    let ok = true;
    for (let i = 0; i < k && ok; i++) {
      for (let j = 0; j <= i; j++) {
        let s = a[i * k + j]! + (i === j ? ridge : 0);
        for (let p = 0; p < j; p++) s -= l[i * k + p]! * l[j * k + p]!;
        if (i === j) {
          if (s <= 0) ok = false;
          else l[i * k + i] = Math.sqrt(s);
        } else l[i * k + j] = s / l[j * k + j]!;
      }
    }
    if (ok) return l;
  }
}

/** Fits the copula on the sample rows; `seed` fixes the tie-breaking of the normal scores. */
export function fitCopula(codecs: readonly ColumnCodec[], n: number, seed: number): RowModel {
  const k = codecs.length;
  const rng = new Rng().seed(seed, 0);
  const marginals = codecs.map((c) => marginalOf(c, n));
  const scores = codecs.map((c, i) => scoresOf(c, marginals[i]!, n, rng));
  const corr = new Float64Array(k * k);
  const sd = scores.map((z) => Math.sqrt(z.reduce((s, v) => s + v * v, 0) / n) || 1);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      const zi = scores[i]!;
      const zj = scores[j]!;
      for (let r = 0; r < n; r++) s += zi[r]! * zj[r]!;
      const c = i === j ? 1 : s / n / (sd[i]! * sd[j]!);
      corr[i * k + j] = c;
      corr[j * k + i] = c;
    }
  }
  const l = cholesky(corr, k);
  const e = new Float64Array(k);
  return {
    reset() {},
    drawRow(g, out) {
      for (let i = 0; i < k; i++) e[i] = g.normal();
      for (let i = 0; i < k; i++) {
        let z = 0;
        for (let p = 0; p <= i; p++) z += l[i * k + p]! * e[p]!;
        out[i] = invert(codecs[i]!, marginals[i]!, normalCdf(z), g);
      }
    },
  };
}

/** A column's value at CDF level u. */
function invert(codec: ColumnCodec, m: Marginal, u: number, rng: Rng): number {
  if (!codec.numeric) {
    let lo = 0;
    let hi = m.upper.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (m.upper[mid]! <= u) lo = mid + 1;
      else hi = mid;
    }
    return m.labels[lo]!;
  }
  if (u < m.nullShare || m.sorted.length === 0) return NaN;
  const pos = Math.min(
    m.sorted.length - 1,
    Math.floor(((u - m.nullShare) / (1 - m.nullShare)) * m.sorted.length),
  );
  const rank = lowerBound(codec.distinct, m.sorted[pos]!);
  return codec.smooth ? codec.around(rank, rng) : codec.distinct[rank]!;
}
