/**
 * @module Test fixtures for synthesis: a mixed table built from a seeded generator with known
 * dependences (a city determined by its region, a plan that depends on age band and region in a
 * way no monotone correlation describes, an income that follows the plan, a signup date that
 * follows age) and its missing values.
 */
import type { CellValue } from '../../quality/read/index.js';
import { Rng } from '../../random/index.js';
import { tableFromRows, type SampleTable } from '../table.js';

const REGIONS = ['north', 'south', 'east', 'west'] as const;
const CITIES: Record<string, string[]> = {
  north: ['Oslo', 'Bergen', 'Tromso'],
  south: ['Seville', 'Malaga'],
  east: ['Riga', 'Tallinn', 'Vilnius'],
  west: ['Porto', 'Lisbon'],
};
const PLANS = ['free', 'basic', 'pro', 'team'] as const;
const DAY = 86_400_000;

/** A table of `rows` customers with strong categorical and mixed dependences. */
export function mixedTable(rows: number, seed = 1): SampleTable {
  const rng = new Rng().seed(seed, 0);
  const data: CellValue[][] = [];
  for (let i = 0; i < rows; i++) {
    const region = REGIONS[rng.below(4)]!;
    const city = rng.pick(CITIES[region]!);
    const age = 18 + rng.below(60);
    const band = age < 30 ? 0 : age < 50 ? 1 : 2;
    // The plan is a non-monotone function of (band, region) with a little noise.
    const plan = rng.chance(0.85) ? PLANS[(band * 2 + REGIONS.indexOf(region)) % 4]! : PLANS[rng.below(4)]!;
    const income = Math.round((20_000 + PLANS.indexOf(plan) * 15_000 + rng.normal() * 4000) / 10) * 10;
    const score = rng.chance(0.1) ? null : Number((rng.float() * 5).toFixed(1));
    const signup = new Date(Date.UTC(2024, 0, 1) - (age - 18) * 30 * DAY - rng.below(365) * DAY)
      .toISOString()
      .slice(0, 10);
    data.push([region, city, age, plan, income, score, signup, rng.chance(0.5)]);
  }
  return tableFromRows(
    'customers',
    [
      { name: 'region', type: 'string' },
      { name: 'city', type: 'string' },
      { name: 'age', type: 'integer' },
      { name: 'plan', type: 'string' },
      { name: 'income', type: 'integer' },
      { name: 'score', type: 'number' },
      { name: 'signup', type: 'date' },
      { name: 'newsletter', type: 'boolean' },
    ],
    data,
  );
}

/** The values of a column by name. */
export const valuesOf = (t: SampleTable, name: string): CellValue[] =>
  t.columns.find((c) => c.name === name)!.values;
