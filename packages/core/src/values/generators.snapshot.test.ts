/**
 * @module Fixed-seed snapshots of every generator: the first values of each generator's DSL
 * example (plus a few option variants) must not change unnoticed, since a dataset version is a
 * recipe that has to reproduce. `UPDATE_SNAPSHOTS=1 npm test -- packages/core/src/values`
 * rewrites the committed file after an intended change.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { format, resolveConfig } from 'prettier';
import { allGenerators } from './registry.js';
import { sampleValues } from './testing/sample.js';

const FILE = join(dirname(fileURLToPath(import.meta.url)), '__snapshots__', 'generators.json');
const ROWS = 5;

/** Option variants worth pinning besides each generator's example: `name#variant` -> spec. */
const VARIANTS: Record<string, Record<string, unknown>> = {
  'person.firstName#male': { type: 'person.firstName', sex: 'male' },
  'internet.email#free': { type: 'internet.email', provider: 'free' },
  'internet.url#plain': { type: 'internet.url', protocol: 'http' },
  'internet.mac#bare': { type: 'internet.mac', separator: '' },
  'location.countryCode#alpha2': { type: 'location.countryCode' },
  'finance.iban#formatted': { type: 'finance.iban', country: 'GB', formatted: true },
  'finance.creditCardNumber#amex': { type: 'finance.creditCardNumber', issuer: 'amex', separator: '-' },
  'finance.creditCardNumber#mastercard': { type: 'finance.creditCardNumber', issuer: 'mastercard' },
  'regex#varying': { type: 'regex', pattern: '(ab|c)+[x-z]{1,3}\\.?', max: 3 },
  'string#pattern': { type: 'string', pattern: '[a-f0-9]{8}' },
  'uuid#v4': { type: 'uuid' },
};

function cases(): Record<string, Record<string, unknown>> {
  const all: Record<string, Record<string, unknown>> = {};
  for (const g of allGenerators) all[g.name] = g.example;
  return { ...all, ...VARIANTS };
}

/** Entity names from case names, stable so a value's stream does not depend on the others. */
function entityName(caseName: string): string {
  return 'e_' + caseName.replace(/[^A-Za-z0-9]/g, '_');
}

function currentValues(): Record<string, unknown> {
  const specs = cases();
  const byEntity = Object.fromEntries(Object.entries(specs).map(([k, v]) => [entityName(k), v]));
  const values = sampleValues(byEntity, { rows: ROWS, seed: 42 });
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(specs).sort()) out[k] = values[entityName(k)];
  // Through JSON, as stored: numbers, strings, objects.
  return JSON.parse(JSON.stringify(out)) as Record<string, unknown>;
}

const update = process.env['UPDATE_SNAPSHOTS'] === '1';

test('generator outputs match the committed snapshot', async () => {
  const actual = currentValues();
  if (update) {
    mkdirSync(dirname(FILE), { recursive: true });
    // Formatted as the repository's format check expects.
    const options = { ...(await resolveConfig(FILE)), filepath: FILE };
    writeFileSync(FILE, await format(JSON.stringify(actual), options));
  }
  assert.ok(existsSync(FILE), `no snapshot file ${FILE}: run with UPDATE_SNAPSHOTS=1`);
  const expected = JSON.parse(readFileSync(FILE, 'utf8')) as Record<string, unknown>;
  const changed = Object.keys(expected).filter(
    (name) => name in actual && !isDeepStrictEqual(actual[name], expected[name]),
  );
  // The first difference in full; the message names every generator that changed.
  for (const name of changed) {
    assert.deepEqual(
      actual[name],
      expected[name],
      `changed output: ${changed.join(', ')}; if intended, bump the engine version and rerun with UPDATE_SNAPSHOTS=1`,
    );
  }
});

test('every registered generator has a snapshot entry, and every entry a generator', () => {
  const expected = JSON.parse(readFileSync(FILE, 'utf8')) as Record<string, unknown>;
  const names = new Set(Object.keys(cases()));
  const missing = [...names].filter((n) => !(n in expected));
  const stale = Object.keys(expected).filter((n) => !names.has(n));
  assert.deepEqual(missing, [], `no snapshot for ${missing.join(', ')}: run with UPDATE_SNAPSHOTS=1`);
  assert.deepEqual(stale, [], `snapshot entries without a generator: ${stale.join(', ')}`);
});

test('snapshots are reproducible within one process (no hidden state between compilations)', () => {
  assert.deepEqual(currentValues(), currentValues());
});
