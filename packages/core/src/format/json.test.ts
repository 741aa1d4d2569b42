/** @module json and ndjson writers: exact text, empty tables, chunk independence, value rules. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ColumnSpec, TablePlan } from '../compile/index.js';
import type { Value } from '../expr/index.js';
import { jsonFormat } from './json.js';
import { jsonText } from './json-text.js';
import { ndjsonFormat } from './ndjson.js';
import { jsonValue } from './text-values.js';
import type { TextFormat } from './types.js';

const columns: ColumnSpec[] = [
  { name: 'id', kind: 'integer', nullable: false },
  { name: 'say "hi"', kind: 'string', nullable: true },
  { name: 'price', kind: 'decimal', scale: 2, nullable: false },
  { name: 'on', kind: 'boolean', nullable: false },
  { name: 'day', kind: 'date', nullable: true },
  { name: 'at', kind: 'timestamp', nullable: false },
  { name: 'clock', kind: 'time', nullable: false },
  { name: 'doc', kind: 'json', nullable: true },
];

function plan(rowCount: number): TablePlan {
  return {
    name: 't',
    rowCount,
    columns,
    primaryKey: ['id'],
    uniques: [],
    foreignKeys: [],
    xml: { element: 't', row: 'row' },
  };
}

const rows: Value[][] = [
  [
    1,
    'a "quoted"\nline \\ </script> 😀',
    12.5,
    true,
    Date.UTC(2024, 1, 29),
    Date.UTC(2024, 0, 2, 3, 4, 5, 6),
    3_600_000,
    { a: [1, 'x'] },
  ],
  [2, null, 0, false, null, 0, 0, null],
  [3, '', -1.25, true, Date.UTC(1969, 11, 31), -1, 86_399_999, 'text'],
];

function encode(format: TextFormat, from: number, to: number, count = rows.length): string {
  const enc = format.encoder(plan(count), {}, [plan(count)]);
  let s = '';
  for (let i = from; i < to; i++) s += enc.row(rows[i] as Value[], i);
  return s;
}

function whole(format: TextFormat, count = rows.length): string {
  const enc = format.encoder(plan(count), {}, [plan(count)]);
  return enc.header() + encode(format, 0, count, count) + enc.footer();
}

const expectedObjects = rows.map((r) =>
  Object.fromEntries(columns.map((c, i) => [c.name, jsonValue(r[i] as Value, c)])),
);

test('json: one array, one object per line, values as jsonValue gives them', () => {
  const text = whole(jsonFormat);
  assert.ok(text.startsWith('[\n{"id":1,"say \\"hi\\"":'));
  assert.ok(text.endsWith('}\n]\n'));
  assert.equal(text.split('\n').length, rows.length + 3);
  assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(expectedObjects)));
});

test('json: a table with no rows is an empty array', () => {
  const text = whole(jsonFormat, 0);
  assert.equal(text, '[\n]\n');
  assert.deepEqual(JSON.parse(text), []);
});

test('json and ndjson: chunks encoded separately concatenate to the whole', () => {
  for (const f of [jsonFormat, ndjsonFormat]) {
    const enc = f.encoder(plan(3), {}, [plan(3)]);
    const chunked = enc.header() + encode(f, 0, 1) + encode(f, 1, 3) + enc.footer();
    assert.equal(chunked, whole(f));
  }
});

test('ndjson: one parseable object per line', () => {
  const lines = whole(ndjsonFormat).split('\n');
  assert.equal(lines.pop(), '');
  assert.deepEqual(
    lines.map((l) => JSON.parse(l) as unknown),
    JSON.parse(JSON.stringify(expectedObjects)),
  );
  assert.equal(whole(ndjsonFormat, 0), '');
});

test('jsonText is JSON.stringify(jsonValue(v)), non-finite numbers as null', () => {
  const cases: [Value, ColumnSpec][] = [
    [Number.NaN, { name: 'x', kind: 'decimal', scale: 2, nullable: false }],
    [Infinity, { name: 'x', kind: 'integer', nullable: false }],
    [1e21, { name: 'x', kind: 'decimal', nullable: false }],
    [Date.UTC(-1, 0, 1), { name: 'x', kind: 'date', nullable: false }],
    ['\u2028\u0000\ud800', { name: 'x', kind: 'string', nullable: false }],
    [{ nested: { deep: [true, null] } }, { name: 'x', kind: 'json', nullable: false }],
    [false, { name: 'x', kind: 'boolean', nullable: false }],
  ];
  for (const [v, col] of cases) {
    assert.equal(jsonText(v as Exclude<Value, null>, col), JSON.stringify(jsonValue(v, col)), String(v));
  }
});
