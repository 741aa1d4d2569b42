/** @module Job service end to end on both engines: publish with verified checksums, events per team, failures. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Manifest } from '@tdm/core';
import { createTeam, listDatasets, listDatasetVersions } from '../store/index.js';
import { forEachEngine } from '../store/test-harness.js';
import type { JobEvent } from './events.js';
import { ended, jobHarness, settled, sha256Of, shopSchema, type Harness } from './jobs-test-support.js';
import type { JobService } from './service.js';
import { manifestFiles, versionPrefix } from './version-files.js';

forEachEngine('job service', (ctx) => {
  let h: Harness;
  let jobs: JobService;
  before(async () => {
    h = await jobHarness(ctx.store, ctx.place);
    jobs = h.service({ concurrency: 2 });
    await jobs.start();
    for (const t of ['ja', 'jb']) await createTeam(ctx.store, { teamId: t, teamName: t });
  });
  after(() => h.dispose());

  test('a job publishes a version whose manifest checksums match the sealed blobs', async () => {
    const mine: JobEvent[] = [];
    const theirs: JobEvent[] = [];
    const offA = jobs.subscribe('ja', (e) => mine.push(e));
    const offB = jobs.subscribe('jb', (e) => theirs.push(e));
    const job = await jobs.submit('ja', { schema: shopSchema(40_000), options: { format: 'csv' } }, 'tester');
    assert.equal(job.status, 'pending');
    const end = await ended(jobs, 'ja', job.jobId);
    offA();
    offB();
    assert.equal(end.type, 'job.completed', JSON.stringify(end));
    const done = await jobs.get('ja', job.jobId);
    assert.equal(done.status, 'completed');
    assert.equal(done.progress, 100);
    const [ds] = await listDatasets(ctx.store, 'ja');
    assert.equal(ds?.name, 'shop');
    const [v] = await listDatasetVersions(ctx.store, 'ja', ds?.datasetId ?? '');
    assert.equal(v?.status, 'published');
    assert.equal(v?.datasetVersionId, done.datasetVersionId);
    assert.equal(done.datasetId, ds?.datasetId, 'a finished job names its dataset');
    const manifest = v?.manifest as unknown as Manifest;
    const prefix = versionPrefix(ds?.datasetId ?? '', v?.version ?? 0);
    for (const f of manifestFiles(manifest)) {
      assert.equal(await sha256Of(await h.blobs.getBlob('ja', `${prefix}/${f.name}`)), f.sha256, f.name);
    }
    assert.deepEqual(v?.blobKeys.sort(), (await h.blobs.listBlobs('ja', prefix)).sort());
    assert.equal(v?.recipe.seed, 7);
    // Events: started, progress rising, completed; none for the other team.
    assert.equal(mine[0]?.type, 'job.started');
    assert.equal(mine.at(-1)?.type, 'job.completed');
    const progress = mine.filter((e) => e.type === 'job.progress').map((e) => e.rowsDone ?? 0);
    assert.ok(progress.length >= 2, `progress events: ${progress.length}`);
    assert.deepEqual(
      progress,
      [...progress].sort((a, b) => a - b),
    );
    assert.equal(theirs.length, 0);
  });

  test('an invalid schema fails the job with its code and leaves no version', async () => {
    const job = await jobs.submit(
      'jb',
      {
        schema: 'entities: { a: { count: 1, fields: { x: { type: nope } } } }',
        datasetName: 'bad',
        options: { format: 'csv' },
      },
      'tester',
    );
    const done = await settled(jobs, 'jb', job.jobId);
    assert.equal(done.status, 'failed');
    assert.equal(done.errorCode, 'SCHEMA_INVALID');
    assert.match(done.errorMessage ?? '', /nope/);
    assert.equal(done.attempts, 1);
    assert.deepEqual(await listDatasets(ctx.store, 'jb'), []);
  });

  test('a generation error mid-run discards the building version and its blobs', async () => {
    const schema = shopSchema(600, 'constraints:\n  - { entity: orders, rule: "id != 7" }\n');
    const job = await jobs.submit(
      'jb',
      { schema, datasetName: 'broken', options: { format: 'csv' } },
      'tester',
    );
    const done = await settled(jobs, 'jb', job.jobId);
    assert.equal(done.status, 'failed');
    assert.equal(done.errorCode, 'GENERATION_CONSTRAINT_UNSATISFIED');
    const ds = (await listDatasets(ctx.store, 'jb')).find((d) => d.name === 'broken');
    assert.ok(ds);
    assert.deepEqual(await listDatasetVersions(ctx.store, 'jb', ds.datasetId), []);
    assert.deepEqual(await h.blobs.listBlobs('jb', ds.datasetId), []);
  });

  test('bad requests are refused at submit with every bad path', async () => {
    await assert.rejects(
      jobs.submit('ja', { options: { format: 'docx', seed: -1 } }, 'tester'),
      (e: { code: string; message: string }) =>
        e.code === 'JOB_REQUEST_INVALID' &&
        /options\.format/.test(e.message) &&
        /options\.seed/.test(e.message),
    );
  });
});
