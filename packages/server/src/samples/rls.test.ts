/**
 * @module Row-level security of the sample tables: as the app role, team B sees none of team A's
 * samples, files, jobs or secrets, and cannot write rows for team A.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTeam, type Queryable } from '../store/index.js';
import { forEachEngine } from '../store/test-harness.js';

const TABLES = ['samples', 'sample_files', 'sample_jobs', 'team_secrets'];

function asApp<R>(tx: Queryable, team: string, fn: () => Promise<R>): Promise<R> {
  return tx
    .query('SET LOCAL ROLE tdm_app')
    .then(() => tx.query(`SELECT set_config('tdm.team_id', $1, true)`, [team]))
    .then(fn);
}

forEachEngine('sample tables row-level security', (ctx) => {
  test('team B, as the app role, neither sees nor writes team A rows', async () => {
    const s = ctx.store;
    await createTeam(s, { teamId: 'srls-a', teamName: 'A' });
    await createTeam(s, { teamId: 'srls-b', teamName: 'B' });
    await s.withTeam('srls-a', async (tx) => {
      const [row] = await tx.query(
        `INSERT INTO samples (team_id, name, expires_at) VALUES ('srls-a', 'x', now() + interval '1 day')
           RETURNING sample_id`,
      );
      const id = String(row?.sample_id);
      await tx.query(
        `INSERT INTO sample_files (team_id, sample_id, entity, format, blob_key, bytes, sha256)
           VALUES ('srls-a', $1, 'people', 'csv', 'samples/k', 1, $2)`,
        [id, 'a'.repeat(64)],
      );
      await tx.query(
        `INSERT INTO sample_jobs (team_id, sample_id, kind, request) VALUES ('srls-a', $1, 'mask', '{}')`,
        [id],
      );
      await tx.query(
        `INSERT INTO team_secrets (team_id, name, blob_key) VALUES ('srls-a', 'pseudonym', 'k')`,
      );
    });
    for (const table of TABLES) {
      const seen = await s.transaction((tx) =>
        asApp(tx, 'srls-b', () => tx.query(`SELECT * FROM ${table} WHERE team_id = 'srls-a'`)),
      );
      assert.deepEqual(seen, [], `${table}: team B sees nothing of team A`);
      const own = await s.transaction((tx) =>
        asApp(tx, 'srls-a', () => tx.query(`SELECT * FROM ${table} WHERE team_id = 'srls-a'`)),
      );
      assert.equal(own.length, 1, `${table}: team A sees its row`);
    }
    const writes = [
      `INSERT INTO samples (team_id, name, expires_at) VALUES ('srls-a', 'evil', now() + interval '1 day')`,
      `INSERT INTO sample_jobs (team_id, kind, request) VALUES ('srls-a', 'mask', '{}')`,
      `INSERT INTO team_secrets (team_id, name, blob_key) VALUES ('srls-a', 'other', 'k')`,
    ];
    for (const sql of writes) {
      const moved = await s
        .transaction((tx) => asApp(tx, 'srls-b', () => tx.query(sql)))
        .then(
          () => 'accepted',
          (e: unknown) => String((e as { code?: string }).code ?? e),
        );
      assert.notEqual(moved, 'accepted', sql);
    }
    const count = await s.withAdmin((tx) =>
      tx.query(`SELECT count(*)::int AS n FROM samples WHERE team_id = 'srls-a'`),
    );
    assert.equal(count[0]?.n, 1, 'team A still has exactly its own sample');
  });
});
