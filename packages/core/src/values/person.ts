/** @module Person names and attributes from the locale's data. */
import { z } from 'zod';
import { listGenerator, patternGenerator } from './faker-backed.js';
import { defineGenerator } from './types.js';

const sexParam = z
  .object({ sex: z.enum(['female', 'male']).optional().describe('Restrict to one sex’s name list.') })
  .strict();

function nameList(entry: 'first_name' | 'last_name' | 'middle_name', name: string, description: string) {
  return defineGenerator({
    name,
    description,
    example: { type: name },
    params: sexParam,
    compile(p, ctx) {
      const raw = ctx.locale.raw(`person.${entry}`) as Record<string, string[]> | string[] | undefined;
      const list =
        p.sex && raw && !Array.isArray(raw) && raw[p.sex]?.length
          ? (raw[p.sex] as string[])
          : ctx.locale.list(`person.${entry}`);
      const n = list.length;
      return {
        kind: 'string',
        maxLength: Math.max(...list.map((s) => s.length)),
        draw: (rng) => list[rng.below(n)] as string,
        capacity: n,
        at: (k) => list[k] as string,
      };
    },
  });
}

export const firstName = nameList('first_name', 'person.firstName', 'Given names.');
export const lastName = nameList('last_name', 'person.lastName', 'Family names.');
export const middleName = nameList('middle_name', 'person.middleName', 'Middle names.');
export const fullName = patternGenerator(
  'person.fullName',
  'Full names, with prefixes and suffixes at realistic rates.',
  'person.name',
  120,
);
export const prefix = listGenerator('person.prefix', 'Name prefixes (Mr., Dr., ...).', 'person.prefix');
export const gender = listGenerator('person.gender', 'Gender identities.', 'person.gender');
export const jobTitle = patternGenerator('person.jobTitle', 'Job titles.', 'person.job_title_pattern', 120);
