/**
 * @module Choosing a DSL distribution for a numeric column from its profile: uniform, normal,
 * lognormal or exponential (from the minimum), each truncated to the observed range as the generator truncates it (redrawing out of
 * range values), whichever CDF lies closest to the profile's quantiles.
 */
import { QUANTILE_LEVELS, type NumericPatterns } from './patterns-schema.js';

export interface FittedDistribution {
  distribution: 'uniform' | 'normal' | 'lognormal' | 'exponential';
  mean?: number;
  sd?: number;
  /** Largest gap between the fitted and the observed CDF at the profile's quantiles. */
  distance: number;
}

/** Standard normal CDF (Abramowitz-Stegun 7.1.26 erf, error < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

function truncated(cdf: (x: number) => number, lo: number, hi: number): (x: number) => number {
  const a = cdf(lo);
  const span = cdf(hi) - a;
  return (x) => (span <= 0 ? 0.5 : (cdf(x) - a) / span);
}

function distance(cdf: (x: number) => number, quantiles: readonly number[]): number {
  let d = 0;
  // The 0 and 1 levels are the bounds themselves, which every truncated fit matches.
  for (let i = 1; i < QUANTILE_LEVELS.length - 1; i++) {
    d = Math.max(d, Math.abs(cdf(quantiles[i]!) - QUANTILE_LEVELS[i]!));
  }
  return d;
}

/** The closest of uniform, normal, lognormal (positive values only) and exponential for the profile. */
export function fitDistribution(n: NumericPatterns): FittedDistribution {
  const { min, max, mean, sd, quantiles } = n;
  const fits: FittedDistribution[] = [
    {
      distribution: 'uniform',
      distance: distance(
        truncated((x) => (x - min) / (max - min || 1), min, max),
        quantiles,
      ),
    },
  ];
  if (sd > 0) {
    const cdf = truncated((x) => normalCdf((x - mean) / sd), min, max);
    fits.push({ distribution: 'normal', mean, sd, distance: distance(cdf, quantiles) });
  }
  if (sd > 0 && min > 0) {
    const sigma2 = Math.log(1 + (sd * sd) / (mean * mean));
    const mu = Math.log(mean) - sigma2 / 2;
    const cdf = truncated((x) => (x <= 0 ? 0 : normalCdf((Math.log(x) - mu) / Math.sqrt(sigma2))), min, max);
    fits.push({ distribution: 'lognormal', mean, sd, distance: distance(cdf, quantiles) });
  }
  if (mean > min) {
    // The generator draws min + exponential(mean): the mean parameter is the excess over min.
    const scale = mean - min;
    const cdf = truncated((x) => 1 - Math.exp(-(x - min) / scale), min, max);
    fits.push({ distribution: 'exponential', mean: scale, distance: distance(cdf, quantiles) });
  }
  return fits.reduce((best, f) => (f.distance < best.distance - 1e-9 ? f : best));
}
