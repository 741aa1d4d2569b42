/**
 * @module Row counts: fixed counts times the scale factor (with per-run overrides), and per-parent
 * counts drawn per parent from a distribution.
 */
import { TdmError } from '../errors/index.js';
import type { PerParentCount } from '../dsl/model.js';
import { exponential, poisson, Rng, streamSeed, Weighted, Zipf } from '../random/index.js';

/** Compiles a per-parent count spec into count(parentIndex), pure in (seed, parent). */
export function perParentCounter(
  spec: PerParentCount,
  datasetSeed: number,
  entity: string,
  path: string,
): (parent: number) => number {
  const seed = streamSeed(datasetSeed, `${entity}.#count`);
  const rng = new Rng();
  const min = spec.min ?? 0;
  const max = spec.max ?? Number.POSITIVE_INFINITY;
  if (min > max) throw new TdmError('SCHEMA_RANGE_INVALID', `${path}: min ${min} is greater than max ${max}`);
  const clamp = (x: number): number => Math.min(max, Math.max(min, Math.round(x)));
  switch (spec.distribution) {
    case 'fixed': {
      const v = spec.value ?? spec.mean ?? spec.min;
      if (v === undefined)
        throw new TdmError('SCHEMA_COUNT_INVALID', `${path}: distribution fixed needs value`);
      return () => v;
    }
    case 'uniform': {
      const lo = spec.min ?? 0;
      const hi = spec.max ?? (spec.mean !== undefined ? Math.round(2 * spec.mean - lo) : undefined);
      if (hi === undefined)
        throw new TdmError('SCHEMA_COUNT_INVALID', `${path}: uniform needs min and max (or mean)`);
      return (j) => lo + rng.seed(seed, j).below(hi - lo + 1);
    }
    case 'poisson': {
      const mean = requireMean(spec, path);
      return (j) => clamp(poisson(rng.seed(seed, j), mean));
    }
    case 'normal': {
      const mean = requireMean(spec, path);
      const sd = spec.sd ?? Math.sqrt(mean);
      return (j) => clamp(mean + sd * rng.seed(seed, j).normal());
    }
    case 'lognormal': {
      const mean = requireMean(spec, path);
      const sd = spec.sd ?? mean;
      const s2 = Math.log(1 + (sd * sd) / (mean * mean));
      const mu = Math.log(mean) - s2 / 2;
      const s = Math.sqrt(s2);
      return (j) => clamp(Math.exp(mu + s * rng.seed(seed, j).normal()));
    }
    case 'exponential': {
      const mean = requireMean(spec, path);
      return (j) => clamp(exponential(rng.seed(seed, j), mean));
    }
    case 'zipf': {
      if (spec.max === undefined) throw new TdmError('SCHEMA_COUNT_INVALID', `${path}: zipf needs max`);
      const zipf = new Zipf(spec.max - min + 1, spec.exponent ?? 1.1);
      return (j) => min + zipf.sample(rng.seed(seed, j)) - 1;
    }
    case 'weighted': {
      const entries = Object.entries(spec.weights ?? {});
      const values = entries.map(([k]) => Number(k));
      if (entries.length === 0 || values.some((v) => !Number.isInteger(v) || v < 0)) {
        throw new TdmError('SCHEMA_COUNT_INVALID', `${path}.weights: give count -> weight with whole counts`);
      }
      const w = new Weighted(entries.map(([, v]) => v));
      return (j) => values[w.sample(rng.seed(seed, j))] as number;
    }
  }
}

function requireMean(spec: PerParentCount, path: string): number {
  if (spec.mean === undefined) {
    throw new TdmError('SCHEMA_COUNT_INVALID', `${path}: distribution ${spec.distribution} needs mean`);
  }
  return spec.mean;
}
