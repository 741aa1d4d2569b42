/**
 * @module Samples through the API on both engines: sealed uploads (no plaintext on disk, sha256
 * recorded), multi-table samples, coded errors for bad parameters, oversized and unreadable
 * uploads, delete and retention (files gone first), the team's pseudonymization secret, and mask /
 * synthesize jobs with cancel, all team-scoped and audited.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { purgeExpiredSamples, teamPseudonymSecret } from '../samples/index.js';
import { PEOPLE_CSV, seedRunningJob, seedSample } from '../samples/test-support.js';
import { getDatasetVersionById } from '../store/index.js';
import { forEachEngine } from '../store/test-harness.js';
import { bearer, buildFixture, type Fixture } from './test-support.js';

/** Every file under `dir`, as bytes. */
async function allBytes(dir: string): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    // Writers elsewhere (the fixture's generation jobs) rename their temp files as we walk.
    if (e.isFile()) out.push(await readFile(join(e.parentPath, e.name)).catch(() => Buffer.alloc(0)));
  }
  return out;
}

forEachEngine('samples API', (ctx) => {
  let fx: Fixture;
  let auth: Record<string, string>;
  const T = '/api/v1/teams/alpha';
  before(async () => {
    fx = await buildFixture(ctx.store, { uploadMaxBytes: 4096 });
    auth = bearer(fx.teams.alpha.keys.write);
  });
  after(() => fx.close());

  const upload = (query: string, body: string, type = 'text/csv') =>
    fx.app.inject({
      method: 'POST',
      url: `${T}/samples?${query}`,
      headers: { ...auth, 'content-type': type },
      payload: body,
    });
  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
    fx.app.inject({ method, url, headers: auth, ...(payload ? { payload } : {}) });
  const audits = async (action: string) =>
    fx.deps.db.withAdmin((tx) =>
      tx.query(`SELECT outcome, details FROM audit_log WHERE action = $1 ORDER BY id`, [action]),
    );

  test('an upload is sealed at rest, hashed, listed, and a second table joins the same sample', async () => {
    const res = await upload('name=crm&entity=people', PEOPLE_CSV);
    assert.equal(res.statusCode, 201, res.body);
    const s = res.json();
    assert.equal(s.name, 'crm');
    assert.equal(s.files.length, 1);
    assert.equal(s.files[0].entity, 'people');
    assert.equal(s.files[0].bytes, Buffer.byteLength(PEOPLE_CSV));
    const sha = (await import('node:crypto')).createHash('sha256').update(PEOPLE_CSV).digest('hex');
    assert.equal(s.files[0].sha256, sha);
    assert.ok(Date.parse(s.expiresAt) > Date.now() + 29 * 86_400_000, 'kept 30 days by default');
    for (const bytes of await allBytes(fx.dir)) {
      assert.ok(!bytes.includes('ann@example.com'), 'no plaintext of the sample on disk');
    }
    const orders = await upload(
      'name=crm&entity=orders&format=ndjson',
      '{"id":1,"person":1}\n{"id":2,"person":2}\n',
      'text/plain',
    );
    assert.equal(orders.statusCode, 201, orders.body);
    assert.deepEqual(
      orders.json().files.map((f: { entity: string }) => f.entity),
      ['people', 'orders'],
    );
    assert.equal(orders.json().sampleId, s.sampleId);
    const again = await upload('name=crm&entity=people', PEOPLE_CSV);
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().errorCode, 'SAMPLE_CONFLICT');
    const list = (await call('GET', `${T}/samples`)).json().samples;
    assert.ok(list.some((x: { sampleId: string }) => x.sampleId === s.sampleId));
    const one = await call('GET', `${T}/samples/${s.sampleId}`);
    assert.equal(one.json().bytes, Buffer.byteLength(PEOPLE_CSV) + 40);
    const uploads = await audits('sample.upload');
    assert.ok(
      uploads.some((r) => r.outcome === 'success' && (r.details as { sha256?: string }).sha256 === sha),
    );
  });

  test('bad parameters, unknown formats, oversized and unreadable uploads answer coded errors and keep nothing', async () => {
    const before = await fx.deps.blobs.listBlobs('alpha', 'samples').catch(() => []);
    const cases: Array<[string, string, string, number, string]> = [
      ['name=x1&format=xlsx', 'a,b\n1,2\n', 'text/csv', 400, 'SAMPLE_REQUEST_INVALID'],
      ['name=x2', 'a,b\n1,2\n', 'application/vnd.ms-excel', 400, 'SAMPLE_REQUEST_INVALID'],
      ['name=x3&entity=1bad', 'a,b\n1,2\n', 'text/csv', 400, 'SAMPLE_REQUEST_INVALID'],
      ['name=x4', '', 'text/csv', 400, 'SAMPLE_REQUEST_INVALID'],
      ['name=x5&format=json', '{not json', 'text/plain', 400, 'SAMPLE_REQUEST_INVALID'],
      ['name=x6', 'a,b\n' + '1,2\n'.repeat(2000), 'text/csv', 413, 'INPUT_TOO_LARGE'],
      ['entity=people', 'a,b\n1,2\n', 'text/csv', 400, 'REQUEST_INVALID'],
    ];
    for (const [query, body, type, status, code] of cases) {
      const res = await upload(query, body, type);
      assert.equal(res.statusCode, status, `${query}: ${res.body}`);
      assert.equal(res.json().errorCode, code, query);
      assert.ok(res.json().suggestedActions.length > 0, query);
    }
    const names = (await call('GET', `${T}/samples`)).json().samples.map((s: { name: string }) => s.name);
    for (const n of ['x1', 'x2', 'x3', 'x4', 'x5', 'x6']) assert.ok(!names.includes(n), `no sample ${n}`);
    assert.deepEqual(
      await fx.deps.blobs.listBlobs('alpha', 'samples').catch(() => []),
      before,
      'no blob left',
    );
    const unknown = await call('GET', `${T}/samples/00000000-0000-4000-8000-000000000000`);
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json().errorCode, 'SAMPLE_NOT_FOUND');
    const beta = await seedSample(fx.deps, 'beta');
    const foreign = await call('GET', `${T}/samples/${beta.sampleId}`);
    assert.equal(foreign.statusCode, 404, "another team's sample is not found");
  });

  test('delete removes the files, then the row; an expired sample is gone at once and purged', async () => {
    const s = await seedSample(fx.deps, 'alpha');
    const del = await call('DELETE', `${T}/samples/${s.sampleId}`);
    assert.equal(del.statusCode, 204, del.body);
    assert.deepEqual(await fx.deps.blobs.listBlobs('alpha', `samples/${s.sampleId}`), []);
    assert.equal((await call('GET', `${T}/samples/${s.sampleId}`)).statusCode, 404);
    assert.equal((await call('DELETE', `${T}/samples/${s.sampleId}`)).statusCode, 404);

    const old = await seedSample(fx.deps, 'alpha', { name: 'old' });
    const job = await seedRunningJob(fx.deps.db, 'alpha', old.sampleId);
    await fx.deps.db.withAdmin((tx) =>
      tx.query(
        `UPDATE samples SET created_at = now() - interval '40 days', expires_at = now() - interval '1 day'
           WHERE sample_id = $1`,
        [old.sampleId],
      ),
    );
    assert.equal((await call('GET', `${T}/samples/${old.sampleId}`)).statusCode, 404, 'expired: not found');
    assert.ok((await purgeExpiredSamples(fx.deps)) >= 1);
    assert.deepEqual(await fx.deps.blobs.listBlobs('alpha', `samples/${old.sampleId}`), []);
    const rows = await fx.deps.db.withAdmin((tx) =>
      tx.query('SELECT count(*)::int AS n FROM samples WHERE sample_id = $1', [old.sampleId]),
    );
    assert.equal(rows[0]?.n, 0);
    const kept = (await call('GET', `${T}/sample-jobs/${job.jobId}`)).json();
    assert.equal(kept.sampleId, null, 'the job outlives the sample');
    // It holds the team's one running slot (as another node's worker would): end it.
    assert.equal((await call('POST', `${T}/sample-jobs/${job.jobId}/cancel`)).statusCode, 200);
    // The name is free again: a new upload starts a new sample.
    const fresh = await upload('name=old&entity=people', PEOPLE_CSV);
    assert.equal(fresh.statusCode, 201, fresh.body);
    assert.notEqual(fresh.json().sampleId, old.sampleId);
  });

  test('profiling stores patterns, personal-data findings and a schema; a new table makes it stale', async () => {
    const s = await seedSample(fx.deps, 'alpha', { name: 'to-profile' });
    const none = await call('GET', `${T}/samples/${s.sampleId}/profile`);
    assert.equal(none.statusCode, 404);
    assert.equal(none.json().errorCode, 'SAMPLE_NOT_FOUND');
    const res = await call('POST', `${T}/samples/${s.sampleId}/profile`);
    assert.equal(res.statusCode, 200, res.body);
    const p = res.json();
    assert.deepEqual(p.rows, { people: 3 });
    assert.deepEqual(
      p.patterns.tables.map((t: { name: string }) => t.name),
      ['people'],
    );
    const doc = JSON.parse(p.schema);
    assert.deepEqual(Object.keys(doc.entities.people.fields), ['id', 'name', 'email', 'age']);
    const validated = await call('POST', '/api/v1/schemas/validate', { document: p.schema });
    assert.equal(validated.json().valid, true, validated.body);
    const email = p.pii.find((f: { column: string }) => f.column === 'email');
    assert.equal(email?.kind, 'email', JSON.stringify(p.pii));
    assert.ok(email.confidence > 0.5);
    assert.ok(!JSON.stringify(p.pii).includes('ann@example.com'), 'evidence is masked');
    const stored = await call('GET', `${T}/samples/${s.sampleId}/profile`);
    assert.deepEqual(stored.json(), p);
    assert.equal((await call('GET', `${T}/samples/${s.sampleId}`)).json().rows, 3);
    const more = await upload('name=to-profile&entity=extra', 'k,v\n1,2\n');
    assert.equal(more.statusCode, 201, more.body);
    assert.equal(more.json().profiledAt, null);
    assert.equal((await call('GET', `${T}/samples/${s.sampleId}/profile`)).statusCode, 404);
  });

  test('the pseudonymization secret is made once per team, sealed, never in the database', async () => {
    const [a, b, c, d] = await Promise.all([1, 2, 3, 4].map(() => teamPseudonymSecret(fx.deps, 'alpha')));
    assert.ok(a && a.length >= 40);
    assert.deepEqual([b, c, d], [a, a, a], 'concurrent first uses agree');
    assert.equal(await teamPseudonymSecret(fx.deps, 'alpha'), a);
    assert.notEqual(await teamPseudonymSecret(fx.deps, 'beta'), a);
    const rows = await fx.deps.db.withAdmin((tx) =>
      tx.query(`SELECT * FROM team_secrets WHERE team_id = 'alpha'`),
    );
    assert.equal(rows.length, 1);
    assert.ok(!JSON.stringify(rows).includes(a as string));
    for (const bytes of await allBytes(fx.dir)) assert.ok(!bytes.includes(a as string), 'sealed on disk');
    assert.equal((await fx.deps.blobs.listBlobs('alpha', 'secrets')).length, 1, 'losers removed their blob');
  });

  test('a job is accepted, runs to a dataset version (or a coded failure), and cancel ends a running one', async () => {
    const s = await seedSample(fx.deps, 'alpha', { name: 'for-jobs' });
    const bad = await call('POST', `${T}/samples/${s.sampleId}/jobs`, { kind: 'mask', rows: 5 });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errorCode, 'REQUEST_INVALID');
    const res = await call('POST', `${T}/samples/${s.sampleId}/jobs`, {
      kind: 'synthesize',
      rows: 20,
      seed: 3,
    });
    assert.equal(res.statusCode, 202, res.body);
    assert.equal(res.json().status, 'pending');
    let job = res.json();
    for (let i = 0; i < 300 && ['pending', 'running'].includes(job.status); i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = (await call('GET', `${T}/sample-jobs/${job.jobId}`)).json();
    }
    assert.equal(job.status, 'completed', JSON.stringify(job.error));
    const v = await getDatasetVersionById(fx.deps.db, 'alpha', job.datasetVersionId);
    assert.equal((v.recipe as { kind?: string }).kind, 'sample-synthesize');
    const report = (v.manifest as { report?: { exactCopyRate: number; score: number | null } }).report;
    assert.equal(report?.exactCopyRate, 0, 'no real row copied');
    assert.ok(report.score === null || (report.score >= 0 && report.score <= 1));
    // The made-anew key is reported as a key, not scored as data.
    const skipped = (
      v.manifest as { report: { tables: { skippedColumns: { column: string; reason: string }[] }[] } }
    ).report.tables[0]?.skippedColumns;
    assert.deepEqual(
      skipped?.filter((c) => c.reason === 'key').map((c) => c.column),
      ['id'],
    );
    const dl = await call(
      'GET',
      `${T}/datasets/${job.datasetId}/versions/${v.version}/download?entity=people`,
    );
    assert.equal(dl.statusCode, 200, dl.body);
    assert.equal(dl.body.trim().split('\n').length, 21, 'header and 20 rows');
    for (const real of ['ann@example.com', 'bob@example.org', 'cy@example.net']) {
      assert.ok(!dl.body.includes(real), `no real PII replayed: ${real}`);
    }
    const listed = (await call('GET', `${T}/sample-jobs`)).json().jobs;
    assert.ok(listed.some((j: { jobId: string }) => j.jobId === job.jobId));

    const running = await seedRunningJob(fx.deps.db, 'alpha', s.sampleId);
    const cancelled = await call('POST', `${T}/sample-jobs/${running.jobId}/cancel`);
    assert.equal(cancelled.statusCode, 200, cancelled.body);
    assert.equal(cancelled.json().status, 'cancelled');
    const twice = await call('POST', `${T}/sample-jobs/${running.jobId}/cancel`);
    assert.equal(twice.statusCode, 409);
    assert.equal(twice.json().errorCode, 'SAMPLE_JOB_STATE_INVALID');
    const foreign = await fx.app.inject({
      method: 'GET',
      url: `/api/v1/teams/beta/sample-jobs/${running.jobId}`,
      headers: bearer(fx.teams.beta.keys.read),
    });
    assert.equal(foreign.statusCode, 404, "another team's job is not found");
    assert.ok((await audits('sample.job.submit')).some((r) => r.outcome === 'success'));
    assert.ok((await audits('sample.job.cancel')).some((r) => r.outcome === 'success'));
  });
});
