/**
 * @module Nested documents: `json` objects with a shape of field specs, and `array` of one field
 * spec. Members are any generator (with `nullRate`); dates inside documents become ISO strings,
 * since JSON has no date type.
 */
import { z } from 'zod';
import { TdmError } from '../errors/index.js';
import type { Rng } from '../random/index.js';
import { defineGenerator, type ColumnKind, type CompileContext, type Value } from './types.js';

type Draw = (rng: Rng, row: number, out: Value[]) => Value;

const nestedSpec = z
  .object({
    type: z
      .string({ error: 'each member needs a type (a generator name)' })
      .describe('The generator of this member, with its options beside it.'),
    nullRate: z.number().min(0).max(1).optional().describe('Share of documents where the member is null.'),
  })
  .catchall(z.unknown());

const TOP_LEVEL_ONLY = ['unique', 'primaryKey', 'ref', 'pick', 'skew', 'tree'];

/** ISO text for temporal members (epoch ms / ms since midnight in columns). */
function jsonReady(kind: ColumnKind, draw: Draw): Draw {
  if (kind === 'timestamp') return (rng, row, out) => iso(draw(rng, row, out), 0, 24);
  if (kind === 'date') return (rng, row, out) => iso(draw(rng, row, out), 0, 10);
  if (kind === 'time') return (rng, row, out) => iso(draw(rng, row, out), 11, 19);
  return draw;
}

function iso(v: Value, from: number, to: number): Value {
  return typeof v === 'number' ? new Date(v).toISOString().slice(from, to) : v;
}

/** Compiles one nested member spec, honouring its nullRate. */
function member(spec: z.infer<typeof nestedSpec>, sub: string, ctx: CompileContext): Draw {
  const misplaced = TOP_LEVEL_ONLY.filter((k) => spec[k] !== undefined);
  if (misplaced.length) {
    throw new TdmError(
      'SCHEMA_OPTION_UNKNOWN',
      `${ctx.path}.${sub}: ${misplaced.join(', ')} ${misplaced.length === 1 ? 'applies' : 'apply'} to top-level fields only`,
    );
  }
  const value = ctx.compileNested(spec, sub);
  const draw = jsonReady(value.kind, value.draw);
  const nullRate = spec.nullRate ?? 0;
  return nullRate > 0 ? (rng, row, out) => (rng.float() < nullRate ? null : draw(rng, row, out)) : draw;
}

export const json = defineGenerator({
  name: 'json',
  description: 'JSON objects whose members are field specs (any generator, nested json and arrays too).',
  example: {
    type: 'json',
    shape: {
      plan: { type: 'enum', values: ['free', 'pro'] },
      seats: { type: 'integer', min: 1, max: 50 },
      renews_at: { type: 'date', min: 'now', max: '+1y', nullRate: 0.2 },
    },
  },
  params: z
    .object({
      shape: z
        .record(z.string(), nestedSpec)
        .describe('Member name -> field spec, e.g. { plan: { type: enum, values: [free, pro] } }.'),
    })
    .strict(),
  compile(p, ctx) {
    const keys = Object.keys(p.shape);
    if (keys.length === 0)
      throw new TdmError('SCHEMA_TYPE_INVALID', `${ctx.path}.shape: give at least one member`);
    const draws = keys.map((k) => member(p.shape[k] as z.infer<typeof nestedSpec>, `shape.${k}`, ctx));
    const n = keys.length;
    return {
      kind: 'json',
      draw: (rng, row, out) => {
        const doc: Record<string, Value> = {};
        for (let i = 0; i < n; i++) doc[keys[i] as string] = (draws[i] as Draw)(rng, row, out);
        return doc;
      },
    };
  },
});

export const array = defineGenerator({
  name: 'array',
  description: 'JSON arrays of minItems to maxItems values of one field spec.',
  example: { type: 'array', items: { type: 'lorem.word' }, minItems: 1, maxItems: 4 },
  params: z
    .object({
      items: nestedSpec.describe('The field spec of every element.'),
      minItems: z.number().int().min(0).max(1000).optional().describe('Fewest elements (default 1).'),
      maxItems: z
        .number()
        .int()
        .min(0)
        .max(1000)
        .optional()
        .describe('Most elements (default 5, or minItems).'),
    })
    .strict(),
  compile(p, ctx) {
    const lo = p.minItems ?? Math.min(1, p.maxItems ?? 1);
    const hi = p.maxItems ?? Math.max(lo, 5);
    if (lo > hi)
      throw new TdmError(
        'SCHEMA_RANGE_INVALID',
        `${ctx.path}: minItems ${lo} is greater than maxItems ${hi}`,
      );
    const item = member(p.items, 'items', ctx);
    const span = hi - lo + 1;
    return {
      kind: 'json',
      draw: (rng, row, out) => {
        const len = lo + rng.below(span);
        const list: Value[] = new Array<Value>(len);
        for (let i = 0; i < len; i++) list[i] = item(rng, row, out);
        return list;
      },
    };
  },
});
