import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openDataset } from '../../quality/read/index.js';
import { generateCsv } from '../../quality/testing/generated.js';
import { validateSchema } from '../../validate/validate-schema.js';
import { detectPii } from '../pii/index.js';
import { tableFromRows } from '../table.js';
import { analyzePatternsFromSample } from './analyze.js';
import { fitDistribution } from './fit.js';
import { shapeRegex } from './shape-regex.js';
import { patternsToSchema } from './to-schema.js';

const VEGA = new URL('../../../../../node_modules/vega-datasets/data/', import.meta.url).pathname;
const NOW = Date.parse('2026-01-01T00:00:00Z');

/** Profiles files, emits the schema, checks it, generates up to `cap` rows a table and profiles those. */
async function roundTrip(files: string[], cap = 300) {
  const src = await openDataset(files.map((f) => VEGA + f));
  const patterns = await analyzePatternsFromSample(src);
  const schema = patternsToSchema(patterns, { pii: await detectPii(src) });
  const result = validateSchema(schema);
  assert.deepEqual(result.problems, [], files.join(','));
  for (const t of patterns.tables) assert.equal(schema.entities[t.name]!.count, t.rows);
  for (const e of Object.values(schema.entities)) e.count = Math.min(e.count as number, cap);
  const generated = await generateCsv(JSON.stringify(schema), NOW);
  try {
    return { patterns, schema, again: await analyzePatternsFromSample(await generated.open()) };
  } finally {
    await generated.remove();
  }
}

test('vega samples: the emitted schema validates, generates, and keeps types and null rates', async () => {
  for (const files of [
    ['cars.json'],
    ['penguins.json'],
    ['movies.json'],
    ['seattle-weather.csv'],
    ['zipcodes.csv'],
  ]) {
    const { patterns, again } = await roundTrip(files);
    const real = patterns.tables[0]!;
    const syn = again.tables[0]!;
    assert.equal(syn.rows, Math.min(300, real.rows));
    for (const c of real.columns) {
      const s = syn.columns.find((x) => x.name === c.name)!;
      assert.ok(s, `${files[0]}.${c.name} generated`);
      if (c.type !== 'string') assert.equal(s.type, c.type, `${files[0]}.${c.name} type`);
      assert.ok(
        Math.abs(s.nullShare - c.nullShare) < 0.12,
        `${files[0]}.${c.name} nulls ${s.nullShare} vs ${c.nullShare}`,
      );
      if (c.numeric && s.numeric && c.type !== 'date') {
        assert.ok(
          s.numeric.min >= c.numeric.min && s.numeric.max <= c.numeric.max,
          `${files[0]}.${c.name} range`,
        );
      }
    }
  }
});

test('multi-table: keys and references survive into the schema and the generated data', async () => {
  const { schema, again } = await roundTrip(['airports.csv', 'flights-airport.csv']);
  assert.equal(schema.entities.airports!.fields.iata!.primaryKey, true);
  assert.deepEqual(schema.entities['flights-airport']!.fields.origin, { ref: 'airports.iata' });
  assert.deepEqual(schema.entities['flights-airport']!.primaryKey, ['origin', 'destination']);
  const fk = again.foreignKeys.find((f) => f.from.column === 'destination');
  assert.equal(fk?.to.column, 'iata');
  assert.equal(fk?.coverage, 1);
});

test('PII columns get generators of their kind and no real value reaches the schema', async () => {
  const people = ['Jane Doe', 'John Smith', 'Maria Garcia', 'Peter Jones', 'Anna Schmidt', 'Paul Martin'];
  const rows = Array.from({ length: 60 }, (_, i) => {
    const name = people[i % 6]!;
    const [first, last] = name.split(' ') as [string, string];
    return [
      i + 1,
      name,
      `${first.toLowerCase()}.${last.toLowerCase()}${i}@mail.example.org`,
      `+31 6 ${String(10000000 + i * 7919).slice(0, 8)}`,
      i % 3 === 0 ? 'gold' : 'basic',
      `${10 + (i % 80)} Baker Street`,
    ];
  });
  const table = tableFromRows(
    'customers',
    ['id', 'full_name', 'email', 'phone', 'tier', 'street'].map((name, i) => ({
      name,
      type: i === 0 ? ('integer' as const) : ('string' as const),
    })),
    rows,
  );
  const pii = await detectPii([table]);
  const schema = patternsToSchema(await analyzePatternsFromSample([table]), { pii });
  const f = schema.entities.customers!.fields;
  assert.deepEqual(f.id, { type: 'integer', sequence: 1, primaryKey: true });
  assert.equal(f.full_name!.type, 'person.fullName');
  assert.deepEqual(f.email, { type: 'internet.email', unique: true });
  assert.equal(f.phone!.type, 'phone.number');
  assert.equal(f.street!.type, 'location.streetAddress');
  assert.deepEqual(f.tier, { type: 'enum', values: { basic: 40, gold: 20 } });
  const text = JSON.stringify(schema);
  for (const r of rows) for (const v of r.slice(1, 4)) assert.ok(!text.includes(String(v)), `${v} leaked`);
  assert.equal(validateSchema(schema).valid, true);
});

