/**
 * @module validateSyntheticQuality end to end on small tables: identical data scores 1, columns
 * shuffled independently lose pair trends but not shapes, missing tables and columns become
 * notes, PII and quasi-identifiers are measured, masked data gets cells changed, every score stays
 * in [0, 1] and every report parses with its schema.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { CellValue } from '../../quality/read/index.js';
import { Rng } from '../../random/index.js';
import { tableFromRows, type SampleTable } from '../table.js';
import { splitHoldout } from './holdout.js';
import { syntheticQualityReportSchema } from './schema.js';
import { validateSyntheticQuality } from './validate.js';

const cols = [
  { name: 'id', type: 'string' as const },
  { name: 'x', type: 'number' as const },
  { name: 'y', type: 'integer' as const },
  { name: 'band', type: 'string' as const },
  { name: 'day', type: 'date' as const },
];

/** 300 rows where y, band and day all follow x. */
function dependent(): SampleTable {
  const rng = new Rng().seed(5, 0);
  const rows: CellValue[][] = [];
  for (let i = 0; i < 300; i++) {
    const x = rng.float() * 100;
    const day = new Date(Date.UTC(2020, 0, 1 + Math.floor(x))).toISOString().slice(0, 10);
    rows.push([
      `id-${i}`,
      x,
      Math.round(x / 2 + rng.float() * 5),
      x > 50 ? 'high' : x > 20 ? 'mid' : 'low',
      day,
    ]);
  }
  return tableFromRows('t', cols, rows);
}

/** Each column permuted on its own: marginals kept, dependence gone. */
function shuffled(t: SampleTable, seed: number): SampleTable {
  const rng = new Rng().seed(seed, 0);
  return {
    ...t,
    columns: t.columns.map((c) => {
      const v = [...c.values];
      for (let i = v.length - 1; i > 0; i--) {
        const j = rng.below(i + 1);
        [v[i], v[j]] = [v[j]!, v[i]!];
      }
      return { ...c, values: v };
    }),
  };
}

test('identical data: shapes, pair trends and score are 1, every row is an exact copy at distance 0', () => {
  const real = dependent();
  const r = validateSyntheticQuality([real], [real], { statisticalAccuracy: 0.99 });
  assert.equal(r.columnShapes, 1);
  assert.equal(r.pairTrends, 1);
  assert.equal(r.score, 1);
  assert.equal(r.associationError, 0);
  assert.equal(r.exactCopyRate, 1);
  assert.deepEqual(r.target, { statisticalAccuracy: 0.99, passed: true });
  const t = r.tables[0]!;
  assert.deepEqual(t.skippedColumns, [{ column: 'id', reason: 'identifier' }]);
  assert.equal(t.columns.length, 4);
  assert.equal(t.pairs.length, 6);
  assert.equal(t.dcr!.data.median, 0);
  assert.equal(t.dcr!.data.zeroShare, 1);
  // Leave-one-out: real rows are all distinct, so every copied row is closer than any real neighbour.
  assert.ok(t.dcr!.baseline.p5 > 0);
  assert.equal(t.dcr!.closerThanBaselineP5, 1);
  assert.equal(syntheticQualityReportSchema.parse(r).score, 1);
});

test('columns shuffled independently keep their shapes and lose pair trends', () => {
  const real = dependent();
  const r = validateSyntheticQuality([real], [shuffled(real, 9)], { statisticalAccuracy: 0.95 });
  assert.equal(r.columnShapes, 1);
  assert.ok(r.pairTrends! < 0.8, `pair trends ${r.pairTrends}`);
  assert.ok(r.associationError! > 0.4, `E ${r.associationError}`);
  assert.equal(r.target!.passed, false);
  assert.ok(r.exactCopyRate < 0.05);
});

test('missing and extra tables and columns are reported, not fatal', () => {
  const real = dependent();
  const other = tableFromRows('other', [{ name: 'v', type: 'integer' }], [[1]]);
  const data: SampleTable = {
    ...real,
    columns: [
      ...real.columns.filter((c) => c.name !== 'y'),
      { name: 'z', type: 'integer', values: real.columns[1]!.values },
    ],
  };
  const extra = tableFromRows('extra', [{ name: 'v', type: 'integer' }], [[1]]);
  const r = validateSyntheticQuality([real, other], [data, extra], {
    quasiIdentifiers: { t: ['y', 'band'], ghost: ['q'] },
  });
  assert.deepEqual(r.missingTables, ['other']);
  assert.deepEqual(r.extraTables, ['extra']);
  assert.deepEqual(r.tables[0]!.missingColumns, ['y']);
  assert.deepEqual(r.tables[0]!.extraColumns, ['z']);
  assert.equal(r.tables[0]!.columns.length, 3);
  assert.equal(r.tables[0]!.kAnonymity, null);
  assert.deepEqual(r.notes, [
    'the data lacks table(s) other',
    't: the data lacks column(s) y',
    't: no holdout given; the DCR baseline is leave-one-out on the real rows',
    't: quasi-identifier(s) y not in the data; k not computed',
    'quasi-identifiers given for unknown table ghost',
  ]);
  syntheticQualityReportSchema.parse(r);
});

