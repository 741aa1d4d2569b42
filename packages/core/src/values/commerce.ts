/** @module Commerce: product names and descriptions, departments, prices. */
import { z } from 'zod';
import { TdmError } from '../errors/index.js';
import { comboFromPattern, comboValue } from './combos.js';
import { listGenerator, patternGenerator } from './faker-backed.js';
import { defineGenerator } from './types.js';

export const department = listGenerator(
  'commerce.department',
  'Shop departments (Books, Garden, Toys).',
  'commerce.department',
);
export const product = listGenerator(
  'commerce.product',
  'Product nouns (Chair, Keyboard).',
  'commerce.product_name.product',
);
export const productDescription = patternGenerator(
  'commerce.productDescription',
  'One-sentence product descriptions.',
  'commerce.product_description',
  400,
);

export const productName = defineGenerator({
  name: 'commerce.productName',
  description: 'Product names: adjective, material, product in the locale’s order (Sleek Steel Chair).',
  example: { type: 'commerce.productName', unique: true },
  params: z.object({}).strict(),
  compile(_p, ctx) {
    // Every locale defines one pattern over three plain lists: a combo, hence unique-able.
    const patterns = ctx.locale.list('commerce.product_name.pattern');
    const combo = patterns.length === 1 ? comboFromPattern(ctx.locale, patterns[0] as string) : undefined;
    if (combo) return comboValue(combo);
    const gen = ctx.locale.gen('commerce.product_name.pattern');
    return { kind: 'string', maxLength: 120, draw: (rng) => gen(rng) };
  },
});

export const price = defineGenerator({
  name: 'commerce.price',
  description: 'Prices: decimals between min and max with `scale` digits (like faker’s price).',
  example: { type: 'commerce.price', min: 5, max: 500, scale: 2 },
  params: z
    .object({
      min: z.number().nonnegative().optional().describe('Lowest price (default 1).'),
      max: z.number().nonnegative().optional().describe('Highest price (default 1000).'),
      scale: z.number().int().min(0).max(4).optional().describe('Digits after the point (default 2).'),
    })
    .strict(),
  compile(p, ctx) {
    const scale = p.scale ?? 2;
    const f = 10 ** scale;
    const lo = Math.ceil((p.min ?? 1) * f);
    const hi = Math.floor((p.max ?? 1000) * f);
    if (lo > hi) {
      throw new TdmError(
        'SCHEMA_RANGE_INVALID',
        `${ctx.path}: min ${p.min ?? 1} is greater than max ${p.max ?? 1000}`,
      );
    }
    const n = hi - lo + 1;
    return {
      kind: 'decimal',
      scale,
      draw: (rng) => (lo + rng.below(n)) / f,
      capacity: n,
      at: (k) => (lo + k) / f,
    };
  },
});
