/** @module Places: addresses, cities, countries, postal codes and coordinates. */
import { z } from 'zod';
import { listGenerator, listValue, patternGenerator } from './faker-backed.js';
import { defineGenerator } from './types.js';

export const city = patternGenerator(
  'location.city',
  'City names in the locale’s style.',
  'location.city_pattern',
  80,
);
export const country = listGenerator('location.country', 'Country names.', 'location.country');
export const state = listGenerator('location.state', 'States / regions.', 'location.state');
export const county = listGenerator('location.county', 'Counties / districts.', 'location.county');
export const timeZone = listGenerator(
  'location.timeZone',
  'IANA time zones (Europe/Berlin).',
  'location.time_zone',
);
export const continent = listGenerator('location.continent', 'Continents.', 'location.continent');

export const countryCode = defineGenerator({
  name: 'location.countryCode',
  description: 'ISO 3166-1 country codes: alpha-2 (default), alpha-3 or numeric.',
  example: { type: 'location.countryCode', variant: 'alpha-3' },
  params: z
    .object({
      variant: z.enum(['alpha-2', 'alpha-3', 'numeric']).optional().describe('Code form (default alpha-2).'),
    })
    .strict(),
  compile(p, ctx) {
    const prop = p.variant === 'alpha-3' ? 'alpha3' : p.variant === 'numeric' ? 'numeric' : 'alpha2';
    return listValue(ctx.locale.list(`location.country_code.${prop}`));
  },
});
export const streetAddress = patternGenerator(
  'location.streetAddress',
  'Street addresses (number and street).',
  'location.street_address',
  120,
);
export const zipCode = patternGenerator(
  'location.zipCode',
  'Postal codes in the locale’s format.',
  'location.postcode',
  16,
);

function coordinate(name: string, limit: number) {
  return defineGenerator({
    name,
    description: `${name === 'location.latitude' ? 'Latitudes' : 'Longitudes'} in decimal degrees.`,
    example: { type: name, min: -limit / 2, max: limit / 2 },
    params: z
      .object({
        min: z.number().min(-limit).max(limit).optional(),
        max: z.number().min(-limit).max(limit).optional(),
        scale: z.number().int().min(0).max(8).optional().describe('Digits after the point (default 6).'),
      })
      .strict(),
    compile(p) {
      const lo = p.min ?? -limit;
      const hi = p.max ?? limit;
      const scale = p.scale ?? 6;
      const f = 10 ** scale;
      return { kind: 'decimal', scale, draw: (rng) => Math.round((lo + rng.double() * (hi - lo)) * f) / f };
    },
  });
}

export const latitude = coordinate('location.latitude', 90);
export const longitude = coordinate('location.longitude', 180);
