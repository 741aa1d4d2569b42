/**
 * @module The DataManagerService end to end on both engines with real jobs: team environments
 * (idempotent, conflicts coded, keys shown once), distribution by copy and by verified rebuild,
 * filtered reads, refresh and retention, and an audit record for every mutation.
 */
import assert from 'node:assert/strict';
import { createSecretKey, randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { Manifest } from '@tdm/core';
import { createAuthenticator } from '../auth/index.js';
import { jobHarness, settled, sha256Of, shopSchema, type Harness } from '../jobs/jobs-test-support.js';
import { manifestFiles, versionPrefix, type JobRecipe, type JobService } from '../jobs/index.js';
import { createSchema, getDatasetVersionById, listAudit, type DatasetVersion } from '../store/index.js';
import { forEachEngine, rejectsWith } from '../store/test-harness.js';
import { createDataManager } from './data-manager.js';
import type { DataManagerService } from './types.js';

forEachEngine('DataManagerService', (ctx) => {
  const pepper = createSecretKey(randomBytes(32));
  let h: Harness;
  let jobs: JobService;
  let dm: DataManagerService;
  let source: DatasetVersion;
  before(async () => {
    h = await jobHarness(ctx.store, ctx.place);
    jobs = h.service();
    await jobs.start();
    dm = createDataManager({ db: ctx.store, jobs, blobs: h.blobs, pepper });
  });
  after(() => h.dispose());

  async function files(teamId: string, v: DatasetVersion): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    const prefix = versionPrefix(v.datasetId, v.version);
    for (const f of manifestFiles(v.manifest as unknown as Manifest)) {
      out[f.name] = await sha256Of(await h.blobs.getBlob(teamId, `${prefix}/${f.name}`));
    }
    return out;
  }
  const expected = (v: DatasetVersion) =>
    Object.fromEntries(manifestFiles(v.manifest as unknown as Manifest).map((f) => [f.name, f.sha256]));

  test('createTeamEnvironment: settings stored, keys shown once, idempotent, conflicts coded', async () => {
    const config = {
      teamName: 'Source',
      namespace: 'qa.source',
      accessControls: { downloads: 'team-only' },
      customizations: {
        defaultLocale: 'de',
        defaultFormats: ['ndjson' as const],
        qualityLevel: 'standard' as const,
      },
      refresh: { schedule: '0 2 * * 1', timezone: 'Europe/Berlin', retainVersions: 1 },
      keys: [{ role: 'write' as const, name: 'ci' }],
    };
    const env = await dm.createTeamEnvironment('src', config, 'ops');
    assert.equal(env.created, true);
    assert.equal(env.dataNamespace, 'qa.source');
    assert.deepEqual(env.customizations, config.customizations);
    assert.deepEqual(env.refreshSchedule, config.refresh);
    assert.deepEqual(env.accessPolicy, { downloads: 'team-only' });
    assert.equal(env.issuedKeys.length, 1);
    const issued = env.issuedKeys[0];
    assert.ok(issued);
    const principal = await createAuthenticator({ db: ctx.store, pepper })(`Bearer ${issued.key}`);
    assert.deepEqual([principal.teamId, principal.role], ['src', 'write']);
    assert.deepEqual(
      env.accessControls.map((a) => [a.principal, a.role, a.name]),
      [[issued.keyId, 'write', 'ci']],
    );

    const again = await dm.createTeamEnvironment('src', config, 'ops');
    assert.equal(again.created, false);
    assert.deepEqual(again.issuedKeys, [], 'a repeat issues no key');
    assert.equal(again.accessControls.length, 1);
    const clash = await rejectsWith(
      dm.createTeamEnvironment('src', { ...config, customizations: { defaultLocale: 'fr' } }, 'ops'),
      'TEAM_EXISTS',
    );
    assert.match(clash.message, /another customizations/);

    const bad = await rejectsWith(
      dm.createTeamEnvironment(
        'bad-team',
        {
          teamName: '',
          customizations: { defaultLocale: 'xx', defaultFormats: ['docx' as 'csv'] },
          colour: 'blue',
        } as never,
        'ops',
      ),
      'REQUEST_INVALID',
    );
    for (const path of ['teamName', 'customizations.defaultFormats.0', '(config)']) {
      assert.ok(bad.message.includes(`${path}:`), `${path} in ${bad.message}`);
    }
    await rejectsWith(dm.createTeamEnvironment('Bad Id', { teamName: 'x' }, 'ops'), 'TEAM_ID_INVALID');
    await dm.createTeamEnvironment('dst', { teamName: 'Target' }, { actor: 'ops', requestId: 'r-1' });

    const audit = await listAudit(ctx.store, 'src', {});
    assert.deepEqual(
      audit.map((a) => [a.action, a.outcome, a.actor]),
      [
        ['team.create', 'error', 'ops'],
        ['key.create', 'success', 'ops'],
        ['team.create', 'success', 'ops'],
      ],
    );
    assert.equal((await listAudit(ctx.store, 'dst', {}))[0]?.requestId, 'r-1');
  });

  test('distributeDataToTeam by copy: re-sealed for the target, checksums verified, lineage kept', async () => {
    // The source version comes from a saved schema, which the target team cannot read.
    const saved = await createSchema(ctx.store, 'src', {
      name: 'shop',
      document: shopSchema(400),
      format: 'yaml',
    });
    const job = await jobs.submit('src', { schemaId: saved.schema.schemaId, options: { seed: 5 } }, 'ops');
    const done = await settled(jobs, 'src', job.jobId);
    assert.equal(done.status, 'completed', String(done.errorMessage));
    source = await getDatasetVersionById(ctx.store, 'src', done.datasetVersionId ?? '');
    assert.equal((source.manifest as unknown as Manifest).locale, 'de', 'the team default locale applied');

    const from = { teamId: 'src', datasetId: source.datasetId, version: source.version };
    const r = await dm.distributeDataToTeam('dst', { from, datasetName: 'shop-from-src' }, 'ops');
    assert.equal(r.files, 'copy');
    assert.equal(r.version.status, 'published');
    assert.equal(r.version.teamId, 'dst');
    assert.equal(r.dataset.name, 'shop-from-src');
    assert.deepEqual(r.version.manifest, source.manifest);
    const recipe = r.version.recipe as JobRecipe;
    assert.equal(recipe.schemaVersionId, null);
    assert.equal((JSON.parse(recipe.schemaText ?? '{}') as { name?: string }).name, 'shop');
    assert.deepEqual(recipe['distributedFrom'], { ...from, datasetVersionId: source.datasetVersionId });
    assert.deepEqual(await files('dst', r.version), expected(source));
    // Sealed under the target team's own data key: its blobs live in its own directory only.
    assert.deepEqual((await h.blobs.listBlobs('dst')).sort(), [...r.version.blobKeys].sort());
    const [last] = await listAudit(ctx.store, 'dst', {});
    assert.deepEqual(
      [last?.action, last?.outcome, last?.details['version']],
      ['dataset.distribute', 'success', 1],
    );
  });

  test('distributeDataToTeam by rebuild: files made and verified on first use; a bad copy publishes nothing', async () => {
    const from = { teamId: 'src', datasetId: source.datasetId, version: source.version };
    const r = await dm.distributeDataToTeam('dst', { from, datasetName: 'lazy', files: 'rebuild' }, 'ops');
    assert.equal(r.version.status, 'evicted');
    assert.deepEqual(await h.blobs.listBlobs('dst', r.dataset.datasetId), []);
    const rebuilt = await jobs.materializeVersion('dst', r.version.datasetVersionId);
    assert.equal(rebuilt.status, 'published');
    assert.deepEqual(await files('dst', rebuilt), expected(source));
    assert.deepEqual(
      [...rebuilt.blobKeys].sort(),
      (await h.blobs.listBlobs('dst', r.dataset.datasetId)).sort(),
    );

    // A source file that no longer matches its checksum is not distributed.
    await ctx.store.query(
      `UPDATE dataset_versions SET manifest = jsonb_set(manifest, '{entities,orders,files,0,sha256}', '"00"')
         WHERE dataset_version_id = $1`,
      [source.datasetVersionId],
    );
    const e = await rejectsWith(
      dm.distributeDataToTeam('dst', { from, datasetName: 'tampered' }, 'ops'),
      'JOB_CHECKSUM_MISMATCH',
    );
    assert.match(e.message, /orders\.ndjson: sha256 [0-9a-f]{64}, expected 00/);
    const data = await dm.getTeamData('dst', { name: 'tampered' });
    assert.deepEqual(data.datasets, []);
    const [failed] = await listAudit(ctx.store, 'dst', {});
    assert.deepEqual([failed?.outcome, failed?.details['errorCode']], ['error', 'JOB_CHECKSUM_MISMATCH']);
    await rejectsWith(
      dm.distributeDataToTeam('dst', { from: { ...from, version: 99 } }, 'ops'),
      'STORE_NOT_FOUND',
    );
    await rejectsWith(dm.distributeDataToTeam('nobody', { from }, 'ops'), 'TEAM_NOT_FOUND');
  });

  test('getTeamData filters; refreshTeamData waits for the new version; archiveOldData keeps retainVersions', async () => {
    const refreshed = await dm.refreshTeamData('src', { datasetName: 'shop', wait: true }, 'ops');
    assert.equal(refreshed.job.status, 'completed');
    assert.equal(refreshed.version?.version, 2);
    const t2 = refreshed.version?.publishedAt as Date;

    const all = await dm.getTeamData('src');
    assert.deepEqual(
      all.datasets.map((d) => [d.dataset.name, d.versions.map((v) => v.version)]),
      [['shop', [2, 1]]],
    );
    const latest = await dm.getTeamData('src', { latestOnly: true });
    assert.deepEqual(
      latest.datasets[0]?.versions.map((v) => v.version),
      [2],
    );
    const recent = await dm.getTeamData('src', { since: t2.toISOString() });
    assert.deepEqual(
      recent.datasets[0]?.versions.map((v) => v.version),
      [2],
    );
    assert.deepEqual((await dm.getTeamData('src', { name: 'nope' })).datasets, []);
    await rejectsWith(dm.getTeamData('src', { since: 'yesterday-ish' }), 'REQUEST_INVALID');

    // No policy given: the team's refresh.retainVersions (1) decides.
    const archived = await dm.archiveOldData('src', undefined, 'ops');
    assert.equal(archived.archived.length, 1);
    const published = await dm.getTeamData('src', { status: 'published' });
    assert.deepEqual(
      published.datasets[0]?.versions.map((v) => v.version),
      [2],
    );
    const old = await dm.getTeamData('src', { status: ['archived'] });
    assert.deepEqual(
      old.datasets[0]?.versions.map((v) => v.version),
      [1],
    );
    // dst has no retention preference: a policy is required.
    await rejectsWith(dm.archiveOldData('dst', undefined, 'ops'), 'JOB_REQUEST_INVALID');

    const actions = (await listAudit(ctx.store, 'src', {})).map((a) => `${a.action}:${a.outcome}`);
    assert.ok(actions.includes('data.refresh:success'));
    assert.ok(actions.includes('data.archive:success'));
    const dstActions = (await listAudit(ctx.store, 'dst', {})).map((a) => `${a.action}:${a.outcome}`);
    assert.ok(dstActions.includes('data.archive:error'));
  });
});
