/**
 * @module The bounded state behind checks and profiles: the fingerprint set behaves like a Set,
 * HyperLogLog estimates within its error, Misra-Gries keeps heavy hitters, the doubling histogram
 * counts every value inside its bins.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { detach, keep } from './detach.js';
import { FingerprintSet } from './fingerprint-set.js';
import { fingerprint, fingerprintTuple, fp, hash32 } from './hash.js';
import { FieldProfiler } from './profile.js';
import { DoublingHistogram, HeavyHitters, HyperLogLog } from './sketches.js';

test('FingerprintSet agrees with a Set on any sequence of values, through growth', () => {
  fc.assert(
    fc.property(
      fc.array(fc.oneof(fc.string(), fc.integer(), fc.double({ noNaN: true }), fc.boolean()), {
        maxLength: 3000,
      }),
      (values) => {
        const set = new FingerprintSet(4);
        const ref = new Map<string, number>();
        values.forEach((v) => {
          fingerprint(v);
          const key = `${typeof v}:${Object.is(v, -0) ? 0 : v}`;
          const got = set.add(fp.h1, fp.h2);
          const known = ref.get(key);
          if (known === undefined) {
            assert.equal(got, ref.size);
            ref.set(key, got);
          } else assert.equal(got, -1 - known);
        });
        assert.equal(set.size, ref.size);
      },
    ),
    { numRuns: 60, seed: 3 },
  );
});

test('fingerprints tell 1 from "1", ("ab","c") from ("a","bc") and "a" from "a\\0"', () => {
  const pair = (f: () => void): string => (f(), `${fp.h1}/${fp.h2}`);
  assert.notEqual(
    pair(() => fingerprint(1)),
    pair(() => fingerprint('1')),
  );
  assert.notEqual(
    pair(() => fingerprintTuple(['ab', 'c'])),
    pair(() => fingerprintTuple(['a', 'bc'])),
  );
  assert.equal(
    pair(() => fingerprint(0)),
    pair(() => fingerprint(-0)),
  );
  // Texts are fed two code units per word: an odd last unit must not pass for a pair ending in \0.
  assert.notEqual(
    pair(() => fingerprint('a')),
    pair(() => fingerprint('a\0')),
  );
  assert.notEqual(
    pair(() => fingerprintTuple(['a', 'b'])),
    pair(() => fingerprintTuple(['a\0', 'b'])),
  );
});

test('a million distinct keys: no false duplicate, 24 MiB of table', () => {
  const set = new FingerprintSet();
  let duplicates = 0;
  for (let i = 0; i < 1_000_000; i++) {
    fingerprint(`customer-${i}@example.com`);
    if (set.add(fp.h1, fp.h2) < 0) duplicates++;
  }
  assert.equal(duplicates, 0);
  assert.equal(set.bytes, 2 ** 21 * 12);
});

test('reserve grows the table once and keeps every key with its insertion index', () => {
  const set = new FingerprintSet();
  const keyOf = (i: number): [number, number] => {
    fingerprint(i);
    return [fp.h1, fp.h2];
  };
  for (let i = 0; i < 1_000; i++) set.add(...keyOf(i));
  set.reserve(100_000);
  const bytes = set.bytes;
  assert.equal(bytes, 2 ** 18 * 12, 'room for 100,000 keys at most half full');
  for (let i = 1_000; i < 100_000; i++) assert.equal(set.add(...keyOf(i)), i);
  assert.equal(set.bytes, bytes, 'no growth while adding the reserved keys');
  for (let i = 0; i < 100_000; i += 997) assert.equal(set.get(...keyOf(i)), i);
  assert.equal(set.add(...keyOf(5)), -1 - 5);
  set.reserve(10);
  assert.equal(set.bytes, bytes, 'reserving less never shrinks');
});

test('HyperLogLog estimates distinct counts within 5%', () => {
  for (const n of [100, 5_000, 200_000]) {
    const h = new HyperLogLog();
    for (let i = 0; i < n; i++) {
      h.add(hash32(`v${i}`));
      h.add(hash32(`v${i % 7}`)); // repeats do not count
      h.add(hash32(i));
    }
    const e = h.estimate();
    assert.ok(Math.abs(e - 2 * n) <= 2 * n * 0.05, `${2 * n}: estimated ${e}`);
  }
});

test('Misra-Gries keeps every value seen more than n/(k+1) times, with lower-bound counts', () => {
  const mg = new HeavyHitters<string>(8);
  const truth = new Map<string, number>();
  let n = 0;
  for (let i = 0; i < 20_000; i++) {
    const v = i % 5 === 0 ? 'hot' : i % 11 === 0 ? 'warm' : `cold${i}`;
    mg.add(v);
    truth.set(v, (truth.get(v) ?? 0) + 1);
    n++;
  }
  const counts = mg.counts;
  for (const [v, c] of truth) {
    if (c > n / 9) assert.ok(counts.has(v), v);
    const got = counts.get(v);
    if (got !== undefined) assert.ok(got <= c && got >= c - n / 9, `${v}: ${got} vs ${c}`);
  }
});

test('the doubling histogram counts every value in a bin that contains it', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.double({ min: -1e9, max: 1e9, noNaN: true }).filter((x) => x === 0 || Math.abs(x) > 1e-200),
        { minLength: 1, maxLength: 500 },
      ),
      (xs) => {
        const h = new DoublingHistogram();
        xs.forEach((x) => h.add(x));
        const r = h.result();
        assert.ok(r);
        assert.equal(
          r.counts.reduce((a, b) => a + b, 0),
          xs.length,
        );
        if (r.width > 0) {
          for (const x of xs) {
            // Within the bins, up to float rounding of the edges (a millionth of a bin).
            const slack = r.width * 1e-6;
            assert.ok(x >= r.lo - slack && x <= r.lo + r.width * r.counts.length + slack, `${x}`);
          }
        }
      },
    ),
    { numRuns: 200, seed: 5 },
  );
});

test('field profiles past the exact cap: estimated distincts, heavy values found, none invented', () => {
  const heavy = new FieldProfiler('e', 's', 'string');
  for (let i = 0; i < 100_000; i++) heavy.add(i % 4 === 0 ? 'N/A' : `v${i}`, null);
  const h = heavy.result();
  assert.equal(h.distinctExact, false);
  assert.ok(Math.abs(h.distinct - 75_001) < 75_001 * 0.05, String(h.distinct));
  assert.equal(h.topValues[0]?.value, 'N/A');
  const count = h.topValues[0]?.count ?? 0;
  assert.ok(count > 20_000 && count <= 25_000 * 1.1, String(count));
  const uniform = new FieldProfiler('e', 'ts', 'timestamp');
  for (let i = 0; i < 50_000; i++) {
    const t = Date.UTC(2020, 0, 1) + (i % 20_000) * 60_000;
    uniform.add(new Date(t).toISOString().slice(0, 19) + 'Z', t);
  }
  const u = uniform.result();
  assert.deepEqual(u.topValues, []);
  assert.ok(Math.abs(u.distinct - 20_000) < 1000, String(u.distinct));
  assert.deepEqual([u.min, u.max], ['2020-01-01T00:00:00Z', '2020-01-14T21:19:00Z']);
});

test('profile min/max is the fold of every value, whatever the repeats and mixed types', () => {
  // The fold the profiler must equal: it skips repeats and compares first code units first.
  const less = (a: string | number | boolean, b: string | number | boolean): boolean =>
    typeof a === 'number' && typeof b === 'number'
      ? a < b
      : typeof a === 'string' && typeof b === 'string'
        ? a < b
        : String(a) < String(b);
  const value = fc.oneof(
    fc.string({ maxLength: 3 }),
    fc.integer({ min: -50, max: 50 }),
    fc.constantFrom('', ' ', 'é', '\u{1F600}', true, false),
  );
  fc.assert(
    fc.property(fc.array(value, { maxLength: 400 }), fc.integer({ min: 1, max: 40 }), (values, times) => {
      const p = new FieldProfiler('e', 'f', 'string');
      let min: string | number | boolean | null = null;
      let max: string | number | boolean | null = null;
      for (let r = 0; r < times; r++)
        for (const v of values) {
          p.add(v, null);
          if (min === null || max === null) [min, max] = [v, v];
          else if (less(v, min)) min = v;
          else if (less(max, v)) max = v;
        }
      const got = p.result();
      assert.deepEqual([got.min, got.max], [min, max]);
    }),
    { numRuns: 300 },
  );
});

test('profile min/max of strings sharing long prefixes (timestamps, ids) is the true min and max', () => {
  // Strings decided within, at and past the first 8 code units, prefixes of each other, units past Latin-1.
  const unit = fc.constantFrom('0', '1', '2', '9', '-', 'T', 'z', 'é', '\u4e2d', '\uffff');
  const text = fc
    .tuple(
      fc.constantFrom('', '2024-0', '2024-01-0', '2024-01-01T', 'abcdefgh'),
      fc.array(unit, { maxLength: 6 }),
    )
    .map(([head, tail]) => head + tail.join(''));
  fc.assert(
    fc.property(fc.array(text, { minLength: 1, maxLength: 300 }), (values) => {
      const p = new FieldProfiler('e', 'f', 'string');
      for (const v of values) p.add(v, null);
      const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const got = p.result();
      assert.deepEqual([got.min, got.max], [sorted[0], sorted.at(-1)]);
    }),
    { numRuns: 500 },
  );
});

test('detach and keep give equal values (cells kept past their row are copied, not changed)', () => {
  fc.assert(
    fc.property(
      fc.oneof(fc.string(), fc.string({ unit: 'binary', maxLength: 40 }), fc.double(), fc.boolean()),
      (v) => {
        const whole = `prefix,${String(v)},suffix`;
        const cut = typeof v === 'string' ? whole.slice(7, 7 + v.length) : v;
        assert.equal(keep(cut), v);
        if (typeof v === 'string') assert.equal(detach(v), v);
      },
    ),
  );
  assert.equal(keep(null), null);
});

test('FingerprintSet.truncate keeps exactly the first n keys, in order, and their indexes', () => {
  fc.assert(
    fc.property(fc.uniqueArray(fc.integer(), { maxLength: 3000 }), fc.nat(), (values, at) => {
      const set = new FingerprintSet();
      const keys = values.map((v) => (fingerprint(v), [fp.h1 >>> 0, fp.h2 >>> 0] as const));
      for (const [a, b] of keys) set.add(a, b);
      const n = keys.length === 0 ? 0 : at % (keys.length + 1);
      const bytes = set.bytes;
      set.truncate(n);
      assert.equal(set.size, n);
      assert.equal(set.bytes, bytes);
      assert.deepEqual([...set.keysInOrder()], keys.slice(0, n).flat());
      keys.forEach(([a, b], i) => assert.equal(set.get(a, b), i < n ? i : -1));
      if (n < keys.length) assert.equal(set.add(...(keys[n] as readonly [number, number])), n);
    }),
    { numRuns: 100 },
  );
});
