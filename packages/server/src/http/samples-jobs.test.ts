/**
 * @module Mask jobs through the API on both engines: rules from the PII findings or given, keyed
 * pseudonyms that agree across tables and runs (the team secret), valid emails with no real value
 * left, coded errors for bad rules at submit, and a worker that stopped beating is recovered.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createSampleJobRunner, rebuildSampleVersion } from '../samples/index.js';
import { seedRunningJob, seedSample } from '../samples/test-support.js';
import {
  beginDatasetVersion,
  createDataset,
  getDatasetVersionById,
  setDatasetVersionStatus,
} from '../store/index.js';
import { deleteVersionFiles, versionPrefix } from '../jobs/index.js';
import { archiveOldData } from '../jobs/retention.js';
import { forEachEngine } from '../store/test-harness.js';
import { bearer, buildFixture, type Fixture } from './test-support.js';

const PEOPLE =
  'id,name,email\n1,Ann Lee,ann@example.com\n2,Bob Ray,bob@example.org\n3,Cy Fox,cy@example.net\n';
const ORDERS = 'id,email,amount\n10,ann@example.com,5\n11,ann@example.com,7\n12,cy@example.net,9\n';
const REAL = ['ann@example.com', 'bob@example.org', 'cy@example.net'];
const EMAIL = /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/;

forEachEngine('sample jobs API', (ctx) => {
  let fx: Fixture;
  let auth: Record<string, string>;
  const T = '/api/v1/teams/alpha';
  before(async () => {
    fx = await buildFixture(ctx.store);
    auth = bearer(fx.teams.alpha.keys.write);
  });
  after(() => fx.close());

  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
    fx.app.inject({ method, url, headers: auth, ...(payload ? { payload } : {}) });

  async function finished(jobId: string) {
    for (let i = 0; i < 600; i++) {
      const job = (await call('GET', `${T}/sample-jobs/${jobId}`)).json();
      if (!['pending', 'running'].includes(job.status)) return job;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`job ${jobId} did not end`);
  }

  /** The version's file of `entity` as CSV rows (header first). */
  async function rowsOf(job: { datasetId: string; datasetVersionId: string }, entity: string) {
    const v = await getDatasetVersionById(fx.deps.db, 'alpha', job.datasetVersionId);
    const dl = await call(
      'GET',
      `${T}/datasets/${job.datasetId}/versions/${v.version}/download?entity=${entity}`,
    );
    assert.equal(dl.statusCode, 200, dl.body);
    return {
      rows: dl.body
        .trim()
        .split(/\r?\n/)
        .map((l) => l.split(',')),
      version: v,
    };
  }

  test('pseudonymized emails stay valid, agree across tables and runs, and no real value survives', async () => {
    const s = await seedSample(fx.deps, 'alpha', { name: 'shop', entity: 'people', csv: PEOPLE });
    await seedSample(fx.deps, 'alpha', { name: 'shop', entity: 'orders', csv: ORDERS });
    const rules = {
      tables: {
        people: { email: { method: 'pseudonymize' }, name: { method: 'anonymize', kind: 'person_name' } },
        orders: { email: { method: 'pseudonymize' } },
      },
    };
    const runs = [];
    for (let i = 0; i < 2; i++) {
      const res = await call('POST', `${T}/samples/${s.sampleId}/jobs`, { kind: 'mask', rules, seed: 5 });
      assert.equal(res.statusCode, 202, res.body);
      const job = await finished(res.json().jobId);
      assert.equal(job.status, 'completed', JSON.stringify(job.error));
      runs.push(job);
    }
    const people = await rowsOf(runs[0], 'people');
    const orders = await rowsOf(runs[0], 'orders');
    assert.deepEqual(people.rows[0], ['id', 'name', 'email']);
    const pEmail = new Map(people.rows.slice(1).map((r) => [r[0], r[2] as string]));
    for (const e of pEmail.values()) assert.match(e, EMAIL);
    assert.equal(new Set(pEmail.values()).size, 3, 'unique inputs stay unique');
    // ann (person 1) placed orders 10 and 11; cy (person 3) order 12: the pseudonyms join.
    const oEmail = new Map(orders.rows.slice(1).map((r) => [r[0], r[1] as string]));
    assert.equal(oEmail.get('10'), pEmail.get('1'));
    assert.equal(oEmail.get('11'), pEmail.get('1'));
    assert.equal(oEmail.get('12'), pEmail.get('3'));
    const all = JSON.stringify([people.rows, orders.rows]);
    for (const real of [...REAL, 'Ann Lee', 'Bob Ray', 'Cy Fox']) assert.ok(!all.includes(real), real);
    const again = await rowsOf(runs[1], 'people');
    assert.deepEqual(again.rows, people.rows, 'the same secret and seed give the same data');
    assert.equal(runs[1].datasetId, runs[0].datasetId, 'one dataset, two versions');
    assert.equal(again.version.version, people.version.version + 1);
    const recipe = people.version.recipe as Record<string, unknown>;
    assert.equal(recipe.kind, 'sample-mask');
    assert.equal(recipe.regenerable, false);
    assert.ok(!JSON.stringify(recipe).includes('ann@'), 'the recipe holds no real data');
  });

  test('without rules the PII findings decide, and bad rules are refused at submit', async () => {
    const s = await seedSample(fx.deps, 'alpha', { name: 'auto', entity: 'people', csv: PEOPLE });
    const res = await call('POST', `${T}/samples/${s.sampleId}/jobs`, { kind: 'mask', format: 'ndjson' });
    assert.equal(res.statusCode, 202, res.body);
    const job = await finished(res.json().jobId);
    assert.equal(job.status, 'completed', JSON.stringify(job.error));
    const v = await getDatasetVersionById(fx.deps.db, 'alpha', job.datasetVersionId);
    assert.equal((v.manifest as { format?: string }).format, 'ndjson');
    const dl = await call(
      'GET',
      `${T}/datasets/${job.datasetId}/versions/${v.version}/download?entity=people`,
    );
    for (const real of REAL) assert.ok(!dl.body.includes(real), real);
    assert.equal(dl.body.trim().split(/\r?\n/).length, 3);

    const bad = await call('POST', `${T}/samples/${s.sampleId}/jobs`, {
      kind: 'mask',
      rules: { tables: { people: { email: { method: 'scramble' } } } },
    });
    assert.equal(bad.statusCode, 400, bad.body);
    assert.equal(bad.json().errorCode, 'SAMPLE_REQUEST_INVALID');
    assert.equal(bad.json().details.code, 'PRIVACY_RULES_INVALID');
    const text = await call('POST', `${T}/samples/${s.sampleId}/jobs`, { kind: 'mask', rules: 'tables: [' });
    assert.equal(text.statusCode, 400, text.body);
  });

  test('a job whose worker stopped beating is requeued with its build removed, then runs', async () => {
    const s = await seedSample(fx.deps, 'beta', { name: 'orphan', entity: 'people', csv: PEOPLE });
    const job = await seedRunningJob(fx.deps.db, 'beta', s.sampleId);
    await fx.deps.db.withAdmin((tx) =>
      tx.query(
        `UPDATE sample_jobs SET heartbeat_at = now() - interval '1 hour',
           request = $2::text::jsonb WHERE job_id = $1`,
        [
          job.jobId,
          JSON.stringify({
            kind: 'mask',
            sampleId: s.sampleId,
            sampleName: 'orphan',
            datasetName: 'orphan-masked',
            seed: 1,
            format: 'csv',
            now: new Date().toISOString(),
          }),
        ],
      ),
    );
    // What the dead worker left: a building version with a file.
    const ds = await createDataset(fx.deps.db, 'beta', { name: 'orphan-masked', schemaId: null });
    const building = await beginDatasetVersion(fx.deps.db, 'beta', ds.datasetId, {
      recipe: { schemaVersionId: null, seed: 1, engineVersion: '1', now: 'n' },
      jobId: job.jobId,
    });
    const w = await fx.deps.blobs.putBlob('beta', `${ds.datasetId}/v${building.version}/people.csv`);
    await w.write(Buffer.from('partial'));
    await w.close();
    await fx.deps.db.withAdmin((tx) =>
      tx.query('UPDATE sample_jobs SET dataset_version_id = $2 WHERE job_id = $1', [
        job.jobId,
        building.datasetVersionId,
      ]),
    );
    const runner = createSampleJobRunner({ db: fx.deps.db, blobs: fx.deps.blobs, pollMs: 100, beatMs: 100 });
    runner.start();
    try {
      let row;
      for (let i = 0; i < 300; i++) {
        row = (
          await fx.app.inject({
            method: 'GET',
            url: `/api/v1/teams/beta/sample-jobs/${job.jobId}`,
            headers: bearer(fx.teams.beta.keys.read),
          })
        ).json();
        if (row.status === 'completed' || row.status === 'failed') break;
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.equal(row.status, 'completed', JSON.stringify(row));
      assert.equal(row.attempts, 2);
      assert.notEqual(row.datasetVersionId, building.datasetVersionId);
      await assert.rejects(getDatasetVersionById(fx.deps.db, 'beta', building.datasetVersionId));
      // The number of the discarded build is free again; whatever holds it now is the new, whole file.
      const v = await getDatasetVersionById(fx.deps.db, 'beta', row.datasetVersionId);
      const dl = await fx.app.inject({
        method: 'GET',
        url: `/api/v1/teams/beta/datasets/${ds.datasetId}/versions/${v.version}/download?entity=people`,
        headers: bearer(fx.teams.beta.keys.read),
      });
      assert.equal(dl.statusCode, 200, dl.body);
      assert.ok(!dl.body.includes('partial'));
      assert.equal(dl.body.trim().split(/\r?\n/).length, 4);
    } finally {
      await runner.stop();
    }
  });

  test('an evicted version is remade from its sample, checksums verified; once the sample is gone, a coded refusal', async () => {
    const s = await seedSample(fx.deps, 'alpha', { name: 'evict-me', entity: 'people', csv: PEOPLE });
    const res = await call('POST', `${T}/samples/${s.sampleId}/jobs`, {
      kind: 'mask',
      rules: { tables: { people: { email: { method: 'pseudonymize' }, name: { method: 'redact' } } } },
    });
    const job = await finished(res.json().jobId);
    assert.equal(job.status, 'completed', JSON.stringify(job.error));
    const before = await getDatasetVersionById(fx.deps.db, 'alpha', job.datasetVersionId);
    const evict = async () => {
      await setDatasetVersionStatus(fx.deps.db, 'alpha', before.datasetVersionId, 'evicted');
      await deleteVersionFiles(fx.deps.blobs, 'alpha', versionPrefix(before.datasetId, before.version));
    };
    // Retention archives a version made from a sample but keeps its files (nothing could remake them later).
    const kept = await archiveOldData({ ...fx.deps, clock: { now: () => Date.now() } }, 'alpha', {
      keepLast: 0,
      evictFiles: true,
    });
    assert.ok(kept.archived.includes(before.datasetVersionId));
    assert.ok(!kept.evicted.includes(before.datasetVersionId));
    assert.equal(
      (await getDatasetVersionById(fx.deps.db, 'alpha', before.datasetVersionId)).status,
      'archived',
    );
    // Another format is converted from the stored files (no schema could regenerate them).
    const other = `${T}/datasets/${job.datasetId}/versions/${before.version}/download?entity=people&format=ndjson`;
    const converted = await call('GET', other);
    assert.equal(converted.statusCode, 200, converted.body);
    assert.equal(converted.body.trim().split('\n').length, 3);
    await evict();
    // An evicted one is remade from its sample first, then converted.
    const again = await call('GET', other);
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(again.body, converted.body);
    await evict();
    // The first download of an evicted sample version remakes it from the sample (sha256-checked).
    const { rows } = await rowsOf(job, 'people');
    assert.equal(
      (await getDatasetVersionById(fx.deps.db, 'alpha', before.datasetVersionId)).status,
      'published',
    );
    assert.equal(rows.length, 4);
    for (const real of REAL) assert.ok(!JSON.stringify(rows).includes(real));

    await evict();
    assert.equal((await call('DELETE', `${T}/samples/${s.sampleId}`)).statusCode, 204);
    await assert.rejects(
      rebuildSampleVersion(fx.deps, 'alpha', before.datasetVersionId),
      (e: Error & { code?: string }) => {
        assert.equal(e.code, 'SAMPLE_VERSION_STATE_INVALID');
        assert.match(e.message, /sample "evict-me", which has expired or was deleted/);
        return true;
      },
    );
  });
});
