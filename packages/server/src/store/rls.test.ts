/**
 * @module Row-level security, tested under the repositories: as the app role with team B's
 * setting, every team table shows nothing of team A and refuses writes of team A's rows.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Queryable } from './db.js';
import { addDataKey } from './repos/data-keys.js';
import { beginDatasetVersion, publishDatasetVersion } from './repos/dataset-versions.js';
import { createDataset } from './repos/datasets.js';
import { createJob } from './repos/jobs.js';
import { addQualityReport } from './repos/quality-reports.js';
import { createQualityRuleSet } from './repos/quality-rules.js';
import { createSchema } from './repos/schemas.js';
import { createApiKey } from './repos/api-keys.js';
import { recordAudit } from './repos/audit.js';
import { createTeam } from './repos/teams.js';
import { forEachEngine, rejectsWith } from './test-harness.js';

const TEAM_TABLES = [
  'teams',
  'api_keys',
  'team_data_keys',
  'schemas',
  'schema_versions',
  'datasets',
  'dataset_versions',
  'generation_jobs',
  'quality_reports',
  'quality_rule_sets',
  'audit_log',
];

/** Raw SQL as the app role with `tdm.team_id` = team, outside the Db port's helpers. */
function asApp<R>(tx: Queryable, team: string, fn: () => Promise<R>): Promise<R> {
  return tx
    .query('SET LOCAL ROLE tdm_app')
    .then(() => tx.query(`SELECT set_config('tdm.team_id', $1, true)`, [team]))
    .then(fn);
}

forEachEngine('row-level security', (ctx) => {
  test('team B, as the app role, sees none of team A rows in any team table', async () => {
    const s = ctx.store;
    await createTeam(s, { teamId: 'rls-a', teamName: 'A' });
    await createTeam(s, { teamId: 'rls-b', teamName: 'B' });
    await createApiKey(s, { teamId: 'rls-a', name: 'k', role: 'read', hash: 'rls-h' });
    await addDataKey(s, 'rls-a', { keyId: 'k1', sealedKey: new Uint8Array([1]), masterKeyId: 'm' });
    const { schema } = await createSchema(s, 'rls-a', { name: 's', document: 'x', format: 'yaml' });
    const ds = await createDataset(s, 'rls-a', { name: 'd', schemaId: schema.schemaId });
    const v = await beginDatasetVersion(s, 'rls-a', ds.datasetId, {
      recipe: { schemaVersionId: null, seed: 1, engineVersion: '1', now: 'n' },
    });
    await publishDatasetVersion(s, 'rls-a', v.datasetVersionId, { manifest: {}, blobKeys: [] });
    await createJob(s, 'rls-a', { request: {} });
    await addQualityReport(s, 'rls-a', { datasetVersionId: v.datasetVersionId, metrics: {}, results: [] });
    await createQualityRuleSet(s, 'rls-a', { name: 'r', rules: { rules: [] } });
    await recordAudit(s, { teamId: 'rls-a', actor: 'k', action: 'x', outcome: 'success' });

    for (const table of TEAM_TABLES) {
      const asOwner = await s.withAdmin((tx) =>
        tx.query(`SELECT count(*)::int AS n FROM ${table} WHERE team_id = 'rls-a'`),
      );
      assert.ok(Number(asOwner[0]?.n) >= 1, `${table} holds a row of team A`);
      const seen = await s.transaction((tx) =>
        asApp(tx, 'rls-b', () => tx.query(`SELECT * FROM ${table} WHERE team_id = 'rls-a'`)),
      );
      assert.deepEqual(seen, [], `${table}: team B sees nothing of team A`);
      const all = await s.transaction((tx) =>
        asApp(tx, 'rls-b', () => tx.query(`SELECT team_id FROM ${table}`)),
      );
      assert.ok(
        all.every((r) => r.team_id === 'rls-b'),
        `${table}: team B sees only its own rows`,
      );
    }
  });

  test('the app role cannot write rows of another team', async () => {
    const s = ctx.store;
    const writes: [string, string][] = [
      [
        'api_keys',
        `INSERT INTO api_keys (key_id, team_id, name, role, hash) VALUES ('x', 'rls-a', 'n', 'read', 'hx')`,
      ],
      [
        'team_data_keys',
        `INSERT INTO team_data_keys (team_id, key_id, sealed_key, master_key_id) VALUES ('rls-a', 'k9', '\\x01', 'm')`,
      ],
      ['schemas', `INSERT INTO schemas (team_id, name) VALUES ('rls-a', 'evil')`],
      ['datasets', `INSERT INTO datasets (team_id, name) VALUES ('rls-a', 'evil')`],
      ['generation_jobs', `INSERT INTO generation_jobs (team_id, request) VALUES ('rls-a', '{}')`],
      [
        'audit_log',
        `INSERT INTO audit_log (team_id, actor, action, outcome) VALUES ('rls-a', 'x', 'x', 'success')`,
      ],
      ['teams (move a row)', `UPDATE teams SET team_id = 'rls-a' WHERE team_id = 'rls-b'`],
      ['teams (create)', `INSERT INTO teams (team_id, team_name) VALUES ('rls-c', 'C')`],
    ];
    for (const [what, sql] of writes) {
      const e = await rejectsWith(
        s.transaction((tx) => asApp(tx, 'rls-b', () => tx.query(sql))),
        'STORE_SCOPE_VIOLATION',
      );
      assert.ok(e.message.length > 0, what);
    }
    // Updates and deletes aimed at team A's rows simply match nothing.
    const touched = await s.transaction((tx) =>
      asApp(tx, 'rls-b', () =>
        tx.query(`UPDATE datasets SET name = 'stolen' WHERE team_id = 'rls-a' RETURNING 1`),
      ),
    );
    assert.deepEqual(touched, []);
    const gone = await s.transaction((tx) =>
      asApp(tx, 'rls-b', () => tx.query(`DELETE FROM generation_jobs WHERE team_id = 'rls-a' RETURNING 1`)),
    );
    assert.deepEqual(gone, []);
  });

  test('without a team setting the app role sees nothing at all', async () => {
    const rows = await ctx.store.transaction(async (tx) => {
      await tx.query('SET LOCAL ROLE tdm_app');
      return tx.query('SELECT * FROM datasets');
    });
    assert.deepEqual(rows, []);
    await rejectsWith(
      ctx.store.withTeam('Not A Team', (tx) => tx.query('SELECT 1')),
      'TEAM_ID_INVALID',
    );
  });
});
