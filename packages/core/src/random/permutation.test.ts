import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Permutation } from './permutation.js';

test('a permutation maps [0, n) onto itself without collisions', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer(), (n, seed) => {
      const p = new Permutation(n, seed >>> 0);
      const seen = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        const v = p.at(i);
        assert.ok(v >= 0 && v < n);
        assert.equal(seen[v], 0);
        seen[v] = 1;
      }
    }),
    { numRuns: 60 },
  );
});

test('reseeding gives a different permutation of the same size', () => {
  const p = new Permutation(1000, 1);
  const a = Array.from({ length: 20 }, (_, i) => p.at(i));
  p.reseed(2);
  const b = Array.from({ length: 20 }, (_, i) => p.at(i));
  assert.notDeepEqual(a, b);
});

test('large domains stay in range', () => {
  const p = new Permutation(2 ** 52, 7);
  for (const i of [0, 1, 2 ** 32, 2 ** 52 - 1]) {
    const v = p.at(i);
    assert.ok(Number.isSafeInteger(v) && v >= 0 && v < 2 ** 52);
  }
});
