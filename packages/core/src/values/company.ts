/** @module Companies: names in the locale's style, catch phrases and buzz phrases. */
import { comboGenerator, patternGenerator } from './faker-backed.js';

export const companyName = patternGenerator(
  'company.name',
  'Company names (Schmidt - Lang, Hahn LLC).',
  'company.name_pattern',
  120,
);

/** adjective + descriptor + noun, as faker's catchPhrase; a finite space, so unique works. */
export const catchPhrase = comboGenerator(
  'company.catchPhrase',
  'Catch phrases: adjective, descriptor, noun (Adaptive bifurcated workforce).',
  (locale) => ({
    literals: ['', ' ', ' ', ''],
    lists: [locale.list('company.adjective'), locale.list('company.descriptor'), locale.list('company.noun')],
  }),
);

/** verb + adjective + noun, as faker's buzzPhrase. */
export const buzzPhrase = comboGenerator(
  'company.buzzPhrase',
  'Buzz phrases: verb, adjective, noun (leverage viral synergies).',
  (locale) => ({
    literals: ['', ' ', ' ', ''],
    lists: [
      locale.list('company.buzz_verb'),
      locale.list('company.buzz_adjective'),
      locale.list('company.buzz_noun'),
    ],
  }),
);
