import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDataset } from '../../quality/read/index.js';
import { tableFromRows } from '../table.js';
import { analyzePatternsFromSample } from './analyze.js';
import { dataPatternsSchema } from './patterns-schema.js';

const VEGA = new URL('../../../../../node_modules/vega-datasets/data/', import.meta.url).pathname;
const near = (a: number, b: number, eps = 1e-9): void => assert.ok(Math.abs(a - b) <= eps, `${a} vs ${b}`);

test('numbers: range, mean, sd, type-7 quantiles, histogram and rounding match hand computation', async () => {
  const t = tableFromRows(
    't',
    [
      { name: 'x', type: 'integer' },
      { name: 'price', type: 'number' },
    ],
    [
      [1, 1.5],
      [2, 2.25],
      [3, 3],
      [4, 10.125],
      [null, null],
    ],
  );
  const {
    tables: [p],
  } = await analyzePatternsFromSample([t]);
  const [x, price] = p!.columns;
  assert.equal(x!.nulls, 1);
  assert.equal(x!.nullShare, 0.2);
  assert.equal(x!.distinct, 4);
  const n = x!.numeric!;
  assert.equal(n.min, 1);
  assert.equal(n.max, 4);
  assert.equal(n.mean, 2.5);
  near(n.sd, Math.sqrt(5 / 3)); // squared deviations 2.25 + 0.25 + 0.25 + 2.25 over n - 1 = 3
  // type 7: h = (n - 1) q; 0.01 -> 1 + 0.03, 0.05 -> 1.15, 0.25 -> 1.75, 0.5 -> 2.5, 0.99 -> 3.97
  [1, 1.03, 1.15, 1.75, 2.5, 3.25, 3.85, 3.97, 4].forEach((q, i) => near(n.quantiles[i]!, q));
  assert.deepEqual(n.histogram, { edges: [1, 1.75, 2.5, 3.25, 4], counts: [1, 1, 1, 1] });
  assert.equal(n.decimals, 0);
  assert.equal(price!.numeric!.decimals, 3);
  near(price!.numeric!.mean, 16.875 / 4);
  // Few distinct integers are also categories.
  assert.deepEqual(
    x!.categories!.values.map((v) => v.value),
    ['1', '2', '3', '4'],
  );
});

test('categories: rare ones and those beyond maxCategories are pooled into other', async () => {
  const values = [...Array(120).fill('a'), ...Array(70).fill('b'), ...Array(9).fill('c'), 'd', null];
  const t = tableFromRows(
    't',
    [{ name: 'k', type: 'string' }],
    values.map((v) => [v]),
  );
  const [c] = (await analyzePatternsFromSample([t])).tables[0]!.columns;
  assert.deepEqual(c!.categories, {
    values: [
      { value: 'a', count: 120, share: 0.6 },
      { value: 'b', count: 70, share: 0.35 },
      { value: 'c', count: 9, share: 0.045 },
    ],
    otherCount: 1,
    otherShare: 0.005,
  });
  const [c2] = (await analyzePatternsFromSample([t], { maxCategories: 2, rareCategoryShare: 0 })).tables[0]!
    .columns;
  assert.equal(c2!.categories!.values.length, 2);
  assert.equal(c2!.categories!.otherCount, 10);
});

test('strings: lengths and shapes; many exact shapes collapse into runs', async () => {
  const codes = ['AB-1234', 'CD-5678', 'EF-9012', 'ef 12', 'jo@example.com'];
  const t = tableFromRows(
    't',
    [{ name: 'code', type: 'string' }],
    codes.map((v) => [v]),
  );
  const s = (await analyzePatternsFromSample([t])).tables[0]!.columns[0]!.strings!;
  assert.equal(s.minLength, 5);
  assert.equal(s.maxLength, 14);
  near(s.meanLength, (7 * 3 + 5 + 14) / 5);
  assert.deepEqual(s.formats, [
    { pattern: 'AA-9999', share: 0.6 },
    { pattern: 'aa 99', share: 0.2 },
    { pattern: 'email', share: 0.2 },
  ]);
  const names = Array.from(
    { length: 40 },
    (_, i) => `${'Ab'.padEnd(2 + (i % 12), 'c')} ${'De'.padEnd(2 + (i % 7), 'f')}`,
  );
  const n = tableFromRows(
    'n',
    [{ name: 'name', type: 'string' }],
    names.map((v) => [v]),
  );
  const f = (await analyzePatternsFromSample([n])).tables[0]!.columns[0]!.strings!.formats;
  assert.deepEqual(f, [{ pattern: 'Aa+ Aa+', share: 1 }]);
});

