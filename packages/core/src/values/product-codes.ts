/** @module Product codes with valid check digits: ISBN-13 and EAN-13 (unique-able by bijection). */
import { z } from 'zod';
import { gs1CheckDigit } from './checksums.js';
import { defineGenerator } from './types.js';

const BILLION = 1_000_000_000;

function isbnText(prefix: string, body: number, sep: string): string {
  const b = String(body).padStart(9, '0');
  const payload = prefix + b;
  const check = gs1CheckDigit(payload);
  if (!sep) return payload + check;
  return prefix + sep + b.slice(0, 1) + sep + b.slice(1, 5) + sep + b.slice(5) + sep + check;
}

export const isbn = defineGenerator({
  name: 'commerce.isbn',
  description: 'ISBN-13 numbers (978/979 prefix) with a valid check digit.',
  example: { type: 'commerce.isbn', separator: '-', unique: true },
  params: z
    .object({
      separator: z
        .enum(['-', ''])
        .optional()
        .describe(
          'Between the 978-G-RRRR-PPPP-C groups (default "-"; fixed grouping, not registrant-exact).',
        ),
    })
    .strict(),
  compile(p) {
    const sep = p.separator ?? '-';
    return {
      kind: 'string',
      maxLength: 17,
      draw: (rng) => isbnText(rng.below(2) === 0 ? '978' : '979', rng.below(BILLION), sep),
      capacity: 2 * BILLION,
      at: (k) => isbnText(k < BILLION ? '978' : '979', k % BILLION, sep),
    };
  },
});

export const ean13 = defineGenerator({
  name: 'commerce.ean13',
  description: 'EAN-13 barcodes with a valid check digit, optionally under a GS1 prefix.',
  example: { type: 'commerce.ean13', prefix: '400', unique: true },
  params: z
    .object({
      prefix: z
        .string()
        .regex(/^\d{1,11}$/)
        .optional()
        .describe('Leading digits, e.g. a GS1 country prefix such as 400 (Germany).'),
    })
    .strict(),
  compile(p) {
    const prefix = p.prefix ?? '';
    const width = 12 - prefix.length;
    const size = 10 ** width;
    const text = (body: number): string => {
      const payload = prefix + String(body).padStart(width, '0');
      return payload + gs1CheckDigit(payload);
    };
    return {
      kind: 'string',
      maxLength: 13,
      draw: (rng) => text(rng.below(size)),
      capacity: size,
      at: (k) => text(k),
    };
  },
});
