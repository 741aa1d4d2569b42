/** @module Generation jobs and the audit trail on both engines: lifecycle, scoping, coded errors. */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { forEachEngine, rejectsWith } from '../test-harness.js';
import { listAllAudit, listAudit, recordAudit } from './audit.js';
import { createDataset } from './datasets.js';
import { createJob, finishJob, getJob, listJobs, requeueJob, startJob, updateJobProgress } from './jobs.js';
import { createTeam } from './teams.js';

forEachEngine('jobs and audit', (ctx) => {
  test('a job runs through its lifecycle', async () => {
    await createTeam(ctx.store, { teamId: 'ja', teamName: 'A' });
    await createTeam(ctx.store, { teamId: 'jb', teamName: 'B' });
    const ds = await createDataset(ctx.store, 'ja', { name: 'shop' });
    const j = await createJob(ctx.store, 'ja', {
      datasetId: ds.datasetId,
      request: { format: 'csv' },
      rowsTotal: 1000,
    });
    assert.equal(j.status, 'pending');
    assert.equal(j.rowsTotal, 1000);
    const s = await startJob(ctx.store, 'ja', j.jobId);
    assert.equal(s.attempts, 1);
    await requeueJob(ctx.store, 'ja', j.jobId);
    await startJob(ctx.store, 'ja', j.jobId);
    const p = await updateJobProgress(ctx.store, 'ja', j.jobId, { progress: 40, rowsDone: 400 });
    assert.deepEqual([p.progress, p.rowsDone, p.attempts], [40, 400, 2]);
    const f = await finishJob(ctx.store, 'ja', j.jobId, { status: 'completed' });
    assert.deepEqual([f.status, f.progress, f.rowsDone], ['completed', 100, 1000]);
    assert.ok(f.endedAt instanceof Date);
    await rejectsWith(startJob(ctx.store, 'ja', j.jobId), 'STORE_STATE_INVALID');
    await rejectsWith(finishJob(ctx.store, 'ja', j.jobId, { status: 'cancelled' }), 'STORE_STATE_INVALID');

    const failed = await createJob(ctx.store, 'ja', { request: {} });
    const e = await finishJob(ctx.store, 'ja', failed.jobId, {
      status: 'failed',
      errorCode: 'SCHEMA_CYCLE',
      errorMessage: 'cycle',
    });
    assert.deepEqual([e.status, e.errorCode, e.errorMessage], ['failed', 'SCHEMA_CYCLE', 'cycle']);
    assert.equal((await listJobs(ctx.store, 'ja')).length, 2);
    assert.equal((await listJobs(ctx.store, 'ja', { status: 'failed' })).length, 1);
  });

  test("another team's job is not found; bad input is coded", async () => {
    const [j] = await listJobs(ctx.store, 'ja');
    const id = j?.jobId ?? '';
    await rejectsWith(getJob(ctx.store, 'jb', id), 'GENERATION_JOB_NOT_FOUND');
    await rejectsWith(finishJob(ctx.store, 'jb', id, { status: 'cancelled' }), 'GENERATION_JOB_NOT_FOUND');
    assert.deepEqual(await listJobs(ctx.store, 'jb'), []);
    await rejectsWith(getJob(ctx.store, 'ja', 'job-1'), 'GENERATION_JOB_NOT_FOUND');
    await rejectsWith(getJob(ctx.store, 'ja', randomUUID()), 'GENERATION_JOB_NOT_FOUND');
    await rejectsWith(
      createJob(ctx.store, 'ja', { request: {}, datasetId: randomUUID() }),
      'STORE_NOT_FOUND',
    );
    await rejectsWith(createJob(ctx.store, 'ghost', { request: {} }), 'TEAM_NOT_FOUND');
    const k = await createJob(ctx.store, 'ja', { request: {} });
    await startJob(ctx.store, 'ja', k.jobId);
    await rejectsWith(
      updateJobProgress(ctx.store, 'ja', k.jobId, { progress: 101, rowsDone: 0 }),
      'STORE_INPUT_INVALID',
    );
    await rejectsWith(listJobs(ctx.store, 'ja', { limit: 0 }), 'STORE_INPUT_INVALID');
    await rejectsWith(listJobs(ctx.store, 'ja', { status: 'done' as 'completed' }), 'STORE_INPUT_INVALID');
  });

  test('audit records are scoped to their team; platform records only to admins', async () => {
    await recordAudit(ctx.store, {
      teamId: 'ja',
      actor: 'key-1',
      actorRole: 'write',
      action: 'dataset.download',
      resource: 'datasets/x',
      outcome: 'success',
      ip: '127.0.0.1',
      requestId: 'r1',
    });
    await recordAudit(ctx.store, { teamId: 'jb', actor: 'key-2', action: 'job.create', outcome: 'denied' });
    await recordAudit(ctx.store, {
      teamId: null,
      actor: 'admin',
      action: 'team.create',
      outcome: 'success',
      details: { teamId: 'ja' },
    });
    const a = await listAudit(ctx.store, 'ja');
    assert.deepEqual(
      a.map((r) => [r.action, r.outcome, r.ip]),
      [['dataset.download', 'success', '127.0.0.1']],
    );
    assert.deepEqual(
      (await listAudit(ctx.store, 'jb')).map((r) => r.actor),
      ['key-2'],
    );
    const all = await listAllAudit(ctx.store);
    assert.deepEqual(
      all.map((r) => r.action),
      ['team.create', 'job.create', 'dataset.download'],
    );
    assert.deepEqual(
      (await listAllAudit(ctx.store, { limit: 1, beforeId: all[0]?.id })).map((r) => r.action),
      ['job.create'],
    );
    assert.deepEqual((await listAllAudit(ctx.store, { action: 'team.create' })).length, 1);
    await rejectsWith(
      recordAudit(ctx.store, { teamId: 'ja', actor: '', action: 'x', outcome: 'success' }),
      'STORE_INPUT_INVALID',
    );
    await rejectsWith(listAudit(ctx.store, 'ja', { limit: 5000 }), 'STORE_INPUT_INVALID');
    // The app role may append audit records but never rewrite them.
    await rejectsWith(
      ctx.store.withTeam('ja', (tx) => tx.query(`DELETE FROM audit_log WHERE team_id = 'ja'`)),
      'STORE_SCOPE_VIOLATION',
    );
  });
});
