/**
 * @module Privacy measures counted exactly on tiny tables: exact copies, PII replay, achieved k
 * and cells changed by masking, and DCR of copies against a holdout baseline.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tableFromRows } from '../table.js';
import { cellsChanged, distanceToClosest, exactCopies, kAnonymity, piiReplay } from './privacy.js';

const cols = [
  { name: 'email', type: 'string' as const },
  { name: 'zip', type: 'string' as const },
  { name: 'age', type: 'integer' as const },
];
const real = tableFromRows('people', cols, [
  ['ann@x.org', '0101', 30],
  ['bob@x.org', '0101', 40],
  ['cy@x.org', '0202', 50],
  [null, '0202', null],
]);

test('exact copies: a data row equal to some real row in every column, null included', () => {
  const data = tableFromRows('people', cols, [
    ['ann@x.org', '0101', 30], // copy
    ['ann@x.org', '0101', 31],
    [null, '0202', null], // copy
    ['zed@x.org', '0202', 50],
  ]);
  assert.deepEqual(exactCopies(real, data), { copies: 2, rate: 0.5 });
  assert.deepEqual(exactCopies(real, real), { copies: 4, rate: 1 });
});

test('PII replay: non-null data values equal to some real value of the column', () => {
  const data = tableFromRows('people', cols, [
    ['bob@x.org', '0101', 1],
    ['new@y.org', '0101', 1],
    [null, '0101', 1],
    ['cy@x.org', '0101', 1],
    ['CY@x.org', '0101', 1],
  ]);
  const r = piiReplay(real.columns[0]!, data.columns[0]!, {
    table: 'people',
    column: 'email',
    kind: 'email',
  });
  assert.deepEqual(r, { table: 'people', column: 'email', kind: 'email', values: 4, replayed: 2, rate: 0.5 });
});

test('PII replay of free text: only values carrying a real piece of personal data count', () => {
  const notes = (vs: (string | null)[]) =>
    tableFromRows(
      't',
      [{ name: 'note', type: 'string' }],
      vs.map((v) => [v]),
    );
  const real = notes([
    'prefers evening delivery',
    'call ann@x.org before noon',
    'ring +44 20 7946 0958 at the gate',
    null,
  ]);
  const data = notes([
    'prefers evening delivery', // recurring text, no personal data: not a replay
    'call ann@x.org before noon', // a real value holding an email
    'mail ann@x.org please', // a real email inside new text
    'ring +44 20 7946 0000 at the gate', // a phone that is not a real one
    'leave at the door',
  ]);
  const r = piiReplay(real.columns[0]!, data.columns[0]!, { table: 't', column: 'note', kind: 'free_text' });
  assert.deepEqual(r, { table: 't', column: 'note', kind: 'free_text', values: 5, replayed: 2, rate: 0.4 });
});

test('k-anonymity: smallest group of the quasi-identifier combination, null a value of its own', () => {
  const data = tableFromRows('people', cols, [
    ['a', '0101', 30],
    ['b', '0101', 30],
    ['c', '0101', 30],
    ['d', '0202', 30],
    ['e', '0202', 30],
    ['f', '0202', null],
  ]);
  const zipAge = kAnonymity(data, [data.columns[1]!, data.columns[2]!]);
  assert.deepEqual(zipAge, { columns: ['zip', 'age'], k: 1, groups: 3, uniqueRows: 1 });
  assert.deepEqual(kAnonymity(data, [data.columns[1]!]), {
    columns: ['zip'],
    k: 3,
    groups: 2,
    uniqueRows: 0,
  });
});

test('cells changed: per column share of aligned rows that differ', () => {
  const masked = tableFromRows('people', cols, [
    ['m1@x.org', '0101', 30],
    ['m2@x.org', '0101', 40],
    ['m3@x.org', '0200', 50],
    [null, '0200', null],
  ]);
  assert.deepEqual(cellsChanged(real, masked), [
    { column: 'email', rate: 0.75 },
    { column: 'zip', rate: 0.5 },
    { column: 'age', rate: 0 },
  ]);
});

test('DCR: copies sit at 0, below a holdout baseline; masked rows find their original', () => {
  const zipAge = { ...real, columns: real.columns.slice(1) };
  const holdout = tableFromRows('people', cols.slice(1), [
    ['0101', 35],
    ['0202', 45],
  ]);
  const r = distanceToClosest(zipAge, zipAge, { sampleRows: 100, seed: 1, holdout, masked: true });
  assert.equal(r.baselineKind, 'holdout');
  assert.deepEqual(r.data, { rows: 4, median: 0, p5: 0, zeroShare: 1 });
  // Holdout rows: (35 vs 30 or 40) -> 5/20/2 = 0.125; (45 vs 40 or 50) -> 0.125.
  assert.deepEqual(r.baseline, { rows: 2, median: 0.125, p5: 0.125, zeroShare: 0 });
  assert.equal(r.closerThanBaselineP5, 1);
  assert.equal(r.ownRecordNearest, 1);
  assert.deepEqual(r.columns, ['zip', 'age']);
  const loo = distanceToClosest(zipAge, zipAge, { sampleRows: 100, seed: 1, masked: false });
  assert.equal(loo.baselineKind, 'leaveOneOut');
  assert.equal(loo.ownRecordNearest, null);
});
