/** @module Retention, eviction and verified rebuild on both engines; a tampered recipe is caught. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Manifest } from '@tdm/core';
import { createTeam, getDatasetVersionById, listDatasets, listDatasetVersions } from '../store/index.js';
import { forEachEngine } from '../store/test-harness.js';
import { jobHarness, settled, sha256Of, shopSchema, type Harness } from './jobs-test-support.js';
import type { JobService } from './service.js';
import { manifestFiles, versionPrefix } from './version-files.js';

forEachEngine('retention and rebuild', (ctx) => {
  let h: Harness;
  let jobs: JobService;
  before(async () => {
    h = await jobHarness(ctx.store, ctx.place);
    jobs = h.service();
    await jobs.start();
    await createTeam(ctx.store, { teamId: 'ra', teamName: 'ra' });
  });
  after(() => h.dispose());

  test('old versions are archived and evicted; a rebuild verifies every sha256; tampering is caught', async () => {
    const first = await jobs.submit(
      'ra',
      { schema: shopSchema(2000), options: { format: 'csv', seed: 11 } },
      't',
    );
    assert.equal((await settled(jobs, 'ra', first.jobId)).status, 'completed');
    for (let i = 0; i < 2; i++) {
      const j = await jobs.refreshTeamData('ra', 't');
      assert.equal((await settled(jobs, 'ra', j.jobId)).status, 'completed');
    }
    const [ds] = await listDatasets(ctx.store, 'ra');
    assert.ok(ds);
    const before3 = await listDatasetVersions(ctx.store, 'ra', ds.datasetId);
    assert.deepEqual(
      before3.map((v) => v.version),
      [3, 2, 1],
    );
    assert.equal(before3[0]?.recipe.seed, 11, 'a refresh keeps the seed');

    const r = await jobs.archiveOldData('ra', { keepLast: 1, evictFiles: true });
    assert.equal(r.archived.length, 2);
    assert.equal(r.evicted.length, 2);
    const v1 = before3[2];
    assert.ok(v1);
    const prefix = versionPrefix(ds.datasetId, 1);
    assert.deepEqual(await h.blobs.listBlobs('ra', prefix), []);
    assert.equal((await getDatasetVersionById(ctx.store, 'ra', v1.datasetVersionId)).status, 'evicted');

    const rebuilt = await jobs.materializeVersion('ra', v1.datasetVersionId);
    assert.equal(rebuilt.status, 'published');
    for (const f of manifestFiles(v1.manifest as unknown as Manifest)) {
      assert.equal(await sha256Of(await h.blobs.getBlob('ra', `${prefix}/${f.name}`)), f.sha256);
    }
    await assert.rejects(
      jobs.materializeVersion('ra', v1.datasetVersionId),
      (e: { code: string }) => e.code === 'JOB_STATE_INVALID',
    );

    // Tamper with an evicted version's recipe: another seed makes other bytes.
    const v2 = before3[1];
    assert.ok(v2);
    await ctx.store.query(
      `UPDATE dataset_versions SET recipe = jsonb_set(recipe, '{seed}', '12') WHERE dataset_version_id = $1`,
      [v2.datasetVersionId],
    );
    await assert.rejects(
      jobs.materializeVersion('ra', v2.datasetVersionId),
      (e: { code: string; message: string }) =>
        e.code === 'JOB_CHECKSUM_MISMATCH' && /customers\.csv: sha256/.test(e.message),
    );
    assert.deepEqual(await h.blobs.listBlobs('ra', versionPrefix(ds.datasetId, 2)), []);
    assert.equal((await getDatasetVersionById(ctx.store, 'ra', v2.datasetVersionId)).status, 'evicted');

    // An engine the files were not made with, and a schema that no longer hashes the same.
    await ctx.store.query(
      `UPDATE dataset_versions SET recipe = jsonb_set(recipe, '{engineVersion}', '"2.0.0"') WHERE dataset_version_id = $1`,
      [v2.datasetVersionId],
    );
    await assert.rejects(
      jobs.materializeVersion('ra', v2.datasetVersionId),
      (e: { code: string }) => e.code === 'JOB_RECIPE_MISMATCH',
    );
    await ctx.store.query(
      `UPDATE dataset_versions SET recipe = jsonb_set(jsonb_set(recipe, '{engineVersion}', '"1.0.0"'), '{schemaText}',
         to_jsonb(replace(recipe->>'schemaText', '"seed":7', '"seed":99'))) WHERE dataset_version_id = $1`,
      [v2.datasetVersionId],
    );
    await assert.rejects(
      jobs.materializeVersion('ra', v2.datasetVersionId),
      (e: { code: string }) => e.code === 'JOB_RECIPE_MISMATCH',
    );
    await assert.rejects(
      jobs.archiveOldData('ra', {}),
      (e: { code: string }) => e.code === 'JOB_REQUEST_INVALID',
    );
  });
});