test('dates and timestamps: range as written and granularity', async () => {
  const t = tableFromRows(
    't',
    [
      { name: 'd', type: 'date' },
      { name: 'm', type: 'date' },
      { name: 'ts', type: 'timestamp' },
    ],
    [
      ['2024-03-05', '2024-01-01', '2024-03-05T10:20:30Z'],
      ['2023-12-31', '2024-02-01', '2024-03-05T10:21:00Z'],
    ],
  );
  const [d, m, ts] = (await analyzePatternsFromSample([t])).tables[0]!.columns;
  assert.deepEqual(d!.temporal, { min: '2023-12-31', max: '2024-03-05', granularity: 'day' });
  assert.equal(m!.temporal!.granularity, 'month');
  assert.deepEqual(ts!.temporal, {
    min: '2024-03-05T10:20:30Z',
    max: '2024-03-05T10:21:00Z',
    granularity: 'second',
  });
  assert.equal(d!.numeric!.min, Date.UTC(2023, 11, 31));
});

test('candidate keys of one and two columns, minimal and non-null', async () => {
  const rows = [
    [1, 'a', 'x', 10],
    [2, 'a', 'y', 10],
    [3, 'b', 'x', 20],
    [4, 'b', 'y', null],
  ];
  const t = tableFromRows(
    't',
    [
      { name: 'id', type: 'integer' },
      { name: 'g', type: 'string' },
      { name: 'h', type: 'string' },
      { name: 'v', type: 'integer' },
    ],
    rows,
  );
  assert.deepEqual((await analyzePatternsFromSample([t])).tables[0]!.candidateKeys, [['id'], ['g', 'h']]);
});

test('dependence: Spearman for numbers, Cramer V for categories, both for mixed', async () => {
  const rows = Array.from({ length: 100 }, (_, i) => [
    i,
    i * i,
    i % 2 === 0 ? 'even' : 'odd',
    i < 50 ? 'lo' : 'hi',
    i % 2 === 0 ? 'p' : 'q',
  ]);
  const t = tableFromRows(
    't',
    [
      { name: 'a', type: 'integer' },
      { name: 'b', type: 'integer' },
      { name: 'parity', type: 'string' },
      { name: 'half', type: 'string' },
      { name: 'same', type: 'string' },
    ],
    rows,
  );
  const dep = (await analyzePatternsFromSample([t])).tables[0]!.dependence;
  const of = (a: string, b: string) => dep.find((d) => d.a === a && d.b === b)!;
  assert.equal(dep.length, 10);
  assert.deepEqual(of('a', 'b'), { a: 'a', b: 'b', measure: 'spearman', value: 1, spearman: 1 });
  assert.deepEqual(of('parity', 'same'), {
    a: 'parity',
    b: 'same',
    measure: 'cramersV',
    value: 1,
    cramersV: 1,
  });
  assert.equal(of('parity', 'half').value, 0);
  const mixed = of('a', 'half');
  assert.equal(mixed.measure, 'both');
  assert.equal(mixed.cramersV, 1); // the 10 quantile bins of a split exactly at 50
  // Ranks 1..n against a split at the median ('hi' coded 0, 'lo' 1): r = -sqrt(3n^2 / (4(n^2 - 1))).
  near(mixed.spearman!, -Math.sqrt(30000 / 39996), 1e-6);
});

