/**
 * @module Numbers: `integer` and `decimal` with bounds (constants or other fields) and
 * distributions (uniform, normal, lognormal, poisson, exponential, zipf, weighted), plus sequences.
 */
import { z } from 'zod';
import { TdmError } from '../errors/index.js';
import { exponential, poisson, Weighted, Zipf, type Rng } from '../random/index.js';
import { boundParam, boundValue, resolveBound, type Bound } from './bounds.js';
import { defineGenerator, type CompileContext, type CompiledValue, type Value } from './types.js';

const numberParams = {
  min: boundParam.optional().describe('Lower bound: a number or a field of the row/parent (default 0).'),
  max: boundParam.optional().describe('Upper bound: a number or a field (default 1000).'),
  distribution: z
    .enum(['uniform', 'normal', 'lognormal', 'poisson', 'exponential', 'zipf', 'weighted'])
    .optional()
    .describe('Shape of the values between min and max (default uniform).'),
  mean: z.number().optional().describe('Mean (normal, lognormal, poisson, exponential).'),
  sd: z.number().positive().optional().describe('Standard deviation (normal, lognormal).'),
  exponent: z
    .number()
    .positive()
    .optional()
    .describe('Zipf exponent (default 1.1): rank 1 is most frequent.'),
  weights: z
    .record(z.string(), z.number().nonnegative())
    .optional()
    .describe('For weighted: value -> weight, e.g. { "1": 70, "2": 20, "10": 10 }.'),
};

type NumberParams = {
  min?: z.infer<typeof boundParam> | undefined;
  max?: z.infer<typeof boundParam> | undefined;
  distribution?:
    'uniform' | 'normal' | 'lognormal' | 'poisson' | 'exponential' | 'zipf' | 'weighted' | undefined;
  mean?: number | undefined;
  sd?: number | undefined;
  exponent?: number | undefined;
  weights?: Record<string, number> | undefined;
};

/**
 * Builds the draw function shared by integer and decimal; `round` snaps to the column's precision
 * (`quantum`: 1 for integers, 10^-scale for decimals). Also returns the constant bounds, when the
 * bounds are constants, so the caller can offer the value space for `unique`.
 */
export function compileNumber(
  p: NumberParams,
  ctx: CompileContext,
  round: (x: number) => number,
  integer: boolean,
  quantum = 1,
): Pick<CompiledValue, 'draw'> & { constLo: number | undefined; constHi: number | undefined } {
  const lo: Bound = resolveBound(p.min, 'number', ctx, 'min') ?? { constant: 0 };
  const hi: Bound = resolveBound(p.max, 'number', ctx, 'max') ?? { constant: 1000 };
  const constLo = 'constant' in lo ? lo.constant : undefined;
  const constHi = 'constant' in hi ? hi.constant : undefined;
  if (constLo !== undefined && constHi !== undefined && constLo > constHi) {
    throw new TdmError('SCHEMA_RANGE_INVALID', `${ctx.path}: min ${constLo} is greater than max ${constHi}`);
  }
  if (
    constLo !== undefined &&
    constHi !== undefined &&
    Math.ceil(constLo / quantum - 1e-9) > Math.floor(constHi / quantum + 1e-9)
  ) {
    throw new TdmError(
      'SCHEMA_RANGE_INVALID',
      `${ctx.path}: no value between ${constLo} and ${constHi} can be written at this precision`,
      {
        suggestedActions: ['Widen the range or raise the scale.'],
      },
    );
  }
  const dist = p.distribution ?? 'uniform';
  if (dist === 'weighted') {
    const entries = Object.entries(p.weights ?? {});
    if (entries.length === 0) {
      throw new TdmError('SCHEMA_TYPE_INVALID', `${ctx.path}.weights: weighted needs at least one value`);
    }
    const values = entries.map(([k]) => Number(k));
    const bad = entries.find(([k]) => Number.isNaN(Number(k)));
    if (bad) throw new TdmError('SCHEMA_TYPE_INVALID', `${ctx.path}.weights: "${bad[0]}" is not a number`);
    const w = new Weighted(entries.map(([, v]) => v));
    return { draw: (rng) => values[w.sample(rng)] as number, constLo, constHi };
  }
  const sample = distributionSampler(p, dist, constLo, constHi, integer, ctx);
  const draw = (rng: Rng, row: number, out: Value[]): Value => {
    const a = boundValue(lo, row, out);
    const b = boundValue(hi, row, out);
    if (a === null || b === null) return null;
    // Crossed bounds (read from other fields) leave no value: null makes the row's range check
    // fail, so the row is drawn again (see compile/range-check.ts).
    if (a > b) return null;
    for (let tries = 0; tries < 12; tries++) {
      const x = round(sample(rng, a, b));
      if (x >= a && x <= b) return x;
    }
    return round(Math.min(b, Math.max(a, sample(rng, a, b))));
  };
  return { draw, constLo, constHi };
}

