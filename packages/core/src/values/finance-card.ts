/**
 * @module Payment cards: numbers from faker's `finance.credit_card` patterns (`#` a digit, `[a-b]`
 * a number in a range, `L` the Luhn check digit), formatted with or without separators; CVVs.
 */
import { z } from 'zod';
import { TdmError } from '../errors/index.js';
import { luhnCheckDigit } from './checksums.js';
import { joinGens, type StringGen } from './locale-patterns.js';
import { digitString } from './injective.js';
import { defineGenerator } from './types.js';

/** DSL issuer names -> faker's definition keys. */
const ISSUERS = {
  visa: 'visa',
  mastercard: 'mastercard',
  amex: 'american_express',
  discover: 'discover',
  jcb: 'jcb',
  diners: 'diners_club',
} as const;

const digit: StringGen = (rng) => String(rng.below(10));

/**
 * Compiles one card pattern into a generator of everything before the check digit. Faker's
 * dashes become `sep`; some locales wrap patterns in slashes, which are dropped.
 */
export function compileCardPattern(pattern: string, sep: string): StringGen {
  const src = pattern.replace(/^\/|\/$/g, '');
  const parts: (string | StringGen)[] = [];
  const re = /\[(\d+)-(\d+)\]|[#-]|L|\d+|./g;
  for (const m of src.matchAll(re)) {
    const t = m[0];
    if (m[1] !== undefined && m[2] !== undefined) {
      const lo = Number(m[1]);
      const span = Number(m[2]) - lo + 1;
      parts.push((rng) => String(lo + rng.below(span)));
    } else if (t === '#') parts.push(digit);
    else if (t === '-') {
      if (sep) parts.push(sep);
    } else if (t !== 'L') parts.push(t);
  }
  return joinGens(parts);
}

export const creditCardNumber = defineGenerator({
  name: 'finance.creditCardNumber',
  description: 'Card numbers with a valid Luhn check digit, by issuer, with or without separators.',
  example: { type: 'finance.creditCardNumber', issuer: 'visa', separator: '' },
  params: z
    .object({
      issuer: z
        .enum(Object.keys(ISSUERS) as [keyof typeof ISSUERS, ...(keyof typeof ISSUERS)[]])
        .optional()
        .describe('visa, mastercard, amex, discover, jcb or diners (default: any of the locale’s issuers).'),
      separator: z
        .enum(['', '-', ' '])
        .optional()
        .describe('Between digit groups where the issuer’s format has them (default none: digits only).'),
    })
    .strict(),
  compile(p, ctx) {
    const sep = p.separator ?? '';
    const own = ctx.locale.raw('finance.credit_card');
    const keys = p.issuer
      ? [ISSUERS[p.issuer]]
      : typeof own === 'object' && own !== null
        ? Object.keys(own)
        : Object.values(ISSUERS);
    const patterns = keys.flatMap((k) => ctx.locale.list(`finance.credit_card.${k}`));
    if (patterns.length === 0) {
      throw new TdmError('SCHEMA_TYPE_INVALID', `${ctx.path}.issuer: no card formats for ${keys.join(', ')}`);
    }
    const gens = patterns.map((pat) => compileCardPattern(pat, sep));
    return {
      kind: 'string',
      maxLength: 24,
      draw: (rng) => {
        const payload = (gens[rng.below(gens.length)] as StringGen)(rng);
        return payload + luhnCheckDigit(payload);
      },
    };
  },
});

export const creditCardCvv = defineGenerator({
  name: 'finance.creditCardCvv',
  description: 'Card verification codes: 3 digits (4 for amex-style).',
  example: { type: 'finance.creditCardCvv', length: 3 },
  params: z
    .object({
      length: z
        .union([z.literal(3), z.literal(4)])
        .optional()
        .describe('Digits (default 3).'),
    })
    .strict(),
  compile: (p) => digitString(p.length ?? 3),
});
