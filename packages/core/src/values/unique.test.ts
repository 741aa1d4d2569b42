/**
 * @module `unique: true` by bijection: a generator with a finite value space fills it exactly
 * (count = capacity gives all distinct values); one row more is refused up front with
 * SCHEMA_UNIQUE_CAPACITY, not discovered mid-generation.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateSchema } from '../validate/index.js';
import { compileAlone, sampleField, sampleSchema } from './testing/sample.js';

/** Generators whose space is small enough to fill in a test, with their options. */
const SPACES: [string, Record<string, unknown>][] = [
  ['commerce.department', {}],
  ['lorem.word', {}],
  ['person.prefix', {}],
  ['location.countryCode', { variant: 'alpha-3' }],
  ['location.timeZone', {}],
  ['finance.currencyCode', {}],
  ['finance.creditCardCvv', {}],
  ['commerce.productName', {}],
  ['regex', { pattern: '[A-C]\\d-[xy]' }],
  ['string', { minLength: 3, maxLength: 3, charset: 'hex' }],
  ['internet.ipv4', { cidr: '10.1.0.0/22' }],
  ['commerce.price', { min: 1, max: 20, scale: 1 }],
];

for (const [type, options] of SPACES) {
  test(`${type}: count = capacity gives distinct values; one more is SCHEMA_UNIQUE_CAPACITY`, () => {
    const capacity = compileAlone(type, options).capacity ?? 0;
    assert.ok(capacity > 1 && capacity < 100_000, `${type} capacity ${capacity}`);
    const spec = { type, ...options, unique: true };
    const values = sampleField(spec, { rows: capacity });
    assert.equal(new Set(values).size, capacity);
    const over = validateSchema(sampleSchema({ t: spec }, { rows: capacity + 1 }));
    assert.deepEqual(
      over.problems.map((p) => [p.code, p.path]),
      [['SCHEMA_UNIQUE_CAPACITY', 'entities.t.fields.value.unique']],
    );
    assert.match(over.problems[0]?.message ?? '', new RegExp(`only ${capacity} distinct values`));
  });
}

test('combos keep only entries that split back unambiguously', () => {
  const product = compileAlone('commerce.productName', {}, 'zh_CN');
  const n = product.capacity ?? 0;
  const at = product.at;
  assert.ok(at && n > 1);
  const seen = new Set(Array.from({ length: Math.min(n, 50_000) }, (_, k) => at(k, k, [])));
  assert.equal(seen.size, Math.min(n, 50_000));
});

test('large spaces (domains, catch phrases, ISBNs, MACs) stay distinct over many rows', () => {
  for (const type of [
    'internet.domainName',
    'company.catchPhrase',
    'commerce.isbn',
    'internet.mac',
    'internet.ipv6',
  ]) {
    const values = sampleField({ type, unique: true }, { rows: 20_000 });
    assert.equal(new Set(values).size, 20_000, type);
  }
});
