/** @module Phone numbers in the locale's formats. */
import { z } from 'zod';
import { defineGenerator } from './types.js';

export const phoneNumber = defineGenerator({
  name: 'phone.number',
  description: 'Phone numbers in the locale’s human, national, international or mobile style.',
  example: { type: 'phone.number', style: 'international' },
  params: z
    .object({
      style: z.enum(['human', 'national', 'international', 'mobile']).optional().describe('Default human.'),
    })
    .strict(),
  compile(p, ctx) {
    const formats = ctx.locale.raw('phone_number.format') as Record<string, string[]> | undefined;
    const style = p.style ?? 'human';
    const list = formats?.[style] ?? formats?.['human'] ?? ['###-###-####'];
    const gens = list.map((f) => ctx.locale.pattern(f));
    return {
      kind: 'string',
      maxLength: 32,
      draw: (rng) => (gens[rng.below(gens.length)] as (r: typeof rng) => string)(rng),
    };
  },
});