function distributionSampler(
  p: NumberParams,
  dist: Exclude<NumberParams['distribution'], 'weighted' | undefined>,
  constLo: number | undefined,
  constHi: number | undefined,
  integer: boolean,
  ctx: CompileContext,
): (rng: Rng, a: number, b: number) => number {
  switch (dist) {
    case 'uniform':
      return integer
        ? (rng, a, b) => Math.ceil(a) + rng.below(Math.floor(b) - Math.ceil(a) + 1)
        : (rng, a, b) => a + rng.double() * (b - a);
    case 'normal': {
      const { mean, sd } = p;
      return (rng, a, b) => (mean ?? (a + b) / 2) + rng.normal() * (sd ?? (b - a) / 6);
    }
    case 'lognormal': {
      const mean = p.mean ?? ((constLo ?? 0) + (constHi ?? 1000)) / 4;
      const sd = p.sd ?? mean;
      if (mean <= 0)
        throw new TdmError('SCHEMA_TYPE_INVALID', `${ctx.path}.mean: lognormal needs a positive mean`);
      const sigma2 = Math.log(1 + (sd * sd) / (mean * mean));
      const mu = Math.log(mean) - sigma2 / 2;
      const sigma = Math.sqrt(sigma2);
      return (rng) => Math.exp(mu + sigma * rng.normal());
    }
    case 'poisson': {
      const mean = p.mean;
      return (rng, a, b) => a + poisson(rng, mean ?? (b - a) / 2);
    }
    case 'exponential': {
      const mean = p.mean;
      return (rng, a, b) => a + exponential(rng, mean ?? (b - a) / 4);
    }
    case 'zipf': {
      if (constLo === undefined || constHi === undefined) {
        throw new TdmError('SCHEMA_TYPE_INVALID', `${ctx.path}: zipf needs constant min and max`);
      }
      const zipf = new Zipf(Math.floor(constHi) - Math.ceil(constLo) + 1, p.exponent ?? 1.1);
      const base = Math.ceil(constLo);
      return (rng) => base + zipf.sample(rng) - 1;
    }
  }
}

export const integer = defineGenerator({
  name: 'integer',
  description: 'Whole numbers between min and max, with a distribution; or a sequence.',
  example: { type: 'integer', min: 1, max: 10, distribution: 'poisson', mean: 3 },
  params: z
    .object({
      ...numberParams,
      sequence: z.number().int().optional().describe('Start of a sequence: row i gets start + i * step.'),
      step: z.number().int().optional().describe('Sequence step (default 1).'),
    })
    .strict(),
  compile(p, ctx) {
    if (p.sequence !== undefined) return sequenceValue(p.sequence, p.step ?? 1, ctx);
    const num = compileNumber(p, ctx, Math.round, true);
    const lo = num.constLo === undefined ? undefined : Math.ceil(num.constLo);
    const hi = num.constHi === undefined ? undefined : Math.floor(num.constHi);
    const finite = lo !== undefined && hi !== undefined && !p.distribution;
    return {
      kind: 'integer',
      draw: num.draw,
      ...(finite ? { capacity: hi - lo + 1, at: (k: number) => lo + k } : {}),
    };
  },
});

export const decimal = defineGenerator({
  name: 'decimal',
  description: 'Decimal numbers between min and max rounded to `scale` digits, with a distribution.',
  example: { type: 'decimal', min: 0, max: 10000, scale: 2, distribution: 'lognormal', mean: 800 },
  params: z
    .object({
      ...numberParams,
      scale: z.number().int().min(0).max(12).optional().describe('Digits after the point (default 2).'),
    })
    .strict(),
  compile(p, ctx) {
    const scale = p.scale ?? 2;
    const f = 10 ** scale;
    const round = (x: number): number => Math.round(x * f) / f;
    const num = compileNumber(p, ctx, round, false, 1 / f);
    const lo = num.constLo;
    const hi = num.constHi;
    const finite = lo !== undefined && hi !== undefined && !p.distribution;
    const first = finite ? Math.ceil(lo * f) : 0;
    return {
      kind: 'decimal',
      scale,
      draw: num.draw,
      ...(finite ? { capacity: Math.floor(hi * f) - first + 1, at: (k: number) => (first + k) / f } : {}),
    };
  },
});

/** Row i -> start + i * step: unique by construction. */
export function sequenceValue(start: number, step: number, ctx: CompileContext): CompiledValue {
  if (step === 0) throw new TdmError('SCHEMA_TYPE_INVALID', `${ctx.path}.step: a sequence step cannot be 0`);
  return { kind: 'integer', draw: (_rng, row) => start + row * step, uniqueByRow: true };
}

export const sequence = defineGenerator({
  name: 'sequence',
  description: 'Consecutive integers: row i gets start + i * step (unique by construction).',
  example: { type: 'sequence', start: 1000, step: 1 },
  params: z
    .object({
      start: z.number().int().optional().describe('First value (default 1).'),
      step: z.number().int().optional().describe('Increment (default 1).'),
    })
    .strict(),
  compile: (p, ctx) => sequenceValue(p.start ?? 1, p.step ?? 1, ctx),
});
