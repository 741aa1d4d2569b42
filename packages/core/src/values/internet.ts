/**
 * @module Internet values: emails (optionally built from the row's name fields, unique by
 * construction), usernames, urls, domains, IP addresses.
 */
import { z } from 'zod';
import { mix32, Rng } from '../random/index.js';
import { asciiSlug, nameSlug } from './ascii-names.js';
import { LocaleData } from './locale-data.js';
import { defineGenerator, type CompileContext, type Getter, type Value } from './types.js';

/** ASCII slugs of en's names: stand-ins for names with no ASCII form (CJK, Arabic, ...). */
let standIns: { first: readonly string[]; last: readonly string[] } | undefined;
function englishStandIns(): { first: readonly string[]; last: readonly string[] } {
  if (!standIns) {
    const en = LocaleData.for('en');
    standIns = {
      first: en.list('person.first_name').map(asciiSlug).filter(Boolean),
      last: en.list('person.last_name').map(asciiSlug).filter(Boolean),
    };
  }
  return standIns;
}

const fromParam = z
  .array(z.string())
  .min(1)
  .max(3)
  .optional()
  .describe('Fields of the row to build the local part from, e.g. [first_name, last_name].');

/** Local-part builder: from row fields when given, else from random locale names. */
function localPart(
  ctx: CompileContext,
  from: string[] | undefined,
): (rng: Rng, row: number, out: Value[]) => string {
  const en = englishStandIns();
  if (from) {
    const getters: Getter[] = from.map((f) => ctx.resolve(f));
    return (_rng, row, out) => {
      let s = '';
      for (let i = 0; i < getters.length; i++) {
        const v = (getters[i] as Getter)(row, out);
        if (v === null) continue;
        const slug = nameSlug(String(v), i === 0 ? en.first : en.last);
        if (slug) s += (s ? '.' : '') + slug;
      }
      return s || 'user';
    };
  }
  // Slugs computed once here, not per value.
  const first = ctx.locale.list('person.first_name').map((n) => nameSlug(n, en.first));
  const last = ctx.locale.list('person.last_name').map((n) => nameSlug(n, en.last));
  return (rng) => {
    const f = first[rng.below(first.length)] as string;
    const l = last[rng.below(last.length)] as string;
    const style = rng.below(3);
    return style === 0 ? f + '.' + l : style === 1 ? f + '_' + l : f.charAt(0) + l;
  };
}

export const email = defineGenerator({
  name: 'internet.email',
  description: 'Email addresses; with `from` they follow the row’s names; unique ones stay realistic.',
  example: { type: 'internet.email', from: ['first_name', 'last_name'], unique: true },
  params: z
    .object({
      from: fromParam,
      domain: z.string().optional().describe('Always use this domain.'),
      provider: z
        .enum(['free', 'example'])
        .optional()
        .describe('free: gmail.com-style; example: example.com (default).'),
    })
    .strict(),
  compile(p, ctx) {
    const local = localPart(ctx, p.from);
    const domains = p.domain
      ? [p.domain]
      : ctx.locale.list(p.provider === 'free' ? 'internet.free_email' : 'internet.example_email');
    const nd = domains.length;
    const seed = ctx.seed;
    return {
      kind: 'string',
      maxLength: 254,
      draw: (rng, row, out) => {
        const l = local(rng, row, out);
        const n = rng.below(100);
        return l + (n < 40 ? '' : String(n)) + '@' + (domains[rng.below(nd)] as string);
      },
      capacity: 2 ** 52,
      compact: true,
      // The number suffix is k itself: names never end in digits, so distinct k give distinct emails.
      at: (k, row, out) => {
        const h = mix32((k ^ seed) >>> 0);
        return local(rngFromHash(h), row, out) + String(k) + '@' + (domains[h % nd] as string);
      },
    };
  },
});

export const username = defineGenerator({
  name: 'internet.username',
  description: 'User names like jane_doe42; with `from`, built from the row’s fields.',
  example: { type: 'internet.username', from: ['first_name', 'last_name'] },
  params: z.object({ from: fromParam }).strict(),
  compile(p, ctx) {
    const local = localPart(ctx, p.from);
    const seed = ctx.seed;
    return {
      kind: 'string',
      maxLength: 64,
      draw: (rng, row, out) => local(rng, row, out).replace('.', '_') + String(rng.below(100)),
      capacity: 2 ** 52,
      compact: true,
      at: (k, row, out) =>
        local(rngFromHash(mix32((k ^ seed) >>> 0)), row, out).replace('.', '_') + String(k),
    };
  },
});

/** A shared Rng positioned from a hash (used by `at`, which has no per-row stream). */
const hashRng = new Rng();
function rngFromHash(h: number): Rng {
  return hashRng.seed(h, 0);
}
