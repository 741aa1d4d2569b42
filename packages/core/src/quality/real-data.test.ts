/**
 * @module Data nobody here wrote: CSV files of the vega-datasets npm package, read by the real
 * reader, checked against a schema inferred from them (`tdm quality --infer`). The data passes its
 * own inferred rules, the profiles say what the files hold, and known defects are caught.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { defineQualityRules } from './derive.js';
import { inferSchema, openDataset } from './read/index.js';
import { withDefects } from './testing/generated.js';
import { generateQualityMetrics, validateDataQuality } from './validate.js';

const data = join(dirname(createRequire(import.meta.url).resolve('vega-datasets')), '..', 'data');
const files = [
  'seattle-weather.csv',
  'lookup_groups.csv',
  'lookup_people.csv',
  'airports.csv',
  'github.csv',
].map((f) => join(data, f));

test('real CSV files pass the rules inferred from them, with sensible profiles', async () => {
  const ds = await openDataset(files);
  const rules = defineQualityRules(await inferSchema(ds));
  assert.ok(rules.rules.some((r) => r.kind === 'foreignKey' && r.id === 'lookup_groups.person:foreignKey'));
  const report = await validateDataQuality(ds, rules, { level: 'premium' });
  assert.deepEqual(
    report.rules.filter((r) => !r.passed).map((r) => r.id),
    [],
  );
  assert.equal(report.passed, true);
  const rows = Object.fromEntries(report.entities.map((e) => [e.name, e.rows]));
  assert.deepEqual(rows, {
    airports: 3376,
    github: 955,
    lookup_groups: 9,
    lookup_people: 9,
    'seattle-weather': 1461,
  });
  const profile = (entity: string, field: string) =>
    report.profiles.find((p) => p.entity === entity && p.field === field);
  const date = profile('seattle-weather', 'date');
  assert.deepEqual(
    [date?.min, date?.max, date?.distinct, date?.nulls],
    ['2012-01-01', '2015-12-31', 1461, 0],
  );
  assert.equal(date?.histogram?.unit, 'epochMs');
  const weather = profile('seattle-weather', 'weather');
  assert.deepEqual(weather?.topValues.slice(0, 2), [
    { value: 'rain', count: 641 },
    { value: 'sun', count: 640 },
  ]);
  assert.equal(weather?.distinct, 5);
  const temp = profile('seattle-weather', 'temp_max');
  assert.deepEqual([temp?.min, temp?.max], [-1.6, 35.6]);
  assert.equal(
    temp?.histogram?.counts.reduce((a, b) => a + b, 0),
    1461,
  );
});

test('defects injected into real data are caught by the inferred rules', async () => {
  const ds = await openDataset(files);
  const rules = defineQualityRules(await inferSchema(ds));
  const report = await validateDataQuality(
    withDefects(ds, [
      { entity: 'seattle-weather', row: 100, field: 'weather', value: 'hail' },
      { entity: 'seattle-weather', row: 200, field: 'date', value: '2015-02-30' },
      { entity: 'lookup_groups', row: 2, field: 'person', value: 'Zed' },
    ]),
    rules,
    { level: 'standard' },
  );
  const failed = Object.fromEntries(
    report.rules.filter((r) => r.violations > 0).map((r) => [r.id, r.violations]),
  );
  assert.deepEqual(failed, {
    'seattle-weather.weather:domain': 1,
    'seattle-weather.date:format:date': 1,
    'seattle-weather.date:domain': 1,
    'lookup_groups.person:foreignKey': 1,
  });
  assert.equal(report.passed, false);
});

test('generateQualityMetrics(dataset) alone infers the rules and returns the six metrics', async () => {
  const metrics = await generateQualityMetrics(await openDataset(files));
  assert.deepEqual(metrics, {
    completeness: 1,
    consistency: 1,
    accuracy: 1,
    validity: 1,
    uniqueness: 1,
    businessRuleCompliance: 1,
    overall: 1,
  });
});
