/** @module Pattern strings: `regex` (any bounded regular expression) and `string` (random characters). */
import { z } from 'zod';
import { TdmError } from '../errors/index.js';
import { compileRegex } from './regex-compile.js';
import { defineGenerator } from './types.js';

const patternParam = z
  .string()
  .min(1)
  .max(1000)
  .describe('A JavaScript regular expression the value matches in full, e.g. [A-Z]{3}-\\d{4}.');
const capParam = z
  .number()
  .int()
  .min(0)
  .max(1000)
  .optional()
  .describe('Most extra repetitions of *, + and {n,} beyond their minimum (default 8).');

export const regex = defineGenerator({
  name: 'regex',
  description: 'Strings matching a regular expression; fixed-shape patterns are unique-able.',
  example: { type: 'regex', pattern: '[A-Z]{3}-\\d{4}', unique: true },
  params: z.object({ pattern: patternParam, max: capParam }).strict(),
  compile: (p, ctx) => compileRegex(p.pattern, p.max ?? 8, ctx.path),
});

const CHARSETS = {
  alpha: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ',
  lower: 'abcdefghijklmnopqrstuvwxyz',
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  alphanumeric: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  numeric: '0123456789',
  hex: '0123456789abcdef',
} as const;

export const randomString = defineGenerator({
  name: 'string',
  description: 'Random strings: letters (or another charset) of minLength to maxLength, or a `pattern`.',
  example: { type: 'string', minLength: 8, maxLength: 12, charset: 'alphanumeric' },
  params: z
    .object({
      pattern: patternParam.optional(),
      max: capParam,
      minLength: z
        .number()
        .int()
        .min(0)
        .max(10_000)
        .optional()
        .describe('Shortest (default 8, or maxLength if lower).'),
      maxLength: z
        .number()
        .int()
        .min(0)
        .max(10_000)
        .optional()
        .describe('Longest (default 16, or minLength if higher).'),
      charset: z
        .enum(Object.keys(CHARSETS) as [keyof typeof CHARSETS, ...(keyof typeof CHARSETS)[]])
        .optional()
        .describe('alpha (default), lower, upper, alphanumeric, numeric or hex.'),
    })
    .strict(),
  compile(p, ctx) {
    if (p.pattern !== undefined) {
      if (p.minLength !== undefined || p.maxLength !== undefined || p.charset !== undefined) {
        throw new TdmError(
          'SCHEMA_TYPE_INVALID',
          `${ctx.path}: give either pattern or minLength/maxLength/charset, not both`,
        );
      }
      return compileRegex(p.pattern, p.max ?? 8, ctx.path);
    }
    const lo = p.minLength ?? Math.min(8, p.maxLength ?? 8);
    const hi = p.maxLength ?? Math.max(lo, 16);
    if (lo > hi)
      throw new TdmError(
        'SCHEMA_RANGE_INVALID',
        `${ctx.path}: minLength ${lo} is greater than maxLength ${hi}`,
      );
    const chars = CHARSETS[p.charset ?? 'alpha'];
    const radix = chars.length;
    const span = hi - lo + 1;
    const draw = (rng: { below(n: number): number }): string => {
      const len = lo + rng.below(span);
      let s = '';
      for (let i = 0; i < len; i++) s += chars[rng.below(radix)];
      return s;
    };
    if (lo !== hi) return { kind: 'string', maxLength: hi, draw };
    // A fixed length is an enumerable space: radix^length strings, unique by mixed radix.
    return {
      kind: 'string',
      maxLength: hi,
      draw,
      capacity: Math.min(radix ** lo, 2 ** 52),
      at: (k) => {
        let rest = k;
        let s = '';
        for (let i = 0; i < lo; i++) {
          s = chars[rest % radix] + s;
          rest = Math.floor(rest / radix);
        }
        return s;
      },
    };
  },
});
