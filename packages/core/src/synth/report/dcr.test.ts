/**
 * @module Distance to closest record: hand-computed Gower distances, copies at distance 0, the
 * early-exit scan equal to a brute-force scan on random tables, and seeded row samples.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { CellValue } from '../../quality/read/index.js';
import { tableFromRows } from '../table.js';
import { encodeForDistance, quantile, rowDistance, sampleRows, type DistanceMatrix } from './dcr.js';
import { nearestDistances } from './nearest.js';

const cols = [
  { name: 'age', type: 'integer' as const },
  { name: 'city', type: 'string' as const },
];
const all = (n: number): Int32Array => Int32Array.from({ length: n }, (_, i) => i);

test('Gower distance: |diff| / real range for numbers, 0/1 for categories and null', () => {
  const real = tableFromRows('p', cols, [
    [20, 'Oslo'],
    [60, 'Rome'],
  ]);
  const data = tableFromRows('p', cols, [
    [30, 'Oslo'], // to row 0: (10/40 + 0) / 2 = 0.125
    [110, 'Rome'], // to row 1: (min(1, 50/40) + 0) / 2 = 0.5
    [null, 'Paris'], // to either: (1 + 1) / 2 = 1
  ]);
  const [r, d] = encodeForDistance(real, [data]);
  const { distance, nearest } = nearestDistances(d!, all(3), r!);
  assert.deepEqual([...distance], [0.125, 0.5, 1]);
  assert.deepEqual([...nearest.subarray(0, 2)], [0, 1]);
  assert.equal(rowDistance(d!, 0, r!, 1), (30 / 40 + 1) / 2);
});

test('copies of real rows are at distance 0; leave-one-out never matches a row to itself', () => {
  const real = tableFromRows('p', cols, [
    [20, 'Oslo'],
    [60, 'Rome'],
    [40, 'Oslo'],
  ]);
  const [r, copy] = encodeForDistance(real, [real]);
  assert.deepEqual([...nearestDistances(copy!, all(3), r!).distance], [0, 0, 0]);
  const loo = nearestDistances(r!, all(3), r!, { skipSelf: true });
  assert.deepEqual([...loo.nearest], [2, 2, 0]);
  assert.deepEqual([...loo.distance], [0.25, 0.75, 0.25]);
});

const rowArb = fc.tuple(
  fc.oneof(fc.integer({ min: 0, max: 50 }), fc.constant(null)),
  fc.oneof(fc.constantFrom('a', 'b', 'c', 'd'), fc.constant(null)),
  fc.oneof(fc.double({ min: -5, max: 5, noNaN: true }), fc.constant(null)),
  fc.constantFrom('x', 'y', 'z'),
  fc.boolean(),
);
const wide = [
  ...cols,
  { name: 'score', type: 'number' as const },
  { name: 'kind', type: 'string' as const },
  { name: 'flag', type: 'boolean' as const },
];
const brute = (q: DistanceMatrix, row: number, ref: DistanceMatrix, skip: number): number => {
  let best = Infinity;
  for (let x = 0; x < ref.rows; x++) if (x !== skip) best = Math.min(best, rowDistance(q, row, ref, x));
  return best === Infinity ? 0 : best;
};

test('the pruned search finds the brute-force minimum (trie, sorted leaves, nulls, leave-one-out)', () => {
  fc.assert(
    fc.property(
      fc.array(rowArb, { minLength: 1, maxLength: 60 }),
      fc.array(rowArb, { minLength: 1, maxLength: 10 }),
      fc.constantFrom(1, 2, 4, 32),
      (r, d, leafRows) => {
        const real = tableFromRows('t', wide, r as CellValue[][]);
        const data = tableFromRows('t', wide, d as CellValue[][]);
        const [rm, dm] = encodeForDistance(real, [data]);
        const found = nearestDistances(dm!, all(data.rows), rm!, { leafRows });
        for (let q = 0; q < data.rows; q++) {
          assert.ok(Math.abs(found.distance[q]! - brute(dm!, q, rm!, -1)) < 1e-12);
          assert.ok(Math.abs(rowDistance(dm!, q, rm!, found.nearest[q]!) - found.distance[q]!) < 1e-12);
        }
        const loo = nearestDistances(rm!, all(real.rows), rm!, { leafRows, skipSelf: true });
        for (let q = 0; q < real.rows; q++)
          assert.ok(Math.abs(loo.distance[q]! - brute(rm!, q, rm!, q)) < 1e-12);
      },
    ),
    { numRuns: 200 },
  );
});

test('row samples are distinct, sorted, seeded and capped at the row count', () => {
  const a = sampleRows(1000, 50, 7);
  assert.equal(a.length, 50);
  assert.equal(new Set(a).size, 50);
  assert.deepEqual(
    [...a],
    [...a].sort((x, y) => x - y),
  );
  assert.deepEqual([...sampleRows(1000, 50, 7)], [...a]);
  assert.notDeepEqual([...sampleRows(1000, 50, 8)], [...a]);
  assert.deepEqual([...sampleRows(3, 10, 1)], [0, 1, 2]);
});

test('quantile interpolates between order statistics', () => {
  const s = Float64Array.from([0, 1, 2, 3, 4]);
  assert.equal(quantile(s, 0.5), 2);
  assert.equal(quantile(s, 0.05), 0.2);
  assert.equal(quantile(new Float64Array(0), 0.5), 0);
});
