/**
 * @module PII values of synthesis: card numbers read as integers stay Luhn-valid cards an integer
 * represents exactly; typed columns never turn into text when avoiding real values.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { luhnCheckDigit } from '../../values/checksums.js';
import { Rng } from '../../random/index.js';
import { LocaleData } from '../../values/index.js';
import { isPaymentCard } from '../pii/index.js';
import { tableFromRows } from '../table.js';
import { piiValues, sexOfCell } from './pii.js';
import { generateSyntheticData } from './synthesize.js';
import { valuesOf } from './testing.js';

/** `n` Luhn-valid 16-digit Visa numbers as integers. */
function cards(n: number, seed: number): number[] {
  const rng = new Rng().seed(seed, 0);
  return Array.from({ length: n }, () => {
    let body = '4';
    for (let i = 0; i < 14; i++) body += String(rng.below(10));
    return Number(body + luhnCheckDigit(body));
  });
}

test('card numbers read as integers are synthesized as Luhn-valid cards within 2^53', () => {
  const real = cards(40, 1);
  const sample = tableFromRows(
    'cards',
    [
      { name: 'id', type: 'integer' },
      { name: 'card', type: 'integer' },
      { name: 'segment', type: 'string' },
    ],
    real.map((c, i) => [i + 1, c, i % 3 === 0 ? 'gold' : 'basic']),
  );
  const [syn] = generateSyntheticData([sample], {
    seed: 2,
    rows: 500,
    pii: [{ table: 'cards', column: 'card', kind: 'payment_card' }],
  });
  const got = valuesOf(syn!, 'card');
  const realSet = new Set(real);
  for (const v of got) {
    assert.equal(typeof v, 'number', `card ${String(v)} is not a number`);
    assert.ok(Number.isSafeInteger(v), `card ${String(v)} is beyond 2^53`);
    assert.ok(isPaymentCard(String(v)), `card ${String(v)} fails Luhn or issuer prefix`);
    assert.ok(!realSet.has(v as number), `card ${String(v)} is a real one`);
  }
});

test('integer PII keeps its digit count, exact, and never a real value', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: 99 }), { minLength: 2, maxLength: 30 }),
      fc.integer(),
      (ids, seed) => {
        // Two-digit numbers: few enough that draws collide with real ones and reach the fallback.
        const real = ids.map((v) => 10 + (v % 90));
        const out = piiValues(
          'national_id',
          't.n',
          'integer',
          real,
          real.map(() => true),
          seed,
        );
        const realSet = new Set(real);
        for (const v of out) {
          assert.ok(Number.isSafeInteger(v), `${String(v)} is not an exact integer`);
          assert.ok(!realSet.has(v as number), `${String(v)} is real`);
        }
      },
    ),
    { numRuns: 50 },
  );
  // Values a reader already rounded (beyond 2^53), as a CSV reader gives them.
  const big = [Number('12345678901234567890'), Number('98765432109876543210')];
  for (const v of piiValues('national_id', 't.n', 'integer', big, [true, true, true], 3)) {
    assert.ok(Number.isSafeInteger(v), `${String(v)} is beyond 2^53`);
  }
});

test('typed dates avoid real values by moving a day, not by turning into text', () => {
  const real = ['2000-01-01', '2000-01-02', '2000-01-03'];
  const out = piiValues('date_of_birth', 't.d', 'date', real, Array(200).fill(true), 4);
  for (const v of out) {
    assert.match(String(v), /^\d{4}-\d{2}-\d{2}$/);
    assert.ok(!real.includes(String(v)), `${String(v)} is real`);
  }
});

test("names follow the synthetic row's sex: a male row never gets a female-only first name", () => {
  const raw = LocaleData.for('en').raw('person.first_name') as { female: string[]; male: string[] };
  const femaleOnly = new Set(raw.female.filter((n) => !raw.male.includes(n)));
  const maleOnly = new Set(raw.male.filter((n) => !raw.female.includes(n)));
  const rows = Array.from({ length: 400 }, (_, i) => [
    i % 2 === 0 ? 'female' : 'male',
    `${raw.female[i % 50]!} Realname${i}`,
    i % 7,
    150 + ((i * 37) % 100) / 2,
  ]);
  const sample = tableFromRows(
    'athletes',
    [
      { name: 'sex', type: 'string' },
      { name: 'name', type: 'string' },
      { name: 'gold', type: 'integer' },
      { name: 'height', type: 'number' },
    ],
    rows,
  );
  const [out] = generateSyntheticData([sample], {
    rows: 300,
    seed: 5,
    pii: [{ table: 'athletes', column: 'name', kind: 'person_name' }],
  });
  const sex = valuesOf(out!, 'sex');
  const names = valuesOf(out!, 'name');
  let checked = 0;
  for (let i = 0; i < names.length; i++) {
    // A full name may carry a prefix ("Mrs."): its given name is the first word with a capital after it.
    const given = String(names[i])
      .split(' ')
      .find((w) => femaleOnly.has(w) || maleOnly.has(w));
    if (given === undefined) continue;
    checked++;
    if (sex[i] === 'male') assert.ok(!femaleOnly.has(given), `${String(names[i])} on a male row`);
    if (sex[i] === 'female') assert.ok(!maleOnly.has(given), `${String(names[i])} on a female row`);
  }
  assert.ok(checked > 100, `only ${checked} names were checkable`);
});

test('sex cells read as the generator sex', () => {
  assert.equal(sexOfCell('Female'), 'female');
  assert.equal(sexOfCell('W'), 'female');
  assert.equal(sexOfCell('male'), 'male');
  assert.equal(sexOfCell('M'), 'male');
  assert.equal(sexOfCell('other'), undefined);
  assert.equal(sexOfCell(null), undefined);
  assert.equal(sexOfCell(1), undefined);
});