test('numbers: small integer sets are weighted, decimals keep their scale', async () => {
  const rows = Array.from({ length: 400 }, (_, i) => [
    (i % 4) + 1,
    Math.round(Math.exp(2 + Math.sin(i) * 1.2) * 100) / 100,
    Math.round(50 + 10 * Math.sin(i * 1.7) * Math.cos(i * 0.3) * 1000) / 1000,
  ]);
  const t = tableFromRows(
    't',
    [
      { name: 'stars', type: 'integer' },
      { name: 'amount', type: 'number' },
      { name: 'level', type: 'number' },
    ],
    rows,
  );
  const f = patternsToSchema(await analyzePatternsFromSample([t])).entities.t!.fields;
  assert.deepEqual(f.stars, {
    type: 'integer',
    min: 1,
    max: 4,
    distribution: 'weighted',
    weights: { 1: 100, 2: 100, 3: 100, 4: 100 },
  });
  assert.equal(f.amount!.scale, 2);
  assert.equal(f.level!.scale, 3);
  assert.equal(validateSchema({ entities: { t: { count: 400, fields: f } } }).valid, true);
});

test('distribution fit: the family whose CDF is nearest the quantiles', () => {
  const grid = (q: (p: number) => number) => [0, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 1].map(q);
  const base = { histogram: { edges: [], counts: [] }, decimals: 2 };
  const uniform = { ...base, min: 0, max: 100, mean: 50, sd: 28.87, quantiles: grid((p) => 100 * p) };
  assert.equal(fitDistribution(uniform).distribution, 'uniform');
  const z = [-4, -2.326, -1.645, -0.674, 0, 0.674, 1.645, 2.326, 4];
  const normal = { ...base, min: 60, max: 140, mean: 100, sd: 10, quantiles: z.map((x) => 100 + 10 * x) };
  assert.equal(fitDistribution(normal).distribution, 'normal');
  const expo = {
    ...base,
    min: 0,
    max: 50,
    mean: 5,
    sd: 5,
    quantiles: grid((p) => Math.min(50, -5 * Math.log(1 - Math.min(p, 0.9999)))),
  };
  assert.equal(fitDistribution(expo).distribution, 'exponential');
});

test('shapes become regexes with their value space', () => {
  assert.deepEqual(shapeRegex('AA-9999'), { pattern: '[A-Z]{2}\\-[0-9]{4}', capacity: 26 * 26 * 10_000 });
  assert.deepEqual(shapeRegex('9a.'), { pattern: '[0-9][a-z]\\.', capacity: 260 });
  assert.equal(shapeRegex('Aa+ Aa+'), null);
  assert.equal(shapeRegex('email'), null);
});

test('a nullable self reference becomes a flat self ref the generator accepts', async () => {
  const rows = Array.from({ length: 30 }, (_, i) => [
    i + 1,
    i < 3 ? null : (i % 3) + 1,
    i % 2 === 0 ? 'eng' : 'ops',
  ]);
  const t = tableFromRows(
    'employees',
    [
      { name: 'id', type: 'integer' },
      { name: 'manager_id', type: 'integer' },
      { name: 'dept', type: 'string' },
    ],
    rows,
  );
  const patterns = await analyzePatternsFromSample([t]);
  assert.deepEqual(patterns.foreignKeys, [
    {
      from: { table: 'employees', column: 'manager_id' },
      to: { table: 'employees', column: 'id' },
      coverage: 1,
    },
  ]);
  const schema = patternsToSchema(patterns);
  assert.deepEqual(schema.entities.employees!.fields.manager_id, { ref: 'employees.id', nullRate: 0.1 });
  assert.deepEqual(validateSchema(schema).problems, []);
});
