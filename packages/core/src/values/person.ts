/** @module Person names and attributes from the locale's data. */
import { z } from 'zod';
import { listGenerator, listValue, patternGenerator } from './faker-backed.js';
import type { Rng } from '../random/index.js';
import { defineGenerator } from './types.js';

const sexParam = z
  .object({ sex: z.enum(['female', 'male']).optional().describe('Restrict to one sex’s name list.') })
  .strict();

/** A name list with optional female / male variants (without `sex`: all of them). */
function sexList(
  entry: 'first_name' | 'last_name' | 'middle_name' | 'prefix',
  name: string,
  description: string,
) {
  return defineGenerator({
    name,
    description,
    example: { type: name, sex: 'female' },
    params: sexParam,
    compile(p, ctx) {
      // The locale's own sex-specific list, else all its names (not another locale's by sex).
      const raw = ctx.locale.raw(`person.${entry}`);
      const bySex = p.sex && isRecord(raw) ? raw[p.sex] : undefined;
      if (Array.isArray(bySex) && bySex.length > 0) return listValue([...new Set(bySex.map(String))]);
      return listValue(ctx.locale.list(`person.${entry}`));
    },
  });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export const firstName = sexList('first_name', 'person.firstName', 'Given names.');
export const lastName = sexList('last_name', 'person.lastName', 'Family names.');
export const middleName = sexList('middle_name', 'person.middleName', 'Middle names.');
export const fullName = defineGenerator({
  name: 'person.fullName',
  description: 'Full names with prefixes and suffixes at realistic rates; all parts of one sex.',
  example: { type: 'person.fullName' },
  params: sexParam,
  compile(p, ctx) {
    const female = ctx.locale.gen('person.name', 'female');
    const male = ctx.locale.gen('person.name', 'male');
    const draw: (rng: Rng) => string =
      p.sex === 'female'
        ? female
        : p.sex === 'male'
          ? male
          : (rng) => (rng.below(2) === 0 ? female(rng) : male(rng));
    return { kind: 'string', maxLength: 120, draw };
  },
});
export const prefix = sexList('prefix', 'person.prefix', 'Name prefixes (Mr., Ms., Dr., ...).');
export const suffix = listGenerator('person.suffix', 'Name suffixes (Jr., PhD, ...).', 'person.suffix');
export const gender = listGenerator('person.gender', 'Gender identities.', 'person.gender');
export const sex = listGenerator(
  'person.sex',
  'Biological sex as the locale words it (female, male).',
  'person.sex',
);
export const jobTitle = patternGenerator('person.jobTitle', 'Job titles.', 'person.job_title_pattern', 120);
export const jobArea = listGenerator(
  'person.jobArea',
  'Job areas (Marketing, Security, ...).',
  'person.job_area',
);
export const jobType = listGenerator(
  'person.jobType',
  'Job types (Engineer, Manager, ...).',
  'person.job_type',
);
export const jobDescriptor = listGenerator(
  'person.jobDescriptor',
  'Job descriptors (Senior, Lead, ...).',
  'person.job_descriptor',
);
export const bio = patternGenerator(
  'person.bio',
  'Short social-media style bios ("coffee lover, developer").',
  'person.bio_pattern',
  200,
);
export const zodiacSign = listGenerator(
  'person.zodiacSign',
  'Western zodiac signs.',
  'person.western_zodiac_sign',
);
