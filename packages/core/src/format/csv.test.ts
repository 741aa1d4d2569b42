import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { ColumnSpec, TablePlan } from '../compile/index.js';
import type { Value } from '../expr/index.js';
import { ByteWriter, hasRowBytes } from './byte-writer.js';
import { csvFormat } from './csv.js';

const columns: ColumnSpec[] = [
  { name: 'id', kind: 'integer', nullable: false },
  { name: 'name', kind: 'string', nullable: true },
  { name: 'uid', kind: 'uuid', nullable: true },
  { name: 'price', kind: 'decimal', scale: 2, nullable: true },
  { name: 'rate', kind: 'decimal', scale: 5, nullable: true },
  { name: 'born', kind: 'date', nullable: true },
  { name: 'at', kind: 'timestamp', nullable: true },
  { name: 'clock', kind: 'time', nullable: true },
  { name: 'ok', kind: 'boolean', nullable: true },
  { name: 'doc', kind: 'json', nullable: true },
];

const table: TablePlan = {
  name: 't',
  rowCount: 0,
  columns,
  primaryKey: [],
  uniques: [],
  foreignKeys: [],
  xml: { element: 't', row: 't' },
};

const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom('', 'a,b', 'say "hi"', 'line\r\nbreak', 'Zoë', '"', ','),
);
const money = fc.integer({ min: -1e8, max: 1e8 }).map((k) => k / 100);
const instant = fc.integer({ min: -5e12, max: 5e12 });
const anything: fc.Arbitrary<Value> = fc.oneof(
  fc.constant(null),
  text,
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant({ a: [1, 'x,y'] }),
);

const row = fc.tuple(
  fc.oneof(fc.integer(), fc.double(), anything),
  fc.oneof(text, anything),
  fc.oneof(fc.uuid(), anything),
  fc.oneof(money, anything),
  fc.oneof(fc.double({ min: -1e6, max: 1e6 }), anything),
  fc.oneof(instant, anything),
  fc.oneof(instant, anything),
  fc.oneof(fc.integer({ min: 0, max: 86_399_999 }), anything),
  fc.oneof(fc.boolean(), anything),
  fc.oneof(fc.constant({ k: 'v"' }), anything),
);

test('rowBytes writes exactly the UTF-8 of row(), for typical and odd values', () => {
  const enc = csvFormat.encoder(table, {}, [table]);
  assert.ok(hasRowBytes(enc));
  fc.assert(
    fc.property(fc.array(row, { minLength: 1, maxLength: 8 }), (rows) => {
      const w = new ByteWriter(16);
      let expected = '';
      rows.forEach((r, i) => {
        enc.rowBytes(r, i, w);
        expected += enc.row(r as Value[], i);
      });
      assert.deepEqual(Buffer.from(w.take()), Buffer.from(expected, 'utf8'));
    }),
    { numRuns: 2000 },
  );
});

test('fields are quoted only when RFC 4180 needs it', () => {
  const enc = csvFormat.encoder(table, {}, [table]);
  assert.ok(hasRowBytes(enc));
  const w = new ByteWriter();
  const values: Value[] = [7, 'a "b", c', '', 1.5, null, 0, 0, 0, true, { x: 1 }];
  enc.rowBytes(values, 0, w);
  assert.equal(
    Buffer.from(w.take()).toString(),
    '7,"a ""b"", c","",1.50,,1970-01-01,1970-01-01T00:00:00Z,00:00:00,true,"{""x"":1}"\r\n',
  );
});
