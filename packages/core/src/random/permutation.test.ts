import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { mix32 } from './hash.js';
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

test('small and large domains walk the same way (the int32 fast path changes no output)', () => {
  // A reference implementation of the float walk used for domains of 2^30 and more.
  const reference = (size: number, seed: number, i: number): number => {
    let bits = 2;
    while (2 ** bits < size) bits += 2;
    const half = 2 ** (bits / 2);
    const keys = Array.from({ length: 4 }, (_, r) => mix32((seed ^ Math.imul(r + 1, 0x9e3779b9)) >>> 0));
    let x = i;
    do {
      let left = Math.floor(x / half);
      let right = x - left * half;
      for (const k of keys) {
        const next = (left ^ (mix32((right ^ k) >>> 0) & (half - 1))) >>> 0;
        left = right;
        right = next;
      }
      x = left * half + right;
    } while (x >= size);
    return x;
  };
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 2 ** 30 - 1 }), fc.integer(), fc.nat(), (size, seed, i) => {
      const k = i % size;
      assert.equal(new Permutation(size, seed >>> 0).at(k), reference(size, seed >>> 0, k));
    }),
    { numRuns: 300 },
  );
});
