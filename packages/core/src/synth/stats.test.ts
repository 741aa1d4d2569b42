/**
 * @module The association measures against values worked out by hand: Spearman with ties,
 * Cramer's V of perfect and independent tables, quantile cuts and bins, and dependence captured.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  associationError,
  binOf,
  cramersV,
  dependenceCaptured,
  quantileCuts,
  ranks,
  realAssociations,
  spearman,
} from './stats.js';
import { tableFromRows } from './table.js';

test('ranks average ties', () => {
  assert.deepEqual([...ranks(Float64Array.from([10, 20, 20, 5]))], [2, 3.5, 3.5, 1]);
});

test('Spearman: monotone is 1, reversed is -1, missing values are skipped', () => {
  assert.equal(spearman([1, 2, 3, 4], [1, 4, 9, 16]), 1);
  assert.equal(spearman([1, 2, 3, 4], [4, 3, 2, 1]), -1);
  assert.equal(spearman([1, null, 3, 4, 5], [2, 100, 6, null, 10]), 1);
  // Worked by hand: ranks x = 1..5, y = 2,1,4,3,5 -> rho = 1 - 6*4/(5*24) = 0.8.
  assert.ok(Math.abs(spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5]) - 0.8) < 1e-12);
  assert.equal(spearman([1, 1, 1], [1, 2, 3]), 0);
  assert.equal(spearman(['2020-01-01', '2021-01-01', '2022-01-01'], [3, 2, 1]), -1);
});

test("Cramer's V: a function of the other column is 1, a balanced independent table is 0", () => {
  assert.equal(cramersV(['a', 'a', 'b', 'b'], ['x', 'x', 'y', 'y']), 1);
  assert.equal(cramersV(['a', 'a', 'b', 'b'], ['x', 'y', 'x', 'y']), 0);
  assert.equal(cramersV(['a', 'a', 'a'], ['x', 'y', 'z']), 0);
  // 2x2 with counts [[3,1],[1,3]]: chi2 = 2, n = 8 -> V = 0.5.
  const a = ['p', 'p', 'p', 'p', 'q', 'q', 'q', 'q'];
  const b = ['x', 'x', 'x', 'y', 'x', 'y', 'y', 'y'];
  assert.ok(Math.abs(cramersV(a, b) - 0.5) < 1e-12);
});

test("Cramer's V stays within [0, 1]", () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.constantFrom('x', 'y', 'z', 'w')), {
        maxLength: 60,
      }),
      (pairs) => {
        const v = cramersV(
          pairs.map((p) => p[0]),
          pairs.map((p) => p[1]),
        );
        return v >= 0 && v <= 1;
      },
    ),
  );
});

test('quantile cuts split the data evenly and binOf places values', () => {
  const xs = Array.from({ length: 100 }, (_, i) => i);
  const cuts = quantileCuts(xs, 10);
  assert.deepEqual(cuts, [10, 20, 30, 40, 50, 60, 70, 80, 90]);
  assert.equal(binOf(cuts, 0), 0);
  assert.equal(binOf(cuts, 10), 1);
  assert.equal(binOf(cuts, 95), 9);
  assert.deepEqual(quantileCuts([1, 1, 1, 1], 10), [1]);
});

test('dependence captured compares a table with the independent baseline', () => {
  const cols = [
    { name: 'x', type: 'integer' as const },
    { name: 'y', type: 'integer' as const },
    { name: 'c', type: 'string' as const },
  ];
  const rows = Array.from({ length: 200 }, (_, i) => [i, 2 * i, i < 100 ? 'lo' : 'hi']);
  const real = tableFromRows('t', cols, rows);
  const pairs = realAssociations(real);
  assert.equal(pairs.length, 3);
  assert.ok(pairs.every((p) => p.real > 0.9));
  assert.equal(associationError(pairs, real), 0);
  const shuffled = tableFromRows(
    't',
    cols,
    rows.map((r, i) => [r[0]!, rows[(i * 7919) % 200]![1]!, rows[(i * 104729) % 200]![2]!]),
  );
  const eInd = associationError(pairs, shuffled);
  assert.ok(eInd > 0.5);
  assert.equal(dependenceCaptured(0, eInd), 1);
  assert.equal(dependenceCaptured(eInd, eInd), 0);
});
