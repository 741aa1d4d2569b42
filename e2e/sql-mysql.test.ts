/**
 * @module The sql format loaded into the real MariaDB (the mysql dialect): schema.sql then data.sql
 * for every example and fixture into a fresh database each, every key and reference declared (the
 * ones that close a cycle added at the end of data.sql, validated by InnoDB); row counts equal the
 * manifest's, and hostile strings (backslashes and NUL included) read back exactly.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type mysql from 'mysql2/promise';
import { formatDate, formatTime } from '@tdm/core';
import { withMysqlDatabase } from './helpers/databases.js';
import { engineTables, exampleSchemas } from './helpers/examples.js';
import { cycleSchema, fixtureSchemas, hostileSchema } from './helpers/fixtures.js';
import { expectedKeys, generateSql, type SqlFiles } from './helpers/sql-files.js';
import { hostileRows } from './helpers/hostile-rows.js';
import { makeTempDir, removeDir } from './helpers/temp-output.js';

const schemas = [...exampleSchemas(), ...fixtureSchemas];
let dir = '';
before(async () => {
  dir = await makeTempDir('sql-mysql');
});
after(() => removeDir(dir));

type Rows = Record<string, unknown>[];

async function load(conn: mysql.Connection, files: SqlFiles): Promise<void> {
  await conn.query(files.schema);
  await conn.query(files.data);
}

async function checkLoaded(conn: mysql.Connection, db: string, files: SqlFiles): Promise<void> {
  for (const [table, rows] of Object.entries(files.counts)) {
    const [r] = await conn.query(`SELECT count(*) AS n FROM \`${table.replaceAll('`', '``')}\``);
    assert.equal(Number((r as Rows)[0]?.n), rows, `${table} rows`);
  }
  const [c] = await conn.query(
    `SELECT CONSTRAINT_TYPE AS type FROM information_schema.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = ?`,
    [db],
  );
  const types = (c as Rows).map((r) => r.type);
  const keys = expectedKeys(files.tables);
  assert.equal(types.filter((t) => t === 'PRIMARY KEY').length, keys.primaryKeys, 'primary keys');
  assert.equal(types.filter((t) => t === 'UNIQUE').length, keys.uniques, 'unique constraints');
  assert.equal(types.filter((t) => t === 'FOREIGN KEY').length, keys.foreignKeys, 'foreign keys');
}

for (const { name, doc } of schemas) {
  test(`mysql: ${name} loads with every constraint`, async () => {
    const files = await generateSql(doc, join(dir, `load-${name}`), { dialect: 'mysql', batchSize: 7 });
    await withMysqlDatabase(async (conn, db) => {
      await load(conn, files);
      await checkLoaded(conn, db, files);
    });
  });
}

describe('mysql: values read back', () => {
  test('hostile strings, decimals, dates and times survive', async () => {
    const expected = hostileRows().map(({ id, text, quoted, maybe, amount, flag, day, at, clock }) => {
      return {
        id,
        text,
        quoted,
        maybe,
        amount: amount.toFixed(3),
        flag: flag ? 1 : 0,
        day: formatDate(day),
        // DATETIME(3) holds the UTC wall time with milliseconds.
        at: new Date(at).toISOString().replace('T', ' ').replace('Z', ''),
        clock: formatTime(clock).padEnd(12, '.000'),
      };
    });
    const files = await generateSql(hostileSchema, join(dir, 'readback'), { dialect: 'mysql' });
    await withMysqlDatabase(async (conn) => {
      await load(conn, files);
      const [rows] = await conn.query(
        'SELECT id, text, quoted, maybe, amount, flag, day, at, clock FROM hostile ORDER BY id',
      );
      assert.deepEqual(
        (rows as Rows).map((r) => ({ ...r })),
        expected,
      );
      // The same strings as keys: a unique, case- and space-sensitive primary key.
      const [labels] = await conn.query('SELECT label FROM labels');
      const got = (labels as Rows).map((r) => r.label as string).sort();
      assert.deepEqual(got, expected.map((e) => e.text).sort());
    });
  });

  test('strings load the same with NO_BACKSLASH_ESCAPES', async () => {
    const files = await generateSql(hostileSchema, join(dir, 'no-backslash'), { dialect: 'mysql' });
    await withMysqlDatabase(async (conn) => {
      await conn.query(`SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES')`);
      await load(conn, files);
      const [rows] = await conn.query('SELECT text FROM hostile ORDER BY id');
      const hostile = engineTables(hostileSchema).find((t) => t.name === 'hostile');
      assert.deepEqual(
        (rows as Rows).map((r) => r.text),
        (hostile?.rows ?? []).map((r) => r[1]),
      );
    });
  });

  test('cycle-closing references are enforced once loaded', async () => {
    const files = await generateSql(cycleSchema, join(dir, 'cycle-enforced'), { dialect: 'mysql' });
    assert.match(files.data, /ALTER TABLE `departments` ADD FOREIGN KEY/);
    await withMysqlDatabase(async (conn) => {
      await load(conn, files);
      await assert.rejects(
        conn.query(`UPDATE departments SET manager_id = '00000000-0000-4000-8000-000000000000'`),
        /foreign key constraint fails/,
      );
      await assert.rejects(
        conn.query('UPDATE employees SET department_id = -1'),
        /foreign key constraint fails/,
      );
    });
  });
});