test('PII columns are skipped by fidelity and measured for replay; k is computed on the data', () => {
  const real = dependent();
  const data = shuffled(real, 3);
  const ids = data.columns[0]!.values;
  for (let i = 0; i < 200; i++) ids[i] = `fake-${i}`; // 100 of 300 ids still real
  const r = validateSyntheticQuality([real], [data], {
    pii: [{ table: 't', column: 'id', kind: 'national_id' }],
    quasiIdentifiers: { t: ['band'] },
  });
  assert.deepEqual(r.tables[0]!.skippedColumns, [{ column: 'id', reason: 'pii' }]);
  assert.deepEqual(r.pii, [
    { table: 't', column: 'id', kind: 'national_id', values: 300, replayed: 100, rate: 1 / 3 },
  ]);
  assert.equal(r.piiReplayRate, 1 / 3);
  const bands = new Map<CellValue, number>();
  for (const b of data.columns[3]!.values) bands.set(b, (bands.get(b) ?? 0) + 1);
  assert.equal(r.tables[0]!.kAnonymity!.k, Math.min(...bands.values()));
  assert.equal(r.tables[0]!.kAnonymity!.groups, 3);
});

test('declared keys and foreign keys, and counting integer ids, are skipped as keys, not scored', () => {
  const rng = new Rng().seed(9, 0);
  const customers = (offset: number) =>
    tableFromRows(
      'customers',
      [
        { name: 'customer_id', type: 'string' },
        { name: 'segment', type: 'string' },
      ],
      Array.from({ length: 50 }, (_, i) => [
        `C${String(i + 1 + offset).padStart(5, '0')}`,
        i % 2 ? 'a' : 'b',
      ]),
    );
  const orders = (offset: number, n: number) =>
    tableFromRows(
      'orders',
      [
        { name: 'order_id', type: 'integer' },
        { name: 'customer_id', type: 'string' },
        { name: 'amount', type: 'integer' },
        { name: 'weight', type: 'integer' },
      ],
      Array.from({ length: n }, (_, i) => [
        i + 1 + offset,
        `C${String(1 + offset + ((i * 7) % 50)).padStart(5, '0')}`,
        10 + (i % 5),
        // All distinct but spread far apart: a measurement, scored.
        1000 * i + rng.below(500),
      ]),
    );
  const real = [customers(0), orders(0, 120)];
  const data = [customers(1000), orders(5000, 120)];
  const r = validateSyntheticQuality(real, data, {
    keys: [{ table: 'customers', column: 'customer_id' }],
    foreignKeys: [
      { from: { table: 'orders', column: 'customer_id' }, to: { table: 'customers', column: 'customer_id' } },
    ],
  });
  assert.deepEqual(r.tables[0]!.skippedColumns, [{ column: 'customer_id', reason: 'key' }]);
  assert.deepEqual(r.tables[1]!.skippedColumns, [
    { column: 'order_id', reason: 'identifier' },
    { column: 'customer_id', reason: 'key' },
  ]);
  assert.deepEqual(
    r.tables[1]!.columns.map((c) => c.column),
    ['amount', 'weight'],
  );
  assert.equal(r.tables[1]!.columnShapes! > 0.5, true);
});

test('declared quasi-identifiers are scored even when PII, so generalizing them costs fidelity', () => {
  const rows = Array.from({ length: 60 }, (_, i) => [`${10000 + (i % 12) * 7}`, i % 3 ? 'x' : 'y']);
  const t = (data: (string | null)[][]) =>
    tableFromRows(
      'people',
      [
        { name: 'zip', type: 'string' },
        { name: 'plan', type: 'string' },
      ],
      data,
    );
  const real = t(rows);
  const masked = t(rows.map(([zip, plan]) => [`${zip!.slice(0, 3)}**`, plan!]));
  const pii = [{ table: 'people', column: 'zip', kind: 'postal_code' as const }];
  const plain = validateSyntheticQuality([real], [masked], { kind: 'masked', pii });
  assert.deepEqual(plain.tables[0]!.skippedColumns, [{ column: 'zip', reason: 'pii' }]);
  const withQi = validateSyntheticQuality([real], [masked], {
    kind: 'masked',
    pii,
    quasiIdentifiers: { people: ['zip'] },
  });
  assert.deepEqual(withQi.tables[0]!.skippedColumns, []);
  const zip = withQi.tables[0]!.columns.find((c) => c.column === 'zip')!;
  assert.equal(zip.score, 0);
  assert.ok(withQi.score! < plain.score!);
});

