/** @module Row counts on generated rows: per-parent distributions, scale and per-run overrides. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TdmError } from '../errors/index.js';
import { childCounts, compileText, mean, tableRows } from './testing.js';

const PARENTS = 2000;

/** Children per parent for a per-parent count spec (given as a YAML flow mapping body). */
function perParent(spec: string, parents = PARENTS): number[] {
  const c = compileText(`
seed: 3
entities:
  parents: { count: ${parents}, fields: { id: { type: sequence, primaryKey: true } } }
  children:
    count: { per: parents, ${spec} }
    fields:
      id: { type: sequence, primaryKey: true }
      parent_id: { ref: parents.id }
`);
  return childCounts(tableRows(c, 'parents'), 'id', tableRows(c, 'children'), 'parent_id');
}

function assertNear(actual: number, expected: number, tolerance: number, what: string): void {
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${what}: ${actual} is not within ${tolerance} of ${expected}`,
  );
}

test('fixed gives every parent exactly value children', () => {
  assert.deepEqual(new Set(perParent('distribution: fixed, value: 3')), new Set([3]));
});

test('uniform stays within min and max, uses every count, and has the middle as mean', () => {
  const counts = perParent('distribution: uniform, min: 1, max: 5');
  assert.equal(Math.min(...counts), 1);
  assert.equal(Math.max(...counts), 5);
  assert.equal(new Set(counts).size, 5);
  assertNear(mean(counts), 3, 0.1, 'mean');
});

test('poisson has the declared mean and respects min and max', () => {
  assertNear(mean(perParent('distribution: poisson, mean: 4, max: 30')), 4, 0.15, 'poisson mean');
  const clipped = perParent('distribution: poisson, mean: 5, min: 2, max: 6');
  assert.ok(Math.min(...clipped) >= 2 && Math.max(...clipped) <= 6);
  assert.ok(clipped.includes(2) && clipped.includes(6), 'both bounds are reached');
});

test('normal has the declared mean and never goes below min', () => {
  const counts = perParent('distribution: normal, mean: 6, sd: 2, min: 0');
  assertNear(mean(counts), 6, 0.15, 'normal mean');
  assert.ok(Math.min(...counts) >= 0);
});

test('lognormal and exponential have about the declared mean and are right-skewed', () => {
  const ln = perParent('distribution: lognormal, mean: 3, sd: 2, max: 60');
  assertNear(mean(ln), 3, 0.2, 'lognormal mean');
  const sorted = [...ln].sort((a, b) => a - b);
  assert.ok((sorted[PARENTS / 2] as number) < mean(ln), 'median below mean');
  const ex = perParent('distribution: exponential, mean: 2, max: 40');
  assertNear(mean(ex), 2, 0.2, 'exponential mean');
  assert.ok(ex.filter((n) => n === 0).length > ex.filter((n) => n === 4).length);
});

test('zipf counts stay within [min, max] and the smallest count is the most common', () => {
  const counts = perParent('distribution: zipf, min: 1, max: 10, exponent: 1.5');
  assert.ok(Math.min(...counts) >= 1 && Math.max(...counts) <= 10);
  const freq = (n: number): number => counts.filter((c) => c === n).length;
  assert.ok(freq(1) > freq(2) && freq(2) > freq(5), `frequencies 1:${freq(1)} 2:${freq(2)} 5:${freq(5)}`);
});

test('weighted draws only the listed counts, in proportion to their weights', () => {
  const counts = perParent(`distribution: weighted, weights: { '0': 25, '2': 75 }`);
  assert.deepEqual(new Set(counts), new Set([0, 2]));
  assertNear(counts.filter((n) => n === 0).length / PARENTS, 0.25, 0.03, 'share of 0');
});

const FIXED = `
scale: 2
entities:
  a: { count: 10, fields: { id: { type: sequence, primaryKey: true } } }
  b:
    count: { per: a, distribution: fixed, value: 3 }
    fields: { a_id: { ref: a.id } }
  c: { count: 5, fields: { n: { type: integer } } }
`;

test('scale multiplies fixed counts, and per-parent counts follow their parents', () => {
  const rows = (o: object): Record<string, number> =>
    Object.fromEntries(compileText(FIXED, o).tables.map((t) => [t.name, t.rowCount]));
  assert.deepEqual(rows({}), { a: 20, b: 60, c: 10 });
  assert.deepEqual(rows({ scale: 0.5 }), { a: 5, b: 15, c: 3 });
  assert.deepEqual(rows({ counts: { a: 7 } }), { a: 7, b: 21, c: 10 });
  assert.deepEqual(rows({ counts: { c: 0 } }), { a: 20, b: 60, c: 0 });
});

test('count overrides for unknown or per-parent entities are reported', () => {
  assert.throws(
    () => compileText(FIXED, { counts: { cc: 7, b: 2 } }),
    (e: unknown) => {
      assert.ok(e instanceof TdmError);
      assert.deepEqual(
        e.problems.map((p) => [p.code, p.path, p.message]),
        [
          ['INPUT_INVALID', 'counts.cc', 'counts.cc: unknown entity "cc"'],
          [
            'SCHEMA_COUNT_INVALID',
            'counts.b',
            'counts.b: b is counted per a; override the count of a or change the distribution',
          ],
        ],
      );
      return true;
    },
  );
});

test('the same seed gives the same per-parent counts; another seed gives others', () => {
  const at = (seed: number): number | undefined =>
    compileText(FIXED.replace('fixed, value: 3', 'poisson, mean: 3'), { seed }).tables.find(
      (t) => t.name === 'b',
    )?.rowCount;
  assert.equal(at(1), at(1));
  assert.notDeepEqual([1, 2, 3, 4].map(at), [1, 1, 1, 1].map(at));
});
