/**
 * @module The sql format loaded into SQLite (better-sqlite3, a temp file) with foreign keys on:
 * every example and fixture loads, `PRAGMA foreign_key_check` finds nothing, row counts equal the
 * manifest's, references are declared (cycle-closing ones DEFERRABLE), hostile strings read back.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { formatDate, formatTime, formatTimestamp } from '@tdm/core';
import { exampleSchemas } from './helpers/examples.js';
import { cycleSchema, fixtureSchemas, hostileSchema } from './helpers/fixtures.js';
import { expectedKeys, generateSql, type SqlFiles } from './helpers/sql-files.js';
import { hostileRows } from './helpers/hostile-rows.js';
import { makeTempDir, removeDir } from './helpers/temp-output.js';

const schemas = [...exampleSchemas(), ...fixtureSchemas];
let dir = '';
before(async () => {
  dir = await makeTempDir('sql-sqlite');
});
after(() => removeDir(dir));

function withSqlite<T>(path: string, fn: (db: Database.Database) => T): T {
  const db = new Database(path);
  try {
    db.pragma('foreign_keys = ON');
    return fn(db);
  } finally {
    db.close();
  }
}

function load(db: Database.Database, files: SqlFiles): void {
  db.exec(files.schema);
  db.exec(files.data);
}

const q = (name: string): string => '"' + name.replaceAll('"', '""') + '"';

for (const { name, doc } of schemas) {
  test(`sqlite: ${name} loads with foreign keys on and none violated`, async () => {
    const files = await generateSql(doc, join(dir, `load-${name}`), { dialect: 'sqlite', batchSize: 7 });
    withSqlite(join(dir, `load-${name}.db`), (db) => {
      load(db, files);
      assert.deepEqual(db.pragma('foreign_key_check'), []);
      for (const [table, rows] of Object.entries(files.counts)) {
        const r = db.prepare(`SELECT count(*) AS n FROM ${q(table)}`).get() as { n: number };
        assert.equal(r.n, rows, `${table} rows`);
      }
      const fks = files.tables.flatMap(
        (t) => db.pragma(`foreign_key_list(${q(t.name)})`) as { table: string }[],
      );
      assert.equal(fks.length, expectedKeys(files.tables).foreignKeys, 'foreign keys');
    });
  });
}

describe('sqlite: values read back and constraints hold', () => {
  test('hostile strings (NUL included), decimals, dates and times survive', async () => {
    const files = await generateSql(hostileSchema, join(dir, 'readback'), { dialect: 'sqlite' });
    const expected = hostileRows().map(({ id, text, quoted, maybe, amount, flag, day, at, clock }) => {
      return {
        id,
        text,
        quoted,
        maybe,
        amount,
        flag: flag ? 1 : 0,
        day: formatDate(day),
        at: formatTimestamp(at),
        clock: formatTime(clock),
      };
    });
    withSqlite(join(dir, 'readback.db'), (db) => {
      load(db, files);
      const rows = db
        .prepare('SELECT id, text, quoted, maybe, amount, flag, day, at, clock FROM hostile ORDER BY id')
        .all();
      assert.deepEqual(rows, expected);
    });
  });

  test('cycle-closing references are deferrable and enforced', async () => {
    const files = await generateSql(cycleSchema, join(dir, 'cycle-enforced'), { dialect: 'sqlite' });
    assert.match(files.schema, /REFERENCES "employees" \("id"\) DEFERRABLE INITIALLY DEFERRED/);
    withSqlite(join(dir, 'cycle-enforced.db'), (db) => {
      load(db, files);
      assert.throws(
        () => db.exec(`UPDATE departments SET manager_id = '00000000-0000-4000-8000-000000000000'`),
        /FOREIGN KEY constraint failed/,
      );
      assert.throws(
        () => db.exec('UPDATE employees SET department_id = -1'),
        /FOREIGN KEY constraint failed/,
      );
    });
  });
});
