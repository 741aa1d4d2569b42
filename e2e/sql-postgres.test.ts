/**
 * @module The sql format loaded into the real PostgreSQL: schema.sql then data.sql for every
 * example and fixture (INSERTs through pg, COPY blocks through psql), into a fresh database each,
 * with every key and reference declared and enforced; row counts equal the manifest's, and the
 * hostile strings read back as written (minus NUL, which PostgreSQL text cannot hold).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type pg from 'pg';
import { formatDate, formatTime } from '@tdm/core';
import { withPostgresDatabase, hasPsql, psqlFiles } from './helpers/databases.js';
import { exampleSchemas } from './helpers/examples.js';
import { cycleSchema, fixtureSchemas, hostileSchema } from './helpers/fixtures.js';
import { expectedKeys, generateSql, type SqlFiles } from './helpers/sql-files.js';
import { hostileRows } from './helpers/hostile-rows.js';
import { makeTempDir, removeDir } from './helpers/temp-output.js';

const schemas = [...exampleSchemas(), ...fixtureSchemas];

// COPY FROM stdin is a psql feature; .ci/run installs the client (postgresql-client).
test('psql is installed (COPY output is loaded through it)', async () => {
  assert.ok(await hasPsql(), 'install postgresql-client');
});
let dir = '';
before(async () => {
  dir = await makeTempDir('sql-postgres');
});
after(() => removeDir(dir));

async function checkLoaded(client: pg.Client, files: SqlFiles): Promise<void> {
  for (const [table, rows] of Object.entries(files.counts)) {
    const r = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${table.replaceAll('"', '""')}"`);
    assert.equal(Number(r.rows[0]?.n), rows, `${table} rows`);
  }
  const c = await client.query<{ contype: string; condeferrable: boolean }>(
    `SELECT contype, condeferrable FROM pg_constraint WHERE connamespace = 'public'::regnamespace`,
  );
  const keys = expectedKeys(files.tables);
  const count = (type: string): number => c.rows.filter((r) => r.contype === type).length;
  assert.equal(count('p'), keys.primaryKeys, 'primary keys');
  assert.equal(count('u'), keys.uniques, 'unique constraints');
  assert.equal(count('f'), keys.foreignKeys, 'foreign keys');
  assert.equal(c.rows.filter((r) => r.contype === 'f' && r.condeferrable).length, keys.deferredForeignKeys);
}

for (const { name, doc } of schemas) {
  describe(`postgres: ${name}`, () => {
    test('INSERT statements load with every constraint', async () => {
      const files = await generateSql(doc, join(dir, `${name}-insert`), {
        dialect: 'postgres',
        batchSize: 7,
      });
      await withPostgresDatabase(async (client) => {
        await client.query(files.schema);
        await client.query(files.data);
        await checkLoaded(client, files);
      });
    });

    test('COPY blocks load through psql', async () => {
      const files = await generateSql(doc, join(dir, `${name}-copy`), { dialect: 'postgres', copy: true });
      assert.match(files.data, /^COPY /m);
      await withPostgresDatabase(async (client, db) => {
        await psqlFiles(db, [files.schemaPath, files.dataPath]);
        await checkLoaded(client, files);
      });
    });
  });
}

describe('postgres: values read back', () => {
  const expected = hostileRows().map(({ id, text, quoted, maybe, amount, flag, day, at, clock }) => {
    const noNul = (s: string | null): string | null => (s === null ? null : s.replaceAll('\0', ''));
    return {
      id: String(id),
      text: noNul(text),
      quoted: noNul(quoted),
      maybe: noNul(maybe),
      amount: amount.toFixed(3),
      flag,
      day: formatDate(day),
      at: String(at),
      clock: formatTime(clock),
    };
  });
  const query = `SELECT id, text, quoted, maybe, amount::text AS amount, flag, day::text AS day,
    (extract(epoch FROM at) * 1000)::bigint::text AS at, clock::text AS clock FROM hostile ORDER BY id`;

  for (const copy of [false, true]) {
    test(`hostile strings, decimals, dates and times survive ${copy ? 'COPY' : 'INSERT'}`, async () => {
      const files = await generateSql(hostileSchema, join(dir, `readback-${copy}`), {
        dialect: 'postgres',
        copy,
      });
      await withPostgresDatabase(async (client, db) => {
        if (copy) await psqlFiles(db, [files.schemaPath, files.dataPath]);
        else {
          await client.query(files.schema);
          await client.query(files.data);
        }
        assert.deepEqual((await client.query(query)).rows, expected);
      });
    });
  }

  test('cycle-closing references are enforced once loaded', async () => {
    const files = await generateSql(cycleSchema, join(dir, 'cycle-enforced'), { dialect: 'postgres' });
    await withPostgresDatabase(async (client) => {
      await client.query(files.schema);
      await client.query(files.data);
      await assert.rejects(
        client.query(`UPDATE departments SET manager_id = '00000000-0000-4000-8000-000000000000'`),
        /violates foreign key constraint/,
      );
      await assert.rejects(
        client.query(`UPDATE employees SET department_id = -1`),
        /violates foreign key constraint/,
      );
    });
  });
});
