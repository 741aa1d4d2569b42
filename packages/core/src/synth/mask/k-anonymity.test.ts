/**
 * @module Generalization ladders and the k-anonymity search: the plan meets k, and no node of the
 * lattice with less total generalization does (checked exhaustively on random tables).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { CellValue } from '../../quality/read/index.js';
import { hierarchy, type ColumnStats } from './hierarchy.js';
import { ComboCounts, comboKey, planKAnonymity } from './k-anonymity.js';

const stats = (values: CellValue[]): ColumnStats => {
  const nums = values.filter((v): v is number => typeof v === 'number');
  return {
    min: Math.min(...nums, 0),
    max: Math.max(...nums, 0),
    maxLength: Math.max(0, ...values.map((v) => String(v).length)),
    sample: nums,
  };
};

test('ladders coarsen step by step and end in "*"', () => {
  const age = hierarchy('integer', { method: 'generalize', width: 5 }, stats([18, 95]));
  assert.deepEqual(
    Array.from({ length: age.levels }, (_, l) => age.at(37, l)),
    ['35-39', '30-39', '25-49', '0-49', '0-99', '*'],
  );
  const born = hierarchy('date', undefined, stats([]));
  assert.deepEqual(
    Array.from({ length: born.levels }, (_, l) => born.at('1987-05-12', l)),
    ['1987-05-12', '1987-05', '1987', '1980s', '*'],
  );
  const zip = hierarchy('string', { method: 'generalize', truncate: 3 }, stats([]));
  assert.deepEqual(
    Array.from({ length: zip.levels }, (_, l) => zip.at('02139', l)),
    ['021**', '02***', '0****', '*'],
  );
  assert.equal(zip.at(null, 1), null);
});

/** Generalized group sizes at a node. */
function groups(rows: CellValue[][], hs: ReturnType<typeof hierarchy>[], levels: number[]): number[] {
  const m = new Map<string, number>();
  for (const r of rows) {
    const key = comboKey(r.map((v, i) => hs[i]!.at(v, levels[i]!)));
    m.set(key, (m.get(key) ?? 0) + 1);
  }
  return [...m.values()];
}

test('property: the plan reaches k and every less generalized node fails', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.tuple(
          fc.integer({ min: 0, max: 99 }),
          fc.constantFrom('F', 'M', 'X'),
          fc.stringMatching(/^[0-9]{3}$/),
        ),
        {
          minLength: 10,
          maxLength: 120,
        },
      ),
      fc.integer({ min: 2, max: 6 }),
      (tuples, k) => {
        const rows: CellValue[][] = tuples.map((t) => [...t]);
        const hs = [0, 1, 2].map((i) =>
          hierarchy(i === 0 ? 'integer' : 'string', undefined, stats(rows.map((r) => r[i] ?? null))),
        );
        const counts = new ComboCounts(hs);
        for (const r of rows) counts.add(r);
        const plan = planKAnonymity(counts, hs, k, 0);
        const sizes = groups(rows, hs, plan.levels);
        assert.ok(Math.min(...sizes) >= k);
        assert.equal(plan.kAchieved, Math.min(...sizes));
        const cost = (ls: number[]): number => ls.reduce((s, l, i) => s + l / (hs[i]!.levels - 1), 0);
        const chosen = cost(plan.levels);
        const walk = (ls: number[]): void => {
          if (ls.length === hs.length) {
            if (cost(ls) < chosen - 1e-9)
              assert.ok(Math.min(...groups(rows, hs, ls)) < k, `${ls} also meets k`);
            return;
          }
          for (let l = 0; l < hs[ls.length]!.levels; l++) walk([...ls, l]);
        };
        walk([]);
      },
    ),
    { numRuns: 40 },
  );
});
