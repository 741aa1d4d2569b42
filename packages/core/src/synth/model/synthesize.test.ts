/**
 * @module Synthesis of one table: determinism, what synthetic values may be (bounds, steps,
 * decimals, date shapes, missing shares, no invented categories), PII never replayed, keys new
 * and unique, and coded errors for bad options.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TdmError } from '../../errors/index.js';
import type { CellValue } from '../../quality/read/index.js';
import { tableFromRows } from '../table.js';
import { fitSynthesizer, generateSyntheticData } from './synthesize.js';
import { mixedTable, valuesOf } from './testing.js';
import { SYNTHESIS_METHODS } from './options.js';

const real = mixedTable(1500);
const nullShare = (vs: readonly CellValue[]): number => vs.filter((v) => v === null).length / vs.length;

test('the same seed gives the same tables; another seed gives others', () => {
  for (const method of SYNTHESIS_METHODS) {
    const a = generateSyntheticData([real], { seed: 5, rows: 300, method });
    const b = generateSyntheticData([real], { seed: 5, rows: 300, method });
    const c = generateSyntheticData([real], { seed: 6, rows: 300, method });
    assert.deepEqual(a, b, method);
    assert.notDeepEqual(a, c, method);
  }
});

test('a fitted model samples the same rows again for the same seed', () => {
  const model = fitSynthesizer([real], { seed: 2 });
  assert.deepEqual(model.sample(200, 9), model.sample(200, 9));
  assert.equal(model.sample(50).tables[0]!.rows, 50);
});

test('values keep bounds, steps, decimals, date shape and types; categories are never invented', () => {
  for (const method of SYNTHESIS_METHODS) {
    const [syn] = generateSyntheticData([real], { seed: 3, method });
    assert.equal(syn!.rows, real.rows);
    for (const c of real.columns) {
      const got = valuesOf(syn!, c.name).filter((v) => v !== null);
      const present = c.values.filter((v) => v !== null);
      if (c.type === 'string' || c.type === 'boolean') {
        const known = new Set(present);
        for (const v of got) assert.ok(known.has(v), `${method} ${c.name}: invented ${String(v)}`);
        continue;
      }
      const nums = present.map((v) => (c.type === 'date' ? Date.parse(String(v)) : Number(v)));
      const [lo, hi] = [Math.min(...nums), Math.max(...nums)];
      for (const v of got) {
        const x: number = c.type === 'date' ? Date.parse(String(v)) : Number(v);
        assert.ok(x >= lo && x <= hi, `${method} ${c.name}: ${String(v)} outside [${lo}, ${hi}]`);
        if (c.type === 'date') assert.match(String(v), /^\d{4}-\d{2}-\d{2}$/);
        if (c.name === 'income') assert.equal(x % 10, 0, `income ${x} off its step of 10`);
        if (c.name === 'age') assert.ok(Number.isInteger(x));
        if (c.name === 'score') assert.equal(Number(x.toFixed(1)), x, `score ${x} has more than 1 decimal`);
      }
    }
  }
});

test('missing values keep their share', () => {
  const [syn] = generateSyntheticData([real], { seed: 4 });
  const want = nullShare(valuesOf(real, 'score'));
  assert.ok(Math.abs(nullShare(valuesOf(syn!, 'score')) - want) < 0.03);
  assert.equal(nullShare(valuesOf(syn!, 'region')), 0);
});

test('PII columns hold generated values, never a real one, unique where the real column was', () => {
  const people = tableFromRows(
    'people',
    [
      { name: 'person_id', type: 'integer' },
      { name: 'email', type: 'string' },
      { name: 'full_name', type: 'string' },
      { name: 'zip', type: 'string' },
      { name: 'plan', type: 'string' },
      { name: 'income', type: 'integer' },
    ],
    real.columns[0]!.values.map((_, i) => [
      1000 + i * 7,
      i % 10 === 0 ? null : `user${i}@example.com`,
      `Person ${i % 400}`,
      String(10000 + ((i * 37) % 90000)).padStart(5, '0'),
      valuesOf(real, 'plan')[i]!,
      valuesOf(real, 'income')[i]!,
    ]),
  );
  const pii = [
    { table: 'people', column: 'email', kind: 'email' as const },
    { table: 'people', column: 'full_name', kind: 'person_name' as const },
    { table: 'people', column: 'zip', kind: 'postal_code' as const },
  ];
  const [syn] = generateSyntheticData([people], { seed: 1, pii, rows: 2000 });
  for (const { column } of pii) {
    const realSet = new Set(valuesOf(people, column));
    const got = valuesOf(syn!, column);
    for (const v of got) if (v !== null) assert.ok(!realSet.has(v), `${column}: replayed ${String(v)}`);
  }
  const emails = valuesOf(syn!, 'email').filter((v) => v !== null);
  assert.equal(new Set(emails).size, emails.length, 'emails were unique in the sample');
  for (const e of emails) assert.match(String(e), /^[^@\s]+@[^@\s]+\.[a-z]+$/i);
  assert.ok(Math.abs(nullShare(valuesOf(syn!, 'email')) - 0.1) < 0.03);
  for (const z of valuesOf(syn!, 'zip')) assert.match(String(z), /^\d{5}$/);
  const ids = valuesOf(syn!, 'person_id');
  assert.equal(new Set(ids).size, ids.length, 'keys are unique');
});

test('bad options are coded errors naming the option', () => {
  const bad = (options: Parameters<typeof generateSyntheticData>[1], message: RegExp): void => {
    assert.throws(
      () => generateSyntheticData([real], options),
      (e: unknown) => e instanceof TdmError && e.code === 'SYNTH_OPTIONS_INVALID' && message.test(e.message),
    );
  };
  bad({ rows: -1 }, /^rows must be a non-negative integer, got -1$/);
  bad({ rows: { orders: 3 } }, /^rows\.orders: unknown table "orders"$/);
  bad({ method: 'gan' as never }, /^method: unknown method "gan"$/);
  bad(
    { pii: [{ table: 'customers', column: 'mail', kind: 'email' }] },
    /^pii\[0\]: table "customers" has no column "mail"$/,
  );
  bad({ privacy: { minDistance: 2 } }, /^privacy\.minDistance must be "auto" or within \[0, 1\], got 2$/);
  bad(
    { privacy: { minDistance: 'near' as never } },
    /^privacy\.minDistance must be "auto" or within \[0, 1\], got near$/,
  );
  assert.throws(() => generateSyntheticData([], {}), { code: 'SYNTH_OPTIONS_INVALID' });
});

test('an aborted signal stops sampling with a coded error', () => {
  const controller = new AbortController();
  controller.abort();
  assert.throws(() => generateSyntheticData([real], { signal: controller.signal }), {
    code: 'GENERATION_CANCELLED',
    message: 'synthesis of "customers" was cancelled',
  });
});

test('edge tables: one column, an all-missing column, zero rows asked, keys only', () => {
  const odd = tableFromRows(
    'odd',
    [
      { name: 'id', type: 'integer' },
      { name: 'empty', type: 'number' },
      { name: 'when', type: 'timestamp' },
    ],
    Array.from({ length: 30 }, (_, i) => [
      i + 1,
      null,
      `2024-01-${String(1 + (i % 28)).padStart(2, '0')}T0${i % 10}:30:00Z`,
    ]),
  );
  for (const method of SYNTHESIS_METHODS) {
    const [syn] = generateSyntheticData([odd], { seed: 1, method, rows: 40 });
    assert.equal(syn!.rows, 40);
    assert.ok(valuesOf(syn!, 'empty').every((v) => v === null));
    for (const v of valuesOf(syn!, 'when')) assert.match(String(v), /^2024-01-\d\dT\d\d:\d\d:00Z$/);
    assert.equal(new Set(valuesOf(syn!, 'id')).size, 40);
    assert.equal(generateSyntheticData([odd], { seed: 1, method, rows: 0 })[0]!.rows, 0);
  }
  const keysOnly = tableFromRows('k', [{ name: 'id', type: 'string' }], [['a1'], ['a2'], ['a3']]);
  // Keys in the real format, numbered past the real ones (a1..a3 are not reused).
  assert.deepEqual(valuesOf(generateSyntheticData([keysOnly], { rows: 2 })[0]!, 'id'), ['a4', 'a5']);
});

test('typed dates of birth are new dates near real ones, never a real one', () => {
  const [syn] = generateSyntheticData([real], {
    seed: 8,
    pii: [{ table: 'customers', column: 'signup', kind: 'date_of_birth' }],
  });
  const realDates = valuesOf(real, 'signup').map(String);
  const [lo, hi] = [realDates.reduce((a, b) => (a < b ? a : b)), realDates.reduce((a, b) => (a > b ? a : b))];
  const taken = new Set(realDates);
  for (const v of valuesOf(syn!, 'signup')) {
    assert.match(String(v), /^\d{4}-\d{2}-\d{2}$/);
    assert.ok(!taken.has(String(v)) && String(v) >= lo && String(v) <= hi, `${String(v)}`);
  }
});
