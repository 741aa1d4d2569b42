/** @module Cancel (running and pending), the per-team limit and atomic publish, on both engines. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTeam, listDatasets, listDatasetVersions } from '../store/index.js';
import { forEachEngine } from '../store/test-harness.js';
import { ended, jobHarness, settled, shopSchema, type Harness } from './jobs-test-support.js';
import type { JobService } from './service.js';

forEachEngine('job lifecycle', (ctx) => {
  let h: Harness;
  let jobs: JobService;
  before(async () => {
    h = await jobHarness(ctx.store, ctx.place);
    jobs = h.service({ concurrency: 3, perTeamLimit: 1 });
    await jobs.start();
    for (const t of ['ca', 'la']) await createTeam(ctx.store, { teamId: t, teamName: t });
  });
  after(() => h.dispose());

  test('cancel: a pending job at once, a running one through its signal, leaving no files', async () => {
    const progressed = new Promise<void>((resolve) => {
      const off = jobs.subscribe('ca', (e) => e.type === 'job.progress' && (off(), resolve()));
    });
    const big = await jobs.submit('ca', { schema: shopSchema(5_000_000), options: { format: 'csv' } }, 't');
    await progressed;
    // The team's one slot is taken: this one waits, pending.
    const waiting = await jobs.submit('ca', { schema: shopSchema(100), options: { format: 'csv' } }, 't');
    assert.equal((await jobs.get('ca', waiting.jobId)).status, 'pending');
    const c1 = await jobs.cancel('ca', waiting.jobId, 't');
    assert.equal(c1.status, 'cancelled');
    assert.equal(c1.startedAt, null);
    const c2 = await jobs.cancel('ca', big.jobId, 't');
    assert.equal(c2.status, 'cancelled');
    assert.equal(c2.errorCode, 'GENERATION_CANCELLED');
    const [ds] = await listDatasets(ctx.store, 'ca');
    assert.ok(ds);
    assert.deepEqual(await listDatasetVersions(ctx.store, 'ca', ds.datasetId), []);
    assert.deepEqual(await h.blobs.listBlobs('ca', ds.datasetId), []);
    await assert.rejects(
      jobs.cancel('ca', big.jobId),
      (e: { code: string }) => e.code === 'JOB_STATE_INVALID',
    );
    // The cancelled pending job never runs, even when its queue message comes.
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal((await jobs.get('ca', waiting.jobId)).status, 'cancelled');
  });

  test('a team never runs more than its limit; readers never see a partial version', async () => {
    let running = 0;
    let peak = 0;
    const off = jobs.subscribe('la', (e) => {
      if (e.type === 'job.started') peak = Math.max(peak, ++running);
      if (e.type === 'job.completed' || e.type === 'job.failed' || e.type === 'job.cancelled') running--;
    });
    const submitted = [];
    for (let i = 0; i < 3; i++) {
      submitted.push(
        await jobs.submit('la', { schema: shopSchema(60_000), options: { format: 'ndjson' } }, 't'),
      );
    }
    let stop = false;
    let seen = 0;
    const reader = (async () => {
      while (!stop) {
        for (const ds of await listDatasets(ctx.store, 'la')) {
          for (const v of await listDatasetVersions(ctx.store, 'la', ds.datasetId)) {
            seen++;
            assert.ok(v.manifest, `version ${v.version} visible without a manifest`);
            for (const key of v.blobKeys) assert.ok(await h.blobs.hasBlob('la', key), `${key} missing`);
          }
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const results = await Promise.all(submitted.map((j) => settled(jobs, 'la', j.jobId)));
    stop = true;
    await reader;
    off();
    assert.deepEqual(
      results.map((j) => j.status),
      ['completed', 'completed', 'completed'],
    );
    assert.equal(peak, 1);
    assert.ok(seen > 0);
    const [ds] = await listDatasets(ctx.store, 'la');
    const versions = await listDatasetVersions(ctx.store, 'la', ds?.datasetId ?? '');
    assert.deepEqual(
      versions.map((v) => v.version),
      [3, 2, 1],
    );
  });

  test('events are scoped: a subscriber of one team hears nothing of another', async () => {
    const heard: string[] = [];
    const off = jobs.subscribe('ca', (e) => heard.push(e.teamId));
    const j = await jobs.submit('la', { schema: shopSchema(100), options: { format: 'json' } }, 't');
    await ended(jobs, 'la', j.jobId);
    off();
    assert.deepEqual(heard, []);
  });
});
