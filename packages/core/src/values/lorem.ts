/** @module Placeholder text from the locale's lorem words: words, sentences, paragraphs, slugs. */
import { z } from 'zod';
import { TdmError } from '../errors/index.js';
import type { Rng } from '../random/index.js';
import { asciiWords } from './ascii-names.js';
import { listValue } from './faker-backed.js';
import { defineGenerator, type CompileContext } from './types.js';

const rangeParams = (what: string, min: number, max: number) =>
  z
    .object({
      min: z.number().int().min(1).max(1000).optional().describe(`Fewest ${what} (default ${min}).`),
      max: z.number().int().min(1).max(1000).optional().describe(`Most ${what} (default ${max}).`),
    })
    .strict();

/** Resolves min/max with defaults that respect a lone bound; rejects min > max. */
function countRange(
  p: { min?: number | undefined; max?: number | undefined },
  defMin: number,
  defMax: number,
  ctx: CompileContext,
): { lo: number; span: number } {
  const lo = p.min ?? Math.min(defMin, p.max ?? defMin);
  const hi = p.max ?? Math.max(lo, defMax);
  if (lo > hi) throw new TdmError('SCHEMA_RANGE_INVALID', `${ctx.path}: min ${lo} is greater than max ${hi}`);
  return { lo, span: hi - lo + 1 };
}

/** `count` words from `list` joined by `sep`, built as one string. */
function joinWords(rng: Rng, list: readonly string[], count: number, sep: string, first = list): string {
  let s = first[rng.below(first.length)] as string;
  for (let i = 1; i < count; i++) s += sep + (list[rng.below(list.length)] as string);
  return s;
}

export const word = defineGenerator({
  name: 'lorem.word',
  description: 'One lorem ipsum word (unique-able: the word list is the value space).',
  example: { type: 'lorem.word' },
  params: z.object({}).strict(),
  compile: (_p, ctx) => listValue(ctx.locale.list('lorem.word')),
});

export const words = defineGenerator({
  name: 'lorem.words',
  description: 'Several lorem words separated by spaces.',
  example: { type: 'lorem.words', min: 2, max: 5 },
  params: rangeParams('words', 3, 3),
  compile(p, ctx) {
    const list = ctx.locale.list('lorem.word');
    const { lo, span } = countRange(p, 3, 3, ctx);
    return { kind: 'string', draw: (rng) => joinWords(rng, list, lo + rng.below(span), ' ') };
  },
});

/** Capitalized first words and a sentence maker, shared by sentence and paragraph. */
function sentenceMaker(ctx: CompileContext, lo: number, span: number): (rng: Rng) => string {
  const list = ctx.locale.list('lorem.word');
  const capital = list.map((w) => w.charAt(0).toUpperCase() + w.slice(1));
  return (rng) => joinWords(rng, list, lo + rng.below(span), ' ', capital) + '.';
}

export const sentence = defineGenerator({
  name: 'lorem.sentence',
  description: 'A lorem sentence: capitalized, min to max words, ending with a period.',
  example: { type: 'lorem.sentence', min: 4, max: 12 },
  params: rangeParams('words', 3, 10),
  compile(p, ctx) {
    const { lo, span } = countRange(p, 3, 10, ctx);
    const make = sentenceMaker(ctx, lo, span);
    return { kind: 'string', draw: (rng) => make(rng) };
  },
});

export const paragraph = defineGenerator({
  name: 'lorem.paragraph',
  description: 'A lorem paragraph of min to max sentences (each 3 to 10 words).',
  example: { type: 'lorem.paragraph', min: 2, max: 4 },
  params: rangeParams('sentences', 3, 6),
  compile(p, ctx) {
    const { lo, span } = countRange(p, 3, 6, ctx);
    const make = sentenceMaker(ctx, 3, 8);
    return {
      kind: 'string',
      draw: (rng) => {
        const n = lo + rng.below(span);
        let s = make(rng);
        for (let i = 1; i < n; i++) s += ' ' + make(rng);
        return s;
      },
    };
  },
});

export const slug = defineGenerator({
  name: 'lorem.slug',
  description: 'Lowercase ASCII lorem words joined by hyphens (quia-velit-enim).',
  example: { type: 'lorem.slug', min: 2, max: 4 },
  params: rangeParams('words', 3, 3),
  compile(p, ctx) {
    const list = asciiWords(ctx.locale, 'lorem.word');
    const { lo, span } = countRange(p, 3, 3, ctx);
    return { kind: 'string', draw: (rng) => joinWords(rng, list, lo + rng.below(span), '-') };
  },
});
