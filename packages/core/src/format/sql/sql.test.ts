/**
 * @module The sql format without a database: option errors, DDL per dialect, statement boundaries
 * that depend only on the row index, and each dialect's escaping of hostile strings.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ColumnSpec, TablePlan } from '../../compile/index.js';
import { TdmError } from '../../errors/index.js';
import type { Value } from '../../expr/index.js';
import type { FormatOptions } from '../types.js';
import { copyText } from './copy.js';
import { sqlFormat } from './index.js';
import { mysqlDialect } from './mysql.js';
import { postgresDialect } from './postgres.js';
import { sqliteDialect } from './sqlite.js';

const str = (name: string, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({
  name,
  kind: 'string',
  nullable: false,
  ...extra,
});

const order: TablePlan = {
  name: 'order',
  rowCount: 5,
  columns: [
    { name: 'id', kind: 'integer', nullable: false },
    str('group', { maxLength: 12 }),
    { name: 'customer', kind: 'uuid', nullable: true, maxLength: 36 },
    { name: 'total', kind: 'decimal', scale: 2, nullable: false },
  ],
  primaryKey: ['id'],
  uniques: [['id'], ['group', 'customer']],
  foreignKeys: [{ columns: ['customer'], refTable: 'customer', refColumns: ['id'], deferred: true }],
  xml: { element: 'order', row: 'order_row' },
};

const customer: TablePlan = {
  name: 'customer',
  rowCount: 2,
  columns: [
    { name: 'id', kind: 'uuid', nullable: false, maxLength: 36 },
    { name: 'first', kind: 'integer', nullable: true },
  ],
  primaryKey: ['id'],
  uniques: [],
  foreignKeys: [{ columns: ['first'], refTable: 'order', refColumns: ['id'], deferred: false }],
  xml: { element: 'customer', row: 'customer_row' },
};

const tables = [order, customer];

function rejects(options: FormatOptions, message: string): void {
  assert.throws(
    () => sqlFormat.encoder(order, options, tables),
    (e: unknown) => e instanceof TdmError && e.code === 'FORMAT_OPTION_INVALID' && e.message === message,
  );
}

test('invalid options are FORMAT_OPTION_INVALID with the value named', () => {
  rejects({ dialect: 'mysql', copy: true }, 'COPY output is PostgreSQL only, not mysql');
  rejects({ dialect: 'sqlite', copy: true }, 'COPY output is PostgreSQL only, not sqlite');
  rejects({ dialect: 'oracle' as never }, 'sql dialect "oracle" is not supported');
  rejects({ dialect: 'toString' as never }, 'sql dialect "toString" is not supported');
  rejects({ batchSize: 0 }, 'batchSize must be an integer from 1 to 100000, got 0');
  rejects({ batchSize: 2.5 }, 'batchSize must be an integer from 1 to 100000, got 2.5');
});

function schemaOf(dialect: FormatOptions['dialect']): string {
  return sqlFormat.extraFiles?.(tables, { dialect })[0]?.content ?? '';
}

test('postgres DDL: quoted reserved names, keys, deferrable cycle reference added after all tables', () => {
  const ddl = schemaOf('postgres');
  assert.ok(ddl.includes('CREATE TABLE "order" (\n  "id" bigint NOT NULL,\n  "group" varchar(12) NOT NULL,'));
  assert.ok(ddl.includes('  "customer" uuid,\n  "total" numeric(22,2) NOT NULL,\n  PRIMARY KEY ("id"),\n'));
  assert.ok(ddl.includes('  UNIQUE ("group", "customer")\n);'), 'a unique equal to the key is not repeated');
  assert.ok(ddl.includes('FOREIGN KEY ("first") REFERENCES "order" ("id")\n);'));
  assert.ok(
    ddl.endsWith(
      'ALTER TABLE "order" ADD FOREIGN KEY ("customer") REFERENCES "customer" ("id") DEFERRABLE INITIALLY DEFERRED;\n',
    ),
  );
  assert.ok(ddl.indexOf('CREATE TABLE "order"') < ddl.indexOf('CREATE TABLE "customer"'), 'load order');
});

test('mysql DDL: backquotes, utf8mb4 binary tables, cycle reference left to data.sql', () => {
  const ddl = schemaOf('mysql');
  assert.ok(ddl.includes('CREATE TABLE `order` (\n  `id` BIGINT NOT NULL,\n  `group` VARCHAR(12) NOT NULL,'));
  assert.ok(ddl.includes('`customer` CHAR(36),\n  `total` DECIMAL(22,2) NOT NULL,'));
  assert.ok(ddl.includes(') ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;'));
  assert.ok(!ddl.includes('REFERENCES `customer`'));
  const post = sqlFormat.postamble?.(tables, { dialect: 'mysql' }) ?? '';
  assert.ok(post.startsWith('COMMIT;\n'));
  assert.ok(
    post.endsWith('ALTER TABLE `order` ADD FOREIGN KEY (`customer`) REFERENCES `customer` (`id`);\n'),
  );
});

test('sqlite DDL: cycle reference inline and deferrable', () => {
  const ddl = schemaOf('sqlite');
  assert.ok(
    ddl.includes('FOREIGN KEY ("customer") REFERENCES "customer" ("id") DEFERRABLE INITIALLY DEFERRED'),
  );
  assert.ok(ddl.includes('"total" NUMERIC(22,2) NOT NULL'));
  assert.equal(
    sqlFormat.preamble?.(tables, { dialect: 'sqlite' }).includes('PRAGMA foreign_keys = ON;\nBEGIN;\n'),
    true,
  );
});

test('mysql key strings are bounded VARCHARs; long free text is TEXT', () => {
  assert.equal(mysqlDialect.columnType(str('k'), true), 'VARCHAR(768)');
  assert.equal(mysqlDialect.columnType(str('k', { maxLength: 5000 }), true), 'VARCHAR(768)');
  assert.equal(mysqlDialect.columnType(str('k', { maxLength: 40 }), false), 'VARCHAR(40)');
  assert.equal(mysqlDialect.columnType(str('k', { maxLength: 4096 }), false), 'TEXT');
  assert.equal(mysqlDialect.columnType(str('k'), false), 'MEDIUMTEXT');
});

const rowOf = (i: number): Value[] => [i + 1, `g${i}`, null, i / 4];

function dataOf(options: FormatOptions, rowCount: number, from: number, to: number): string {
  const t = { ...order, rowCount };
  const enc = sqlFormat.encoder(t, options, [t]);
  let s = '';
  for (let i = from; i < to; i++) s += enc.row(rowOf(i), i);
  return s;
}

test('INSERT batches: batchSize rows per statement, boundaries fixed by the row index', () => {
  const text = dataOf({ batchSize: 2 }, 5, 0, 5);
  assert.equal(text.split('INSERT INTO "order"').length - 1, 3);
  assert.equal(text.split(';\n').length - 1, 3);
  assert.ok(text.endsWith("(5, 'g4', NULL, 1.00);\n"));
  for (const cut of [1, 2, 3, 4])
    assert.equal(dataOf({ batchSize: 2 }, 5, 0, cut) + dataOf({ batchSize: 2 }, 5, cut, 5), text);
});

test('string literals per dialect: quotes doubled, backslashes safe in any sql_mode, NUL handled', () => {
  const col = str('s');
  const s = "it's a \\ back\\slash";
  assert.equal(postgresDialect.literal(s, col), "'it''s a \\ back\\slash'");
  assert.equal(sqliteDialect.literal(s, col), "'it''s a \\ back\\slash'");
  assert.equal(mysqlDialect.literal(s, col), "_utf8mb4 X'" + Buffer.from(s).toString('hex') + "'");
  assert.equal(mysqlDialect.literal('it\'s "fine"\n', col), "'it''s \"fine\"\n'");
  assert.equal(postgresDialect.literal('a\0b', col), "'ab'");
  assert.equal(sqliteDialect.literal('a\0b', col), "CAST(X'610062' AS TEXT)");
  assert.equal(mysqlDialect.literal('a\0b', col), "_utf8mb4 X'610062'");
});

test('typed literals: booleans, timestamps, non-finite numbers', () => {
  const ts: ColumnSpec = { name: 't', kind: 'timestamp', nullable: false };
  const at = Date.UTC(2024, 1, 29, 23, 59, 58, 7);
  assert.equal(postgresDialect.literal(at, ts), "'2024-02-29T23:59:58.007Z'");
  assert.equal(mysqlDialect.literal(at, ts), "'2024-02-29 23:59:58.007'");
  assert.equal(sqliteDialect.literal(at, ts), "'2024-02-29T23:59:58.007Z'");
  const b: ColumnSpec = { name: 'b', kind: 'boolean', nullable: false };
  assert.deepEqual(
    [postgresDialect, mysqlDialect, sqliteDialect].map((d) => d.literal(true, b)),
    ['TRUE', 'TRUE', '1'],
  );
  const n: ColumnSpec = { name: 'n', kind: 'decimal', scale: 3, nullable: true };
  assert.equal(postgresDialect.literal(Number.NaN, n), 'NULL');
  assert.equal(postgresDialect.literal(-0.5, n), '-0.500');
  const j: ColumnSpec = { name: 'j', kind: 'json', nullable: false };
  assert.equal(postgresDialect.literal({ a: "o'k" }, j), `'{"a":"o''k"}'`);
  assert.equal(postgresDialect.literal('text', j), `'"text"'`);
});

test('COPY: text-format escapes, \\N for null, one block per non-empty table', () => {
  assert.equal(copyText('a\\b\tc\nd\re\0f'), 'a\\\\b\\tc\\nd\\re' + 'f');
  assert.equal(copyText('\\N'), '\\\\N');
  const t = { ...order, rowCount: 2 };
  const enc = sqlFormat.encoder(t, { copy: true }, [t]);
  assert.equal(enc.header(), 'COPY "order" ("id", "group", "customer", "total") FROM stdin;\n');
  assert.equal(enc.row([1, 'x\ty', null, 2], 0), '1\tx\\ty\t\\N\t2.00\n');
  assert.equal(enc.footer(), '\\.\n');
  const empty = sqlFormat.encoder({ ...order, rowCount: 0 }, { copy: true }, [order]);
  assert.equal(empty.header() + empty.footer(), '');
});