test('masked data: cells changed per column, rows found nearest to their original, holdout baseline', () => {
  const { train, holdout } = splitHoldout([dependent()], 0.2, 4);
  const real = train[0]!;
  const masked: SampleTable = {
    ...real,
    columns: real.columns.map((c) =>
      c.name === 'id' ? { ...c, values: c.values.map((_, i) => `m-${i}`) } : c,
    ),
  };
  const r = validateSyntheticQuality(train, [masked], { kind: 'masked', holdout });
  const t = r.tables[0]!;
  assert.deepEqual(
    t.cellsChanged!.map((c) => [c.column, c.rate]),
    [
      ['id', 1],
      ['x', 0],
      ['y', 0],
      ['band', 0],
      ['day', 0],
    ],
  );
  assert.equal(t.dcr!.baselineKind, 'holdout');
  assert.equal(t.dcr!.ownRecordNearest, 1);
  assert.equal(r.exactCopyRate, 0); // the id changed in every row
  assert.equal(r.kind, 'masked');
});

test('a holdout that repeats real rows gets a note: its 5th percentile cannot flag memorization', () => {
  const two = [
    { name: 'a', type: 'string' as const },
    { name: 'n', type: 'integer' as const },
  ];
  const rows = Array.from({ length: 40 }, (_, i) => [`v${i % 4}`, i % 5]);
  const real = tableFromRows('r', two, rows);
  const r = validateSyntheticQuality([real], [real], {
    holdout: [tableFromRows('r', two, rows.slice(0, 10))],
  });
  assert.equal(r.tables[0]!.dcr!.baseline.p5, 0);
  assert.equal(r.tables[0]!.dcr!.baseline.zeroShare, 1);
  assert.deepEqual(r.notes, [
    "r: the DCR baseline's 5th percentile is 0 (holdout rows repeat real rows), so closerThanBaselineP5 cannot flag memorized rows; compare the zero-distance shares instead",
  ]);
});

test('bad options get SYNTH_OPTIONS_INVALID with the offending value', () => {
  const real = [dependent()];
  const check = (options: object, message: string): void =>
    assert.throws(
      () => validateSyntheticQuality(real, real, options),
      (e: unknown) =>
        (e as { code: string }).code === 'SYNTH_OPTIONS_INVALID' && (e as Error).message === message,
    );
  check({ statisticalAccuracy: 1.5 }, 'statisticalAccuracy must be in [0, 1], got 1.5');
  check({ dcrSampleRows: 0 }, 'dcrSampleRows must be a positive integer, got 0');
  check({ kind: 'fake' }, 'kind must be "synthetic" or "masked", got "fake"');
  check({ seed: 0.5 }, 'seed must be an integer, got 0.5');
});

test('splitHoldout: disjoint, complete, seeded; bad fractions rejected', () => {
  const t = dependent();
  const a = splitHoldout([t], 0.25, 1);
  assert.equal(a.holdout[0]!.rows, 75);
  assert.equal(a.train[0]!.rows, 225);
  const ids = [...a.train[0]!.columns[0]!.values, ...a.holdout[0]!.columns[0]!.values].sort();
  assert.deepEqual(ids, [...t.columns[0]!.values].sort());
  assert.deepEqual(splitHoldout([t], 0.25, 1), a);
  assert.notDeepEqual(
    splitHoldout([t], 0.25, 2).holdout[0]!.columns[0]!.values,
    a.holdout[0]!.columns[0]!.values,
  );
  assert.throws(
    () => splitHoldout([t], 1, 1),
    /holdout fraction must be between 0 and 1 \(exclusive\), got 1/,
  );
});

const cell = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constant(null));
const text = fc.oneof(fc.constantFrom('a', 'b', 'c'), fc.constant(null));
const small = [
  { name: 'n', type: 'integer' as const },
  { name: 's', type: 'string' as const },
  { name: 'm', type: 'number' as const },
  { name: 'b', type: 'boolean' as const },
];
const rowsArb = fc.array(fc.tuple(cell, text, cell, fc.oneof(fc.boolean(), fc.constant(null))), {
  maxLength: 25,
});

test('every score stays in [0, 1] and every report parses, for random small tables', () => {
  fc.assert(
    fc.property(rowsArb, rowsArb, rowsArb, (r, d, h) => {
      const report = validateSyntheticQuality(
        [tableFromRows('t', small, r)],
        [tableFromRows('t', small, d)],
        {
          holdout: [tableFromRows('t', small, h)],
          quasiIdentifiers: { t: ['s', 'b'] },
          pii: [{ table: 't', column: 's', kind: 'city' }],
          dcrSampleRows: 10,
        },
      );
      syntheticQualityReportSchema.parse(report);
      const t = report.tables[0]!;
      const scores = [
        report.score,
        report.columnShapes,
        report.pairTrends,
        t.score,
        ...t.columns.map((c) => c.score),
        ...t.pairs.map((p) => p.score),
      ];
      for (const s of scores) assert.ok(s === null || (s >= 0 && s <= 1), String(s));
    }),
    { numRuns: 150 },
  );
});