test('foreign keys between tables by inclusion, with coverage; integer ids need a name hint', async () => {
  const customers = tableFromRows(
    'customers',
    [
      { name: 'id', type: 'integer' },
      { name: 'code', type: 'string' },
    ],
    Array.from({ length: 20 }, (_, i) => [i + 1, `C${i + 1}`]),
  );
  const orders = tableFromRows(
    'orders',
    [
      { name: 'id', type: 'integer' },
      { name: 'customer_id', type: 'integer' },
      { name: 'qty', type: 'integer' },
      { name: 'cust_code', type: 'string' },
    ],
    Array.from({ length: 50 }, (_, i) => [
      i + 1,
      (i % 20) + 1,
      (i % 5) + 1,
      i === 0 ? 'X9' : `C${(i % 20) + 1}`,
    ]),
  );
  const p = await analyzePatternsFromSample([customers, orders]);
  assert.deepEqual(p.foreignKeys, [
    {
      from: { table: 'orders', column: 'customer_id' },
      to: { table: 'customers', column: 'id' },
      coverage: 1,
    },
    {
      from: { table: 'orders', column: 'cust_code' },
      to: { table: 'customers', column: 'code' },
      coverage: 0.98,
    },
  ]);
});

test('real files: a multi-table vega sample, JSON-serializable through its zod schema', async () => {
  const src = await openDataset([`${VEGA}airports.csv`, `${VEGA}flights-airport.csv`]);
  const p = await analyzePatternsFromSample(src);
  assert.deepEqual(dataPatternsSchema.parse(JSON.parse(JSON.stringify(p))), p);
  const airports = p.tables.find((t) => t.name === 'airports')!;
  assert.equal(airports.rows, 3376);
  assert.deepEqual(airports.candidateKeys[0], ['iata']);
  assert.deepEqual(
    p.foreignKeys.map((f) => `${f.from.table}.${f.from.column}->${f.to.table}.${f.to.column}`),
    ['flights-airport.origin->airports.iata', 'flights-airport.destination->airports.iata'],
  );
});

test('robust reading: leading-zero ids stay text, NA and . are nulls, yes/no booleans, sniffed delimiter, common date forms', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tdm-profile-'));
  try {
    const csv = [
      'id;zip;active;score;joined',
      '001;01234;yes;1.5;2024-01-31',
      '002;10001;no;NA;2024-02-29',
      '003;.;yes;2;',
    ].join('\n');
    await writeFile(join(dir, 'people.csv'), csv);
    const p = await analyzePatternsFromSample(await openDataset([join(dir, 'people.csv')]));
    const cols = Object.fromEntries(p.tables[0]!.columns.map((c) => [c.name, c]));
    assert.equal(cols.id!.type, 'string');
    assert.equal(cols.zip!.type, 'string');
    assert.equal(cols.zip!.nulls, 1);
    assert.equal(cols.active!.type, 'boolean');
    assert.equal(cols.score!.type, 'number');
    assert.equal(cols.score!.nulls, 1);
    assert.equal(cols.joined!.type, 'date');
    assert.deepEqual(cols.id!.strings!.formats, [{ pattern: '999', share: 1 }]);
    assert.deepEqual(p.tables[0]!.candidateKeys[0], ['id']);
    const dates = [
      'eu,us,stamp',
      '31/01/2024,01/31/2024,2024-01-31 10:00',
      '15/02/2024,02/15/2024,2024-02-15 11:30:15',
    ];
    await writeFile(join(dir, 'dates.csv'), dates.join('\n'));
    const d = (await analyzePatternsFromSample(await openDataset([join(dir, 'dates.csv')]))).tables[0]!
      .columns;
    assert.deepEqual(
      d.map((c) => [c.type, c.temporal]),
      [
        ['date', { min: '2024-01-31', max: '2024-02-15', granularity: 'day' }],
        ['date', { min: '2024-01-31', max: '2024-02-15', granularity: 'day' }],
        ['timestamp', { min: '2024-01-31T10:00:00Z', max: '2024-02-15T11:30:15Z', granularity: 'second' }],
      ],
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('bad options get a coded error', async () => {
  await assert.rejects(analyzePatternsFromSample([], { rareCategoryShare: 1 }), {
    code: 'SYNTH_OPTIONS_INVALID',
  });
  await assert.rejects(analyzePatternsFromSample([], { maxCategories: 0 }), {
    code: 'SYNTH_OPTIONS_INVALID',
  });
});
