/**
 * @module Dates, times and timestamps between absolute, relative (`-3y`, `now`) or field bounds
 * (`customer_id.created_at`): the way cross-field and cross-entity date rules hold by construction.
 */
import { z } from 'zod';
import { TdmError } from '../errors/index.js';
import { boundParam, boundValue, resolveBound, type Bound } from './bounds.js';
import { defineGenerator, type CompileContext, type CompiledValue, type Value } from './types.js';
import type { Rng } from '../random/index.js';

const DAY = 86_400_000;

const instantParams = z
  .object({
    min: boundParam
      .optional()
      .describe(
        'Earliest: ISO date, relative to now (-3y, -6mo, -2w, now), or a field (+/- offset). Default -1y.',
      ),
    max: boundParam.optional().describe('Latest, same forms as min. Default now.'),
    precision: z.enum(['ms', 's', 'm']).optional().describe('Timestamp resolution (default s).'),
  })
  .strict();

function compileInstant(
  p: z.infer<typeof instantParams>,
  ctx: CompileContext,
  kind: 'date' | 'timestamp',
): CompiledValue {
  const lo: Bound = resolveBound(p.min, 'instant', ctx, 'min') ?? { constant: ctx.now - 365 * DAY };
  const hi: Bound = resolveBound(p.max, 'instant', ctx, 'max') ?? { constant: ctx.now };
  const unit = kind === 'date' ? DAY : p.precision === 'ms' ? 1 : p.precision === 'm' ? 60_000 : 1000;
  if ('constant' in lo && 'constant' in hi && lo.constant > hi.constant) {
    throw new TdmError(
      'SCHEMA_RANGE_INVALID',
      `${ctx.path}: min ${new Date(lo.constant).toISOString()} is after max ${new Date(hi.constant).toISOString()}`,
    );
  }
  // Instants are drawn on the unit grid between ceil(lo) and floor(hi), so bounds always hold.
  const draw = (rng: Rng, row: number, out: Value[]): Value => {
    const a = boundValue(lo, row, out);
    const b = boundValue(hi, row, out);
    if (a === null || b === null) return null;
    const first = Math.ceil(a / unit);
    const last = Math.floor(b / unit);
    // No instant fits (bounds from other fields crossed): null fails the row's range check and
    // the row is drawn again (see compile/range-check.ts).
    if (last < first) return null;
    return (first + rng.below(last - first + 1)) * unit;
  };
  if ('constant' in lo && 'constant' in hi) {
    const first = Math.ceil(lo.constant / unit);
    const capacity = Math.floor(hi.constant / unit) - first + 1;
    return { kind, draw, capacity, at: (k) => (first + k) * unit };
  }
  return { kind, draw };
}

export const timestamp = defineGenerator({
  name: 'timestamp',
  description: 'Instants (UTC) between two bounds; bounds may be relative or other fields.',
  example: { type: 'timestamp', min: 'customer_id.created_at', max: 'now' },
  params: instantParams,
  compile: (p, ctx) => compileInstant(p, ctx, 'timestamp'),
});

export const date = defineGenerator({
  name: 'date',
  description: 'Calendar dates between two bounds (same forms as timestamp).',
  example: { type: 'date', min: '1940-01-01', max: '2005-12-31' },
  params: instantParams,
  compile: (p, ctx) => compileInstant(p, ctx, 'date'),
});

export const time = defineGenerator({
  name: 'time',
  description: 'Times of day between two bounds (HH:MM[:SS] or fields).',
  example: { type: 'time', min: '09:00', max: '17:30' },
  params: z
    .object({
      min: boundParam.optional().describe('Earliest time of day (default 00:00).'),
      max: boundParam.optional().describe('Latest time of day (default 23:59:59).'),
    })
    .strict(),
  compile(p, ctx) {
    const lo: Bound = resolveBound(p.min, 'time', ctx, 'min') ?? { constant: 0 };
    const hi: Bound = resolveBound(p.max, 'time', ctx, 'max') ?? { constant: DAY - 1000 };
    if ('constant' in lo && 'constant' in hi && lo.constant > hi.constant) {
      throw new TdmError('SCHEMA_RANGE_INVALID', `${ctx.path}: min time is after max time`);
    }
    const draw = (rng: Rng, row: number, out: Value[]): Value => {
      const a = boundValue(lo, row, out);
      const b = boundValue(hi, row, out);
      if (a === null || b === null) return null;
      const first = Math.ceil(a / 1000);
      const last = Math.floor(b / 1000);
      if (last < first) return null;
      return (first + rng.below(last - first + 1)) * 1000;
    };
    return { kind: 'time', draw };
  },
});
