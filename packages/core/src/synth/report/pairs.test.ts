/**
 * @module Pair trends against hand-computed values, and the association of every pair equal to
 * synth/stats' `associationOf` (the measure the bench's E uses) on random mixed tables.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { CellValue } from '../../quality/read/index.js';
import { associationOf, pairMeasure, spearman } from '../stats.js';
import { tableFromRows } from '../table.js';
import { meanAssociationError, pairTrends } from './pairs.js';

const close = (a: number, b: number, eps = 1e-12): void => assert.ok(Math.abs(a - b) < eps, `${a} != ${b}`);
const cols = [
  { name: 'x', type: 'number' as const },
  { name: 'y', type: 'integer' as const },
  { name: 'c', type: 'string' as const },
];

test('CorrelationSimilarity: 1 - |rho_real - rho_data| / 2', () => {
  const real = tableFromRows('t', cols, [
    [1, 1, 'a'],
    [2, 2, 'a'],
    [3, 3, 'b'],
    [4, 4, 'b'],
  ]);
  const data = tableFromRows('t', cols, [
    [1, 4, 'a'],
    [2, 3, 'b'],
    [3, 2, 'a'],
    [4, 1, 'b'],
  ]);
  const [xy, xc, yc] = pairTrends(real, data);
  assert.equal(xy!.metric, 'CorrelationSimilarity');
  close(xy!.score, 0); // rho 1 vs -1
  assert.equal(xy!.realCorrelation, 1);
  assert.equal(xy!.dataCorrelation, -1);
  // x cut at the real quantiles [2, 3, 4] -> bins 0..3, one row each in both tables; c differs:
  // real cells (0,a) (1,a) (2,b) (3,b), data (0,a) (1,b) (2,a) (3,b): TVD = (4 x 1/4) / 2 = 1/2.
  assert.equal(xc!.metric, 'ContingencySimilarity');
  close(xc!.score, 0.5);
  close(yc!.score, 0.5);
  assert.equal(xc!.realAssociation, 1);
  close(xc!.dataAssociation, 1); // every x bin is its own row: V is 1 in both
});

test('ContingencySimilarity counts null as a category', () => {
  const two = [
    { name: 'a', type: 'string' as const },
    { name: 'b', type: 'boolean' as const },
  ];
  const real = tableFromRows('t', two, [
    ['p', true],
    ['p', null],
    ['q', false],
    [null, false],
  ]);
  const data = tableFromRows('t', two, [
    ['p', true],
    ['p', null],
    ['q', true],
    [null, false],
  ]);
  // One cell of four moves from (q,false) to (q,true): TVD = 1/4.
  close(pairTrends(real, data)[0]!.score, 0.75);
});

const cell = (type: 'number' | 'string' | 'date'): fc.Arbitrary<CellValue> =>
  type === 'number'
    ? fc.oneof(fc.integer({ min: 0, max: 9 }), fc.constant(null))
    : type === 'date'
      ? fc.oneof(fc.constantFrom('2020-01-01', '2021-06-30', '2022-12-31'), fc.constant(null))
      : fc.oneof(fc.constantFrom('a', 'b', 'c'), fc.constant(null));

const mixed = [
  { name: 'n', type: 'number' as const },
  { name: 's', type: 'string' as const },
  { name: 'd', type: 'date' as const },
  { name: 't', type: 'string' as const },
];
const rowsArb = fc.array(fc.tuple(cell('number'), cell('string'), cell('date'), cell('string')), {
  minLength: 1,
  maxLength: 40,
});

test("every pair's association equals stats' associationOf in both tables", () => {
  fc.assert(
    fc.property(rowsArb, rowsArb, (r, d) => {
      const real = tableFromRows('t', mixed, r);
      const data = tableFromRows('t', mixed, d);
      let k = 0;
      const trends = pairTrends(real, data);
      for (let a = 0; a < mixed.length; a++) {
        for (let b = a + 1; b < mixed.length; b++) {
          const m = pairMeasure(real, a, b);
          close(trends[k]!.realAssociation, associationOf(real, m), 1e-9);
          close(trends[k]!.dataAssociation, associationOf(data, m), 1e-9);
          k++;
        }
      }
    }),
  );
});

test('Spearman from ranks cached per complete column equals stats.spearman', () => {
  const two = [
    { name: 'a', type: 'number' as const },
    { name: 'b', type: 'integer' as const },
    { name: 'c', type: 'number' as const },
  ];
  const num = fc.integer({ min: -4, max: 4 });
  const arb = fc.array(fc.tuple(num, num, fc.oneof(num, fc.constant(null))), { minLength: 0, maxLength: 40 });
  fc.assert(
    fc.property(arb, arb, (r, d) => {
      const real = tableFromRows('t', two, r);
      const data = tableFromRows('t', two, d);
      const trends = pairTrends(real, data);
      [
        [0, 1],
        [0, 2],
        [1, 2],
      ].forEach(([a, b], k) => {
        close(
          trends[k]!.realCorrelation!,
          spearman(real.columns[a!]!.values, real.columns[b!]!.values),
          1e-9,
        );
        close(
          trends[k]!.dataCorrelation!,
          spearman(data.columns[a!]!.values, data.columns[b!]!.values),
          1e-9,
        );
      });
    }),
  );
});

test('E averages |real - data| over pairs with real association >= 0.1', () => {
  const p = (real: number, data: number) => ({
    columns: ['a', 'b'] as [string, string],
    metric: 'ContingencySimilarity' as const,
    score: 1,
    realAssociation: real,
    dataAssociation: data,
    realCorrelation: null,
    dataCorrelation: null,
  });
  assert.deepEqual(meanAssociationError([p(0.5, 0.3), p(0.05, 0.9), p(0.1, 0.2)]), {
    error: (0.2 + 0.1) / 2,
    pairs: 2,
  });
  assert.deepEqual(meanAssociationError([p(0.05, 0.9)]), { error: null, pairs: 0 });
});
