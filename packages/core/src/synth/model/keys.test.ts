/**
 * @module Synthetic keys: the real keys' format, distinct, and never a real key's value (an
 * overlap reads as leakage).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { makeKeys } from './keys.js';

test('C00001-style codes keep prefix and width and are numbered past the real ones', () => {
  const real = Array.from({ length: 300 }, (_, i) => `C${String(i + 1).padStart(5, '0')}`);
  const keys = makeKeys(real, 'string', 300, 1, 'customers');
  assert.equal(keys[0], 'C00301');
  assert.equal(new Set(keys).size, 300);
  const realSet = new Set(real);
  for (const k of keys) {
    assert.match(String(k), /^C\d{5}$/);
    assert.ok(!realSet.has(String(k)), `${String(k)} is a real key`);
  }
});

test('integer keys are distinct, never real, and stay within the gaps or count on past the largest', () => {
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 200 }),
      fc.integer({ min: 1, max: 400 }),
      fc.integer(),
      (real, n, seed) => {
        const keys = makeKeys(real, 'integer', n, seed, 't') as number[];
        const realSet = new Set(real);
        assert.equal(new Set(keys).size, n);
        for (const k of keys) {
          assert.ok(Number.isSafeInteger(k));
          assert.ok(!realSet.has(k), `${k} is a real key`);
          assert.ok(k > Math.min(...real), `${k} is below the real keys`);
        }
      },
    ),
    { numRuns: 100 },
  );
  // Consecutive ids have no free gap: they continue after the largest.
  assert.deepEqual(makeKeys([1, 2, 3, 4], 'integer', 3, 0, 't'), [5, 6, 7]);
});

test('keys of no recognizable format are <table>-<n>, skipping real values', () => {
  assert.deepEqual(makeKeys(['t-1', 'x', 'y'], 'string', 2, 0, 't'), ['t-2', 't-3']);
});
