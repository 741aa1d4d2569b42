/**
 * @module The pieces under the models: column shapes learned from values (steps, decimals,
 * date granularity), bins that keep atoms apart, smoothing that stays between neighbours and
 * never moves an atom, the normal CDF and its inverse, and Cholesky factors.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Rng } from '../../random/index.js';
import { ColumnCodec, MAX_BINS } from './codec.js';
import { cholesky, normalCdf, normalQuantile } from './copula.js';
import { cellOf, learnShape, snap } from './format.js';

test('shapes: integer steps, decimals, date and timestamp granularity and ISO form', () => {
  const shape = (type: 'integer' | 'number' | 'date' | 'timestamp', xs: number[], raw: string[] = []) =>
    learnShape(type, Float64Array.from(xs), raw);
  assert.equal(shape('integer', [1970, 1975, 1980, 1990]).step, 5);
  assert.equal(shape('integer', [3, 4, 6, 8]).step, 1);
  assert.equal(shape('number', [1.5, 2.25, 3]).decimals, 2);
  assert.equal(snap(shape('number', [1.5, 2.25, 3]), 2.123456), 2.12);
  const day = shape('date', [Date.UTC(2020, 0, 1), Date.UTC(2020, 5, 1)]);
  assert.equal(cellOf(day, snap(day, Date.UTC(2020, 2, 3, 17))), '2020-03-04');
  const ts = shape(
    'timestamp',
    [Date.UTC(2020, 0, 1, 10), Date.UTC(2020, 0, 2, 12)],
    ['2020-01-01T10:00:00Z'],
  );
  assert.equal(ts.step, 3_600_000);
  assert.equal(cellOf(ts, snap(ts, Date.UTC(2020, 0, 1, 11, 40))), '2020-01-01T12:00:00Z');
  assert.equal(snap(ts, Date.UTC(2030, 0, 1)), Date.UTC(2020, 0, 2, 12), 'clamped to the real maximum');
});

test('bins: a heavy atom gets its own bin and the tail is still split', () => {
  const values = [...Array.from({ length: 980 }, () => 0), ...Array.from({ length: 20 }, (_, i) => 100 + i)];
  const c = new ColumnCodec('cost', 'integer', values);
  assert.equal(c.bin[0], 0);
  assert.ok(c.bin[980]! > 0, 'positive costs are not in the zero bin');
  assert.ok(new Set(c.bin.subarray(980)).size > 5, 'the tail spans several bins');
  assert.ok(c.nbins <= MAX_BINS + 1);
});

test('smoothing stays between the neighbouring distinct values and never moves an atom', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 30, maxLength: 200 }),
      fc.integer({ min: 0, max: 2 ** 31 }),
      (xs, seed) => {
        const values = [...xs, ...Array.from({ length: 10 }, () => 5)];
        const c = new ColumnCodec('v', 'integer', values);
        const rng = new Rng().seed(seed, 0);
        for (let r = 0; r < values.length; r++) {
          const y = c.drawFrom(r, rng);
          if (!Number.isInteger(y) || y < c.distinct[0]! || y > c.distinct[c.distinct.length - 1]!)
            return false;
          const k = c.rank[r]!;
          const lo = k > 0 ? c.distinct[k - 1]! : c.distinct[k]!;
          const hi = k < c.distinct.length - 1 ? c.distinct[k + 1]! : c.distinct[k]!;
          if (y < lo || y > hi) return false;
          if (c.atom[k] === 1 && y !== values[r]) return false;
        }
        return true;
      },
    ),
    { numRuns: 50 },
  );
});

test('a wider spread stays between the midpoints to the w-th distinct values either side', () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 30, maxLength: 200 }),
      fc.integer({ min: 1, max: 16 }),
      fc.integer({ min: 0, max: 2 ** 31 }),
      (xs, w, seed) => {
        const c = new ColumnCodec('v', 'number', xs);
        const d = c.distinct;
        const rng = new Rng().seed(seed, 0);
        for (let k = 0; k < d.length; k++) {
          const y = c.around(k, rng, w);
          if (c.atom[k] === 1) {
            if (y !== d[k]) return false;
            continue;
          }
          // Snapping rounds to the column's decimals: allow that much either side.
          const slack = 10 ** -c.shape!.decimals;
          const lo = k - w >= 0 ? (d[k - w]! + d[k - w + 1]!) / 2 : d[0]!;
          const hi = k + w < d.length ? (d[k + w - 1]! + d[k + w]!) / 2 : d[d.length - 1]!;
          if (y < lo - slack || y > hi + slack || y < d[0]! || y > d[d.length - 1]!) return false;
        }
        return true;
      },
    ),
    { numRuns: 50 },
  );
});

test('categories: rare labels share one bin, null is a label', () => {
  const values = [...Array.from({ length: 100 }, (_, i) => `l${i}`), null, null];
  const c = new ColumnCodec('c', 'string', values);
  assert.equal(c.nbins, MAX_BINS);
  assert.equal(c.pooledBin, MAX_BINS - 1);
  assert.equal(c.labels[c.code[100]!], null);
  assert.equal(c.bin[100], 0, 'null is the most frequent label');
});

test('normal quantile inverts the CDF', () => {
  fc.assert(
    fc.property(
      fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true }),
      (p) => Math.abs(normalCdf(normalQuantile(p)) - p) < 1e-6,
    ),
  );
  assert.ok(Math.abs(normalQuantile(0.975) - 1.959964) < 1e-5);
});

test('Cholesky factors reproduce the matrix, and a singular one gets a ridge', () => {
  const a = Float64Array.from([1, 0.5, 0.2, 0.5, 1, 0.3, 0.2, 0.3, 1]);
  const l = cholesky(a, 3);
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      let s = 0;
      for (let p = 0; p < 3; p++) s += l[i * 3 + p]! * l[j * 3 + p]!;
      assert.ok(Math.abs(s - a[i * 3 + j]!) < 1e-12);
    }
  }
  const singular = cholesky(Float64Array.from([1, 1, 1, 1]), 2);
  assert.ok(singular.every((v) => Number.isFinite(v)));
});
