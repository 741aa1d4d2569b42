/**
 * @module Data nobody here wrote: the vega-datasets npm package's public CSV, TSV and JSON files,
 * read and profiled with an inferred schema. Every expected number was checked by hand against
 * the files (Python's csv/json modules): row counts, types, null counts, keys, references.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { compileSchema } from '../../compile/index.js';
import { parseSchema, type SchemaDoc } from '../../dsl/index.js';
import { TdmError } from '../../errors/index.js';
import { inferSchema, openDataset, type DatasetSource } from './index.js';
import { collect } from './testing.js';

// The package exports only its code; its data folder sits next to build/.
const data = join(dirname(createRequire(import.meta.url).resolve('vega-datasets')), '..', 'data');
const files = (...names: string[]): string[] => names.map((n) => join(data, n));

let dataset: DatasetSource;
let schema: SchemaDoc;

test.before(async () => {
  dataset = await openDataset(
    files(
      'zipcodes.csv',
      'airports.csv',
      'stocks.csv',
      'github.csv',
      'unemployment.tsv',
      'cars.json',
      'penguins.json',
      'flights-2k.json',
      'lookup_people.csv',
      'lookup_groups.csv',
    ),
  );
  schema = await inferSchema(dataset);
});

const entity = (name: string) => dataset.entities.find((e) => e.name === name)!;
const types = (name: string): Record<string, string> =>
  Object.fromEntries(entity(name).columns.map((c) => [c.name, c.type]));

test('row counts match the files', async () => {
  const counts: Record<string, number> = {};
  for (const e of dataset.entities) counts[e.name] = (await collect(e.batches())).length;
  assert.deepEqual(counts, {
    zipcodes: 42049,
    airports: 3376,
    stocks: 560,
    github: 955,
    unemployment: 3218,
    cars: 406,
    penguins: 344,
    'flights-2k': 2000,
    lookup_people: 9,
    lookup_groups: 9,
  });
  const read = new Map(Object.entries(counts));
  for (const [name, e] of Object.entries(schema.entities)) assert.equal(e.count, read.get(name), name);
});

test('column types: zip codes stay text, dates in three spellings, TSV numbers', async () => {
  assert.deepEqual(types('zipcodes'), {
    zip_code: 'string',
    latitude: 'number',
    longitude: 'number',
    city: 'string',
    state: 'string',
    county: 'string',
  });
  const [first] = await collect(entity('zipcodes').batches());
  assert.deepEqual(first, ['00501', 40.922326, -72.637078, 'Holtsville', 'NY', 'Suffolk']);
  // "Jan 1 2000", "2015/01/01 01:00:00", "2001/01/01 06:55" -> ISO text.
  assert.equal(types('stocks').date, 'date');
  assert.deepEqual((await collect(entity('stocks').batches()))[0], ['MSFT', '2000-01-01', 39.81]);
  assert.equal(types('github').time, 'timestamp');
  assert.deepEqual((await collect(entity('github').batches()))[0], ['2015-01-01T01:00:00Z', 2]);
  assert.equal(types('flights-2k').date, 'timestamp');
  assert.deepEqual(entity('unemployment').format, 'tsv');
  assert.deepEqual((await collect(entity('unemployment').batches()))[0], [1001, 0.097]);
  assert.deepEqual(types('cars'), {
    Name: 'string',
    Miles_per_Gallon: 'number',
    Cylinders: 'integer',
    Displacement: 'number',
    Horsepower: 'integer',
    Weight_in_lbs: 'integer',
    Acceleration: 'number',
    Year: 'date',
    Origin: 'string',
  });
});

test('inferred fields: null rates from null tokens, enums with counts, ranges', () => {
  const f = (e: string, field: string) => schema.entities[e]!.fields[field];
  // airports: 12 rows hold "NA" for city and state.
  assert.equal(f('airports', 'state')!.nullRate, 0.0036);
  // penguins: Sex is null 10 times and "." once: 11 of 344.
  assert.deepEqual(f('penguins', 'Sex'), {
    type: 'enum',
    values: { MALE: 168, FEMALE: 165 },
    nullRate: 0.032,
  });
  // cars: 8 of 406 have no Miles_per_Gallon.
  assert.deepEqual(f('cars', 'Miles_per_Gallon'), {
    type: 'decimal',
    min: 9,
    max: 46.6,
    scale: 1,
    nullRate: 0.0197,
  });
  assert.deepEqual(f('cars', 'Origin'), { type: 'enum', values: { USA: 254, Japan: 79, Europe: 73 } });
  assert.deepEqual(f('stocks', 'symbol'), {
    type: 'enum',
    values: { MSFT: 123, AMZN: 123, IBM: 123, AAPL: 123, GOOG: 68 },
  });
  assert.deepEqual(f('stocks', 'date'), { type: 'date', min: '2000-01-01', max: '2010-03-01' });
  assert.deepEqual(f('github', 'time'), {
    type: 'timestamp',
    min: '2015-01-01T01:00:00Z',
    max: '2015-05-30T11:00:00Z',
  });
});

test('keys and references detected by inclusion of values', () => {
  const f = (e: string, field: string) => schema.entities[e]!.fields[field]!;
  assert.equal(f('zipcodes', 'zip_code').primaryKey, true);
  assert.equal(f('airports', 'iata').primaryKey, true);
  assert.equal(f('unemployment', 'id').primaryKey, true);
  // Every flight's origin and destination is an airport code.
  assert.deepEqual(f('flights-2k', 'origin'), { ref: 'airports.iata' });
  assert.deepEqual(f('flights-2k', 'destination'), { ref: 'airports.iata' });
  // lookup_groups.person lists each person once: a reference to lookup_people's key, not a key.
  assert.deepEqual(f('lookup_people', 'name').primaryKey, true);
  assert.deepEqual(f('lookup_groups', 'person'), { ref: 'lookup_people.name' });
  // Small integer columns are not mistaken for references to integer ids.
  assert.equal(f('cars', 'Cylinders').ref, undefined);
});

test('the inferred schema is a valid DSL document; only free-text keys keep it from generating', () => {
  assert.deepEqual(parseSchema(schema), schema);
  // Text keys such as airport codes vary in length, and the DSL's string generator has no finite
  // value space to draw unique values from: the schema checks this data but cannot regenerate it.
  assert.throws(
    () => compileSchema(parseSchema(schema), { now: Date.UTC(2026, 0, 1) }),
    (e: unknown) => {
      assert.ok(e instanceof TdmError);
      assert.deepEqual(
        e.problems.map((p) => `${p.code} ${p.path}`),
        [
          'SCHEMA_UNIQUE_CAPACITY entities.airports.primaryKey',
          'SCHEMA_UNIQUE_CAPACITY entities.lookup_people.primaryKey',
        ],
      );
      return true;
    },
  );
});
