/**
 * @module The privacy filter: no synthetic row equals a real one, even on a tiny repetitive
 * sample where most draws are copies; a sample with nothing left to invent exhausts the filter
 * with a coded error; and `minDistance` holds, checked against every real row by brute force.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { TdmError } from '../../errors/index.js';
import { tableFromRows, tableRows, type SampleTable } from '../table.js';
import { numberOf } from '../stats.js';
import { generateSyntheticData } from './synthesize.js';
import { mixedTable } from './testing.js';
import { SYNTHESIS_METHODS } from './options.js';

const rowKey = (t: SampleTable, r: number): string => JSON.stringify(t.columns.map((c) => c.values[r]));

function copies(real: SampleTable, syn: SampleTable): number {
  const seen = new Set<string>();
  for (let r = 0; r < real.rows; r++) seen.add(rowKey(real, r));
  let n = 0;
  for (let r = 0; r < syn.rows; r++) if (seen.has(rowKey(syn, r))) n++;
  return n;
}

/** Ten rows, three distinct: two categories and a number with 25 distinct values elsewhere. */
const tiny = tableFromRows(
  'tiny',
  [
    { name: 'kind', type: 'string' },
    { name: 'flag', type: 'boolean' },
    { name: 'amount', type: 'number' },
  ],
  [
    ...Array.from({ length: 8 }, (_, i) => [i % 2 ? 'a' : 'b', i % 4 === 0, 10]),
    ...Array.from({ length: 25 }, (_, i) => ['c', true, 11 + i * 0.5]),
  ],
);

test('no synthetic row is a copy of a real row, even on a tiny repetitive sample', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 1000 }), fc.constantFrom(...SYNTHESIS_METHODS), (seed, method) => {
      const [syn] = generateSyntheticData([tiny], { seed, method, rows: 40 });
      return copies(tiny, syn!) === 0;
    }),
    { numRuns: 25 },
  );
});

test('a sample with nothing left to invent exhausts the filter with a coded error', () => {
  const closed = tableFromRows(
    'closed',
    [
      { name: 'kind', type: 'string' },
      { name: 'flag', type: 'boolean' },
    ],
    [
      ['a', true],
      ['a', false],
      ['b', true],
      ['b', false],
    ],
  );
  assert.throws(
    () => generateSyntheticData([closed], { seed: 1, privacy: { maxAttempts: 20 } }),
    (e: unknown) =>
      e instanceof TdmError &&
      e.code === 'SYNTH_PRIVACY_FILTER_EXHAUSTED' &&
      e.message === 'table "closed": row 0 was still equal or too close to a real row after 20 draws',
  );
});

/** Gower distance of two rows as the filter defines it, computed from the cells. */
function gower(real: SampleTable, a: readonly unknown[], b: readonly unknown[]): number {
  let s = 0;
  real.columns.forEach((c, i) => {
    const x = a[i] ?? null;
    const y = b[i] ?? null;
    if (c.type === 'string' || c.type === 'boolean') s += x === y ? 0 : 1;
    else if (x === null || y === null) s += x === y ? 0 : 1;
    else {
      const nums = c.values.map((v) => numberOf(v)).filter((v) => !Number.isNaN(v));
      const range = Math.max(...nums) - Math.min(...nums);
      if (range > 0) s += Math.abs(numberOf(x as never) - numberOf(y as never)) / range;
    }
  });
  return s / real.columns.length;
}

test('minDistance holds against every real row (brute force), within and beyond 1 / columns', () => {
  const real = mixedTable(150, 9);
  const realRows = [...tableRows(real)];
  // 8 columns: 0.03 checks only rows sharing categories and missingness; 0.13 checks all rows.
  for (const minDistance of [0.03, 0.13]) {
    const [syn] = generateSyntheticData([real], { seed: 2, rows: 150, privacy: { minDistance } });
    let closest = Infinity;
    for (const row of tableRows(syn!)) {
      for (const r of realRows) closest = Math.min(closest, gower(real, row, r));
    }
    assert.ok(
      closest >= minDistance - 1e-9,
      `minDistance ${minDistance}: closest synthetic row at ${closest}`,
    );
  }
});
