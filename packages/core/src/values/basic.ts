/**
 * @module Booleans and enums: small finite value spaces with weights.
 */
import { z } from 'zod';
import { TdmError } from '../errors/index.js';
import { Weighted } from '../random/index.js';
import { defineGenerator } from './types.js';

export const boolean = defineGenerator({
  name: 'boolean',
  description: 'true/false, true with probability `ratio`.',
  example: { type: 'boolean', ratio: 0.8 },
  params: z
    .object({ ratio: z.number().min(0).max(1).optional().describe('Probability of true (default 0.5).') })
    .strict(),
  compile(p) {
    const ratio = p.ratio ?? 0.5;
    return { kind: 'boolean', draw: (rng) => rng.float() < ratio, capacity: 2, at: (k) => k === 1 };
  },
});

const scalar = z.union([z.string(), z.number(), z.boolean()]);

export const enumeration = defineGenerator({
  name: 'enum',
  description: 'One of a list of values, uniformly or by weights.',
  example: { type: 'enum', values: { active: 70, churned: 20, suspended: 10 } },
  params: z
    .object({
      values: z
        .union([z.array(scalar).min(1), z.record(z.string(), z.number().nonnegative())])
        .describe('A list of values, or value -> weight.'),
    })
    .strict(),
  compile(p, ctx) {
    const values: (string | number | boolean)[] = Array.isArray(p.values) ? p.values : Object.keys(p.values);
    if (values.length === 0)
      throw new TdmError('SCHEMA_TYPE_INVALID', `${ctx.path}.values: give at least one value`);
    const weights = Array.isArray(p.values) ? null : Object.values(p.values);
    if (weights && !weights.some((w) => w > 0)) {
      throw new TdmError('SCHEMA_TYPE_INVALID', `${ctx.path}.values: at least one weight must be positive`);
    }
    const allNumbers = values.every((v) => typeof v === 'number');
    const allBooleans = values.every((v) => typeof v === 'boolean');
    const maxLength = Math.max(...values.map((v) => String(v).length));
    const kind = allNumbers
      ? values.every((v) => Number.isInteger(v))
        ? 'integer'
        : 'decimal'
      : allBooleans
        ? 'boolean'
        : 'string';
    const w = weights ? new Weighted(weights) : null;
    const n = values.length;
    const out = kind === 'string' ? values.map(String) : values;
    return {
      kind,
      maxLength,
      ...(kind === 'decimal'
        ? { scale: Math.max(...values.map((v) => (String(v).split('.')[1] ?? '').length)) }
        : {}),
      draw: w ? (rng) => out[w.sample(rng)] as string : (rng) => out[rng.below(n)] as string,
      capacity: n,
      at: (k) => out[k] as string,
    };
  },
});
