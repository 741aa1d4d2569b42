/**
 * @module Web values: domain names (adjective-noun.suffix, ASCII), urls (optionally on the domain
 * of another field) and browser user agents.
 */
import { z } from 'zod';
import type { Rng } from '../random/index.js';
import { comboValue, type Combo } from './combos.js';
import { asciiWords } from './ascii-names.js';
import { LocaleData } from './locale-data.js';
import { defineGenerator, type Getter, type Value } from './types.js';

function asciiSuffixes(locale: LocaleData): readonly string[] {
  const list = locale.list('internet.domain_suffix').filter((s) => /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/.test(s));
  return list.length > 0 ? list : LocaleData.for('en').list('internet.domain_suffix');
}

/** `adjective-noun.suffix`, faker's domain shape; a finite space, so unique domains work. */
export function domainCombo(locale: LocaleData): Combo {
  return {
    literals: ['', '-', '.', ''],
    lists: [asciiWords(locale, 'word.adjective'), asciiWords(locale, 'word.noun'), asciiSuffixes(locale)],
  };
}

export const domainName = defineGenerator({
  name: 'internet.domainName',
  description: 'Domain names like fuzzy-lamp.com (ASCII, unique-able).',
  example: { type: 'internet.domainName', unique: true },
  params: z.object({}).strict(),
  compile: (_p, ctx) => comboValue(domainCombo(ctx.locale)),
});

export const url = defineGenerator({
  name: 'internet.url',
  description: 'URLs on a random domain, or on the domain of another field (a domain or an email).',
  example: { type: 'internet.url', from: 'domain', path: true },
  params: z
    .object({
      protocol: z.enum(['https', 'http']).optional().describe('Scheme (default https).'),
      from: z
        .string()
        .optional()
        .describe('A field holding a domain or an email whose domain to use, e.g. company_domain.'),
      path: z.boolean().optional().describe('Append a path such as /fuzzy-lamp (default false).'),
    })
    .strict(),
  compile(p, ctx) {
    const scheme = (p.protocol ?? 'https') + '://';
    const domains = comboValue(domainCombo(ctx.locale));
    const nouns = asciiWords(ctx.locale, 'word.noun');
    const adjs = asciiWords(ctx.locale, 'word.adjective');
    const pathOf = (rng: Rng): string =>
      '/' + (adjs[rng.below(adjs.length)] as string) + '-' + (nouns[rng.below(nouns.length)] as string);
    const from: Getter | undefined = p.from === undefined ? undefined : ctx.resolve(p.from);
    const host = from
      ? (rng: Rng, row: number, out: Value[]): Value => {
          const v = from(row, out);
          if (v === null) return null;
          const s = String(v);
          return s.slice(s.lastIndexOf('@') + 1);
        }
      : (rng: Rng, row: number, out: Value[]): Value => domains.draw(rng, row, out);
    const draw = p.path
      ? (rng: Rng, row: number, out: Value[]): Value => {
          const h = host(rng, row, out);
          return h === null ? null : scheme + h + pathOf(rng);
        }
      : (rng: Rng, row: number, out: Value[]): Value => {
          const h = host(rng, row, out);
          return h === null ? null : scheme + h;
        };
    const at = domains.at;
    if (from || p.path || !at || domains.capacity === undefined)
      return { kind: 'string', maxLength: 2048, draw };
    return {
      kind: 'string',
      maxLength: 2048,
      draw,
      capacity: domains.capacity,
      at: (k, row, out) => scheme + String(at(k, row, out)),
    };
  },
});

export const userAgent = defineGenerator({
  name: 'internet.userAgent',
  description: 'Browser and bot user agent strings.',
  example: { type: 'internet.userAgent' },
  params: z.object({}).strict(),
  compile(_p, ctx) {
    const gen = ctx.locale.gen('internet.user_agent_pattern');
    return { kind: 'string', maxLength: 512, draw: (rng) => gen(rng) };
  },
});
