/** @module Address parts (street, building number, apartment) and whole one-line addresses. */
import { z } from 'zod';
import { patternGenerator } from './faker-backed.js';
import { defineGenerator } from './types.js';

export const street = patternGenerator(
  'location.street',
  'Street names with their suffix (Main Street).',
  'location.street_pattern',
  100,
);
export const buildingNumber = patternGenerator(
  'location.buildingNumber',
  'Building numbers in the locale’s format.',
  'location.building_number',
  16,
);
export const secondaryAddress = patternGenerator(
  'location.secondaryAddress',
  'Apartment / suite lines (Apt. 123).',
  'location.secondary_address',
  40,
);

/** The locale's own country name in its language (de_AT -> Österreich), when the locale names one. */
function localCountryName(code: string, country: string | undefined): string | undefined {
  if (!country) return undefined;
  try {
    return new Intl.DisplayNames([code.split('_')[0] ?? 'en'], { type: 'region' }).of(country);
  } catch {
    return undefined;
  }
}

export const fullAddress = defineGenerator({
  name: 'location.fullAddress',
  description: 'One-line postal addresses: street address, city, postal code, country.',
  example: { type: 'location.fullAddress', country: 'United States' },
  params: z
    .object({
      country: z
        .string()
        .optional()
        .describe(
          'Country name to end with (default: the locale’s country, e.g. Österreich for de_AT, else a random one).',
        ),
      secondary: z.boolean().optional().describe('Include an apartment / suite line (default false).'),
    })
    .strict(),
  compile(p, ctx) {
    const loc = ctx.locale;
    const streetAddress = loc.gen('location.street_address');
    const second = p.secondary ? loc.gen('location.secondary_address') : undefined;
    const city = loc.gen('location.city_pattern');
    const zip = loc.gen('location.postcode');
    const fixed = p.country ?? localCountryName(loc.code, loc.country());
    const countries = loc.list('location.country');
    return {
      kind: 'string',
      maxLength: 300,
      draw: (rng) => {
        let s = streetAddress(rng);
        if (second) s += ' ' + second(rng);
        s += ', ' + city(rng) + ', ' + zip(rng) + ', ';
        return s + (fixed ?? (countries[rng.below(countries.length)] as string));
      },
    };
  },
});
