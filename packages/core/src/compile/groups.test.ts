/** @module Uniqueness on generated rows: unique fields, composite keys and composite uniques. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TdmError } from '../errors/index.js';
import { compileText, keyOf, tableRows, type Row } from './testing.js';

function assertUnique(rows: readonly Row[], fields: readonly string[], skipNulls = false): void {
  const keys = rows
    .filter((r) => !skipNulls || fields.every((f) => r[f] !== null))
    .map((r) => keyOf(r, fields));
  const dupes = keys.filter((k, i) => keys.indexOf(k) !== i);
  assert.equal(
    new Set(keys).size,
    keys.length,
    `duplicates of (${fields.join(', ')}): ${dupes.slice(0, 3).join(' ')}`,
  );
}

test('unique fields of every kind of value space are unique', () => {
  const c = compileText(`
entities:
  users:
    count: 900
    fields:
      id: { type: uuid, primaryKey: true }
      seq: { type: sequence, start: 5, step: 3, unique: true }
      code: { type: integer, min: 1000, max: 1899, unique: true }
      price: { type: decimal, min: 0, max: 20, scale: 2, unique: true }
      email: { type: internet.email, unique: true }
      day: { type: date, min: '2020-01-01', max: '2022-12-31', unique: true }
      at: { type: timestamp, min: -1y, max: now, unique: true }
      handle: { type: internet.username, unique: true }
      v7: { type: uuid, version: 7, unique: true }
      nickname: { type: integer, min: 1, max: 5000, unique: true, nullRate: 0.3 }
`);
  const rows = tableRows(c, 'users');
  for (const f of ['id', 'seq', 'code', 'price', 'email', 'day', 'at', 'handle', 'v7']) {
    assertUnique(rows, [f]);
    assert.ok(
      rows.every((r) => r[f] !== null),
      `${f} is never null`,
    );
  }
  assertUnique(rows, ['nickname'], true);
  assert.ok(rows.some((r) => r['nickname'] === null));
  // A unique integer range exactly as large as the table uses every value once.
  assert.deepEqual(
    rows.map((r) => r['code']).sort((a, b) => Number(a) - Number(b)),
    Array.from({ length: 900 }, (_, i) => 1000 + i),
  );
});

test('a unique enum with as many values as rows uses each value once', () => {
  const rows = tableRows(
    compileText(`
entities:
  teams:
    count: 4
    fields:
      name: { type: enum, values: [red, green, blue, gold], unique: true }
`),
    'teams',
  );
  assert.deepEqual(rows.map((r) => r['name']).sort(), ['blue', 'gold', 'green', 'red']);
});

test('composite primary keys are unique and each member stays in its value space', () => {
  const c = compileText(`
entities:
  seats:
    count: 120
    primaryKey: [row_letter, number]
    fields:
      row_letter: { type: enum, values: [A, B, C, D, E, F] }
      number: { type: integer, min: 1, max: 20 }
      price: { type: decimal, min: 10, max: 90 }
`);
  const rows = tableRows(c, 'seats');
  assertUnique(rows, ['row_letter', 'number']);
  for (const r of rows) {
    assert.ok(['A', 'B', 'C', 'D', 'E', 'F'].includes(String(r['row_letter'])));
    assert.ok(Number(r['number']) >= 1 && Number(r['number']) <= 20);
  }
  assert.deepEqual(c.tables[0]?.primaryKey, ['row_letter', 'number']);
});

test('composite uniques hold alongside a primary key and single uniques', () => {
  const c = compileText(`
entities:
  people: { count: 60, fields: { id: { type: sequence, primaryKey: true } } }
  rooms: { count: 7, fields: { id: { type: sequence, primaryKey: true } } }
  bookings:
    count: 400
    unique: [[person_id, room_id, day], [room_id, slot]]
    fields:
      id: { type: uuid, primaryKey: true }
      person_id: { ref: people.id }
      room_id: { ref: rooms.id }
      day: { type: date, min: '2024-01-01', max: '2024-01-31' }
      slot: { type: integer, min: 0, max: 99 }
      ticket: { type: integer, min: 1, max: 100000, unique: true }
`);
  const rows = tableRows(c, 'bookings');
  assertUnique(rows, ['person_id', 'room_id', 'day']);
  assertUnique(rows, ['room_id', 'slot']);
  assertUnique(rows, ['ticket']);
  assertUnique(rows, ['id']);
  assert.deepEqual(c.tables.find((t) => t.name === 'bookings')?.uniques, [
    ['ticket'],
    ['person_id', 'room_id', 'day'],
    ['room_id', 'slot'],
  ]);
});

test('a composite key under a per-parent count is unique within every parent', () => {
  const c = compileText(`
entities:
  employees: { count: 300, fields: { id: { type: sequence, primaryKey: true } } }
  salaries:
    count: { per: employees, distribution: uniform, min: 1, max: 6 }
    primaryKey: [employee_id, effective_date]
    fields:
      employee_id: { ref: employees.id }
      effective_date: { type: date, min: -1y, max: now }
      amount: { type: decimal, min: 30000, max: 90000 }
`);
  assertUnique(tableRows(c, 'salaries'), ['employee_id', 'effective_date']);
});

test('a unique field repeated as a composite unique and as the primary key is accepted', () => {
  const c = compileText(`
entities:
  tags:
    count: 50
    primaryKey: [code]
    unique: [[code], [code, label]]
    fields:
      code: { type: integer, min: 1, max: 60, unique: true }
      label: { type: enum, values: [a, b] }
`);
  assertUnique(tableRows(c, 'tags'), ['code']);
});

test('a unique reference to a table without rows is refused, even for one row', () => {
  assert.throws(
    () =>
      compileText(`
entities:
  parents: { count: 0, fields: { id: { type: sequence, primaryKey: true } } }
  children: { count: 1, fields: { parent_id: { ref: parents.id, unique: true } } }
`),
    (e: unknown) => {
      assert.ok(e instanceof TdmError);
      assert.deepEqual(
        e.problems.map((p) => p.message),
        [
          'entities.children.fields.parent_id.unique: parent_id must be unique but only 0 distinct values exist for the rows requested (1 rows)',
        ],
      );
      return true;
    },
  );
});

test('a unique field keeps its value space when a rule narrows its range', () => {
  const rows = tableRows(
    compileText(`
entities:
  t:
    count: 300
    fields:
      code: { type: integer, min: 0, max: 1000, unique: true }
constraints:
  - { entity: t, rule: 'code >= 500 and code < 900' }
`),
    't',
  );
  assertUnique(rows, ['code']);
  for (const r of rows) assert.ok(Number(r['code']) >= 500 && Number(r['code']) < 900, String(r['code']));
});
