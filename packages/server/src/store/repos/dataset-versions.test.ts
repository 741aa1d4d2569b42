/** @module Datasets, versions and quality reports on both engines: atomic publish, scoping, errors. */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { forEachEngine, rejectsWith } from '../test-harness.js';
import {
  beginDatasetVersion,
  discardDatasetVersion,
  getDatasetVersion,
  getDatasetVersionById,
  listDatasetVersions,
  publishDatasetVersion,
  setDatasetVersionStatus,
  type Recipe,
} from './dataset-versions.js';
import {
  createDataset,
  findDatasetByName,
  getDataset,
  listDatasets,
  setDatasetArchived,
} from './datasets.js';
import { addQualityReport, getQualityReport, listQualityReports } from './quality-reports.js';
import { createTeam } from './teams.js';

const recipe: Recipe = {
  schemaVersionId: null,
  seed: 42,
  scale: 1,
  engineVersion: '1',
  now: '2025-01-01T00:00:00Z',
};
const manifest = { files: [{ entity: 'customers', rows: 10, sha256: 'ab'.repeat(32) }] };

forEachEngine('dataset versions', (ctx) => {
  test('a building version is invisible until published; publish is one atomic update', async () => {
    await createTeam(ctx.store, { teamId: 'va', teamName: 'A' });
    await createTeam(ctx.store, { teamId: 'vb', teamName: 'B' });
    const ds = await createDataset(ctx.store, 'va', { name: 'shop' });
    assert.equal(ds.latestVersion, null);
    const v1 = await beginDatasetVersion(ctx.store, 'va', ds.datasetId, { recipe });
    assert.equal(v1.version, 1);
    assert.equal(v1.status, 'building');
    assert.deepEqual(await listDatasetVersions(ctx.store, 'va', ds.datasetId), []);
    await rejectsWith(getDatasetVersion(ctx.store, 'va', ds.datasetId, 1), 'STORE_NOT_FOUND');
    await rejectsWith(getDatasetVersionById(ctx.store, 'va', v1.datasetVersionId), 'STORE_NOT_FOUND');
    assert.equal((await getDataset(ctx.store, 'va', ds.datasetId)).latestVersion, null);
    assert.equal(
      (await getDatasetVersionById(ctx.store, 'va', v1.datasetVersionId, { includeBuilding: true })).status,
      'building',
    );

    const p = await publishDatasetVersion(ctx.store, 'va', v1.datasetVersionId, {
      manifest,
      blobKeys: ['va/1/customers'],
    });
    assert.equal(p.status, 'published');
    assert.ok(p.publishedAt instanceof Date);
    assert.deepEqual(p.manifest, manifest);
    assert.deepEqual(
      (await listDatasetVersions(ctx.store, 'va', ds.datasetId)).map((v) => v.version),
      [1],
    );
    assert.equal((await listDatasets(ctx.store, 'va'))[0]?.latestVersion, 1);
    assert.deepEqual((await getDatasetVersion(ctx.store, 'va', ds.datasetId, 1)).recipe, recipe);
    await rejectsWith(
      publishDatasetVersion(ctx.store, 'va', v1.datasetVersionId, { manifest, blobKeys: [] }),
      'STORE_STATE_INVALID',
    );

    // A second build gets the next number; discarding it leaves the published one alone.
    const v2 = await beginDatasetVersion(ctx.store, 'va', ds.datasetId, { recipe });
    assert.equal(v2.version, 2);
    await discardDatasetVersion(ctx.store, 'va', v2.datasetVersionId);
    await rejectsWith(discardDatasetVersion(ctx.store, 'va', v1.datasetVersionId), 'STORE_STATE_INVALID');
    assert.equal(
      (await setDatasetVersionStatus(ctx.store, 'va', v1.datasetVersionId, 'evicted')).status,
      'evicted',
    );
    assert.equal((await listDatasetVersions(ctx.store, 'va', ds.datasetId)).length, 1);
  });

  test('concurrent builds of one dataset get distinct numbers', async () => {
    const ds = await createDataset(ctx.store, 'va', { name: 'parallel' });
    const vs = await Promise.all(
      [1, 2, 3, 4].map(() => beginDatasetVersion(ctx.store, 'va', ds.datasetId, { recipe })),
    );
    assert.deepEqual(vs.map((v) => v.version).sort(), [1, 2, 3, 4]);
  });

  test('datasets: find by name, archive, another team sees nothing', async () => {
    const ds = await findDatasetByName(ctx.store, 'va', 'shop');
    assert.ok(ds);
    assert.equal(await findDatasetByName(ctx.store, 'vb', 'shop'), null);
    assert.deepEqual(await listDatasets(ctx.store, 'vb'), []);
    await rejectsWith(getDataset(ctx.store, 'vb', ds.datasetId), 'STORE_NOT_FOUND');
    assert.deepEqual(await listDatasetVersions(ctx.store, 'vb', ds.datasetId), []);
    await rejectsWith(beginDatasetVersion(ctx.store, 'vb', ds.datasetId, { recipe }), 'STORE_NOT_FOUND');
    await rejectsWith(getDatasetVersion(ctx.store, 'vb', ds.datasetId, 1), 'STORE_NOT_FOUND');
    await setDatasetArchived(ctx.store, 'va', ds.datasetId, true);
    assert.deepEqual(
      (await listDatasets(ctx.store, 'va')).map((d) => d.name),
      ['parallel'],
    );
    assert.equal((await listDatasets(ctx.store, 'va', { includeArchived: true })).length, 2);
    await rejectsWith(setDatasetArchived(ctx.store, 'vb', ds.datasetId, false), 'STORE_NOT_FOUND');
  });

  test('quality reports belong to a version of the same team', async () => {
    const ds = await findDatasetByName(ctx.store, 'va', 'shop');
    const [v] = await listDatasetVersions(ctx.store, 'va', ds?.datasetId ?? '');
    const r = await addQualityReport(ctx.store, 'va', {
      datasetVersionId: v?.datasetVersionId ?? '',
      metrics: { score: 0.98 },
      results: [{ rule: 'r1', passed: true }],
    });
    assert.deepEqual((await getQualityReport(ctx.store, 'va', r.reportId)).metrics, { score: 0.98 });
    assert.equal((await listQualityReports(ctx.store, 'va', r.datasetVersionId ?? '')).length, 1);
    await rejectsWith(getQualityReport(ctx.store, 'vb', r.reportId), 'STORE_NOT_FOUND');
    assert.deepEqual(await listQualityReports(ctx.store, 'vb', r.datasetVersionId ?? ''), []);
    // Team B cannot attach a report to team A's version: the composite key finds no such version.
    await rejectsWith(
      addQualityReport(ctx.store, 'vb', { datasetVersionId: r.datasetVersionId, metrics: {}, results: [] }),
      'STORE_NOT_FOUND',
    );
  });

  test('bad input answers with coded errors', async () => {
    await rejectsWith(createDataset(ctx.store, 'va', { name: 'parallel' }), 'STORE_CONFLICT');
    await rejectsWith(createDataset(ctx.store, 'va', { name: 'x'.repeat(201) }), 'STORE_INPUT_INVALID');
    await rejectsWith(
      createDataset(ctx.store, 'va', { name: 'y', schemaId: randomUUID() }),
      'STORE_NOT_FOUND',
    );
    await rejectsWith(createDataset(ctx.store, 'ghost', { name: 'z' }), 'TEAM_NOT_FOUND');
    await rejectsWith(getDataset(ctx.store, 'va', "1' OR '1'='1"), 'STORE_NOT_FOUND');
    await rejectsWith(beginDatasetVersion(ctx.store, 'va', randomUUID(), { recipe }), 'STORE_NOT_FOUND');
    await rejectsWith(
      publishDatasetVersion(ctx.store, 'va', randomUUID(), { manifest, blobKeys: [] }),
      'STORE_NOT_FOUND',
    );
    await rejectsWith(getDatasetVersion(ctx.store, 'va', randomUUID(), 1.5), 'STORE_INPUT_INVALID');
    await rejectsWith(getQualityReport(ctx.store, 'va', 'nope'), 'STORE_NOT_FOUND');
  });
});
