/**
 * @module Column shapes against values worked out by hand: KS complement with ties and dates,
 * TV complement with null as a category, and the distributions the page plots.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { columnShape, frequencies, ksComplement, sortedNumbers, tvComplement } from './shapes.js';

const close = (a: number, b: number): void => assert.ok(Math.abs(a - b) < 1e-12, `${a} != ${b}`);

test('KS complement: hand-computed on tiny samples', () => {
  // F_real steps at 1,2,3,4 (quarters); F_data at 3,4,5,6. Largest gap at x = 2: 0.5 - 0 = 0.5.
  close(ksComplement(sortedNumbers([1, 2, 3, 4]), sortedNumbers([3, 4, 5, 6])), 0.5);
  // Ties: real {1,1,2}, data {1,2,2}: at x = 1, 2/3 vs 1/3 -> D = 1/3.
  close(ksComplement(sortedNumbers([1, 1, 2]), sortedNumbers([2, 1, 2])), 2 / 3);
  close(ksComplement(sortedNumbers([5, 6]), sortedNumbers([6, 5])), 1);
  close(ksComplement(sortedNumbers([1, 2]), sortedNumbers([3, 4])), 0);
  // Nulls and unparseable values are dropped (SDMetrics drops NaN).
  close(ksComplement(sortedNumbers([1, null, 2]), sortedNumbers([1, 2, 'x'])), 1);
  close(ksComplement(sortedNumbers([]), sortedNumbers([])), 1);
  close(ksComplement(sortedNumbers([1]), sortedNumbers([])), 0);
});

test('TV complement: hand-computed, null is a category', () => {
  // real a .5 b .5; data a .25 b .25 c .5 -> TVD = (.25 + .25 + .5) / 2 = .5.
  close(tvComplement(frequencies(['a', 'b', 'a', 'b']), frequencies(['a', 'b', 'c', 'c'])), 0.5);
  // real x 2/3, null 1/3; data x 1/3, null 2/3 -> TVD = 1/3.
  close(tvComplement(frequencies(['x', 'x', null]), frequencies(['x', null, null])), 2 / 3);
  close(tvComplement(frequencies([true, false]), frequencies([false, true])), 1);
  close(tvComplement(frequencies(['a']), frequencies(['b'])), 0);
});

test('columnShape picks the metric by the real type and parses dates', () => {
  const days = { name: 'd', type: 'date' as const, values: ['2020-01-01', '2020-01-02', null] };
  const same = { name: 'd', type: 'string' as const, values: ['2020-01-02', '2020-01-01', '2020-01-01'] };
  const s = columnShape(days, same);
  assert.equal(s.metric, 'KSComplement');
  // real {d1, d2}, data {d1, d1, d2}: at d1, 1/2 vs 2/3 -> D = 1/6.
  close(s.score, 5 / 6);
  assert.equal(s.distribution.kind, 'histogram');
  assert.equal(s.distribution.unit, 'epochMs');
  close(s.realNullShare, 1 / 3);
  const cat = columnShape(
    { name: 'c', type: 'string', values: ['a', 'a', 'b', null] },
    { name: 'c', type: 'string', values: ['a', 'b', 'b', 'z'] },
  );
  assert.equal(cat.metric, 'TVComplement');
  // real a .5 b .25 null .25; data a .25 b .5 z .25 -> TVD = (.25 + .25 + .25 + .25) / 2 = .5.
  close(cat.score, 0.5);
  assert.deepEqual(cat.distribution.labels, ['a', 'b', '(other)']);
  // Shares of non-null values: real a 2/3 b 1/3; data a 1/4 b 1/2, other (z) 1/4.
  close(cat.distribution.real[0]!, 2 / 3);
  close(cat.distribution.data[2]!, 0.25);
});
