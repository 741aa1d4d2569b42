/**
 * @module Quality through the API on both engines: a job's gate refuses data below its level (no
 * version, the report kept with the job), a passing job's version carries its report (JSON and
 * HTML), checks of a version with extra rules and of uploaded files (sealed while checked, deleted
 * after, with exact failed counts), rule set CRUD, and coded errors for bad uploads and rules.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { listDatasetVersions } from '../store/index.js';
import { forEachEngine } from '../store/test-harness.js';
import { bearer, buildFixture, type Fixture } from './test-support.js';

interface RuleRow {
  id: string;
  checked: number;
  failed: number;
  passed: boolean;
}

forEachEngine('quality API', (ctx) => {
  let fx: Fixture;
  let auth: Record<string, string>;
  const T = '/api/v1/teams/alpha';
  before(async () => {
    fx = await buildFixture(ctx.store, { uploadMaxBytes: 4096 });
    auth = bearer(fx.teams.alpha.keys.write);
  });
  after(() => fx.close());

  async function call(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
    headers = {},
  ) {
    return fx.app.inject({
      method,
      url,
      headers: { ...auth, ...headers },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  }

  async function settled(jobId: string) {
    for (let i = 0; i < 600; i++) {
      const job = (await call('GET', `/api/v1/jobs/${jobId}`)).json();
      if (!['pending', 'running'].includes(job.status)) return job;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`job ${jobId} did not end`);
  }

  const rulesOf = (body: { report: { rules: RuleRow[] } }) => body.report.rules;

  test('a job under premium with a failing team rule publishes nothing; the gate report stays with the job', async () => {
    const set = await call('POST', `${T}/quality/rules`, {
      name: 'ids-are-big',
      rules: { rules: [{ kind: 'expression', entity: 'people', rule: 'id > 1000', id: 'big-ids' }] },
    });
    assert.equal(set.statusCode, 201, set.body);
    const before = await listDatasetVersions(ctx.store, 'alpha', fx.teams.alpha.datasetId);
    const submitted = await call('POST', `${T}/jobs`, {
      schemaId: fx.teams.alpha.schemaId,
      options: { qualityLevel: 'premium' },
    });
    assert.equal(submitted.statusCode, 202, submitted.body);
    const job = await settled(submitted.json().jobId);
    assert.equal(job.status, 'failed');
    assert.equal(job.error.code, 'QUALITY_GATE_FAILED');
    assert.match(job.error.message, /quality level premium not met/);
    const after = await listDatasetVersions(ctx.store, 'alpha', fx.teams.alpha.datasetId);
    assert.deepEqual(
      after.map((v) => v.version),
      before.map((v) => v.version),
      'no version published',
    );
    const reports = (await call('GET', `${T}/quality/reports?jobId=${job.jobId}`)).json().reports;
    assert.equal(reports.length, 1);
    const [r] = reports;
    assert.equal(r.source, 'gate');
    assert.equal(r.passed, false);
    assert.equal(r.datasetVersionId, null);
    assert.match(job.error.message, new RegExp(r.reportId));
    const rule = rulesOf(r).find((x) => x.id === 'big-ids');
    assert.deepEqual(rule && { checked: rule.checked, failed: rule.failed, passed: rule.passed }, {
      checked: 50,
      failed: 50,
      passed: false,
    });
    assert.ok(
      r.reasons.some((x: string) => x.includes('big-ids')),
      r.reasons.join('; '),
    );
    const html = await call('GET', `${T}/quality/reports/${r.reportId}?output=html`);
    assert.equal(html.statusCode, 200);
    assert.match(String(html.headers['content-type']), /^text\/html/);
    assert.match(String(html.headers['content-security-policy']), /default-src 'none'/);
    assert.match(html.body, /big-ids/);
    assert.doesNotMatch(html.body, /<script/i);
    const del = await call('DELETE', `${T}/quality/rules/${set.json().ruleSetId}`);
    assert.equal(del.statusCode, 204);
  });

  test("a passing job's version carries its report; a check adds rules with exact counts", async () => {
    const submitted = await call('POST', `${T}/jobs`, {
      schemaId: fx.teams.alpha.schemaId,
      options: { qualityLevel: 'premium' },
    });
    const job = await settled(submitted.json().jobId);
    assert.equal(job.status, 'completed', JSON.stringify(job.error));
    const versions = await listDatasetVersions(ctx.store, 'alpha', fx.teams.alpha.datasetId);
    const v = versions.find((x) => x.datasetVersionId === job.datasetVersionId);
    assert.ok(v);
    const q = await call('GET', `${T}/datasets/${v.datasetId}/versions/${v.version}/quality`);
    assert.equal(q.statusCode, 200, q.body);
    const report = q.json();
    assert.equal(report.passed, true);
    assert.equal(report.level, 'premium');
    assert.equal(report.jobId, job.jobId);
    assert.equal(report.source, 'version');
    for (const m of Object.values(report.metrics)) assert.equal(m, 1);
    assert.ok(rulesOf(report).some((x) => x.id === 'people.id:unique' && x.checked === 50 && x.failed === 0));

    const check = await call('POST', `${T}/quality/check`, {
      datasetId: v.datasetId,
      version: v.version,
      level: 'standard',
      rules: { rules: [{ kind: 'domain', entity: 'people', field: 'id', min: 1, max: 10, id: 'small' }] },
    });
    assert.equal(check.statusCode, 201, check.body);
    const small = rulesOf(check.json()).find((x) => x.id === 'small');
    assert.deepEqual(small && [small.checked, small.failed, small.passed], [50, 40, false]);
    assert.equal(check.json().passed, false);
    // The newest report of the version is the check's.
    const latest = (await call('GET', `${T}/datasets/${v.datasetId}/versions/${v.version}/quality`)).json();
    assert.equal(latest.reportId, check.json().reportId);
  });

  test('uploads: typed by a saved schema or inferred, exact counts, deleted after; bad ones are coded', async () => {
    const dup = 'id,name\n1,Ann\n1,Bob\n2,\n';
    const typed = await call(
      'POST',
      `${T}/quality/check/upload?entity=people&schemaId=${fx.teams.alpha.schemaId}&level=basic`,
      dup,
      { 'content-type': 'text/csv' },
    );
    assert.equal(typed.statusCode, 201, typed.body);
    const unique = rulesOf(typed.json()).find((x) => x.id === 'people.id:unique');
    assert.deepEqual(unique && [unique.checked, unique.failed], [3, 1]);
    assert.equal(typed.json().source, 'upload');
    assert.equal(typed.json().passed, false);

    const inferred = await call(
      'POST',
      `${T}/quality/check/upload?entity=people&format=ndjson`,
      '{"id":1}\n{"id":2}\n',
      {
        'content-type': 'application/octet-stream',
      },
    );
    assert.equal(inferred.statusCode, 201, inferred.body);
    assert.equal(inferred.json().passed, true);
    assert.deepEqual(
      await fx.deps.blobs.listBlobs('alpha', 'uploads'),
      [],
      'uploads are deleted after the check',
    );

    const cases: Array<[string, string, Record<string, string>, number, string]> = [
      [
        'too large',
        'id\n' + '1\n'.repeat(3000),
        { 'content-type': 'text/csv' },
        413,
        'QUALITY_UPLOAD_TOO_LARGE',
      ],
      ['unknown type', 'x', { 'content-type': 'application/pdf' }, 400, 'QUALITY_UPLOAD_INVALID'],
      ['empty', '', { 'content-type': 'text/csv' }, 400, 'QUALITY_UPLOAD_INVALID'],
      ['header only', 'id,name\n', { 'content-type': 'text/csv' }, 400, 'QUALITY_UPLOAD_INVALID'],
      ['no records', '', { 'content-type': 'application/x-ndjson' }, 400, 'QUALITY_UPLOAD_INVALID'],
      ['empty array', '[]', { 'content-type': 'application/json' }, 400, 'QUALITY_UPLOAD_INVALID'],
      ['binary', 'id\n1\u0000\n', { 'content-type': 'text/csv' }, 400, 'DATASET_ROW_MALFORMED'],
      ['unclosed quote', 'id,name\n1,"Ann\n', { 'content-type': 'text/csv' }, 400, 'DATASET_ROW_MALFORMED'],
    ];
    for (const [label, body, headers, status, code] of cases) {
      const res = await call('POST', `${T}/quality/check/upload?entity=people`, body, headers);
      assert.equal(res.statusCode, status, `${label}: ${res.body}`);
      assert.equal(res.json().errorCode, code, label);
    }
    const headerOnly = await call('POST', `${T}/quality/check/upload?entity=people`, 'id,name\n', {
      'content-type': 'text/csv',
    });
    assert.match(headerOnly.json().message, /no data rows/, 'a header-only file does not pass vacuously');
    assert.match(headerOnly.json().suggestedActions[0], /at least one data row/);
    const badEntity = await call('POST', `${T}/quality/check/upload?entity=..%2Fetc`, 'id\n1\n', {
      'content-type': 'text/csv',
    });
    assert.equal(badEntity.json().errorCode, 'QUALITY_UPLOAD_INVALID');
    assert.deepEqual(await fx.deps.blobs.listBlobs('alpha', 'uploads'), [], 'refused uploads leave nothing');
  });

  test('rule sets: CRUD, every bad rule path listed, name conflicts', async () => {
    const bad = await call('POST', `${T}/quality/rules`, {
      name: 'bad',
      rules: {
        rules: [
          { kind: 'bogus', entity: 'people' },
          { kind: 'unique', entity: 'people' },
        ],
      },
    });
    assert.equal(bad.statusCode, 400, bad.body);
    assert.equal(bad.json().errorCode, 'QUALITY_RULE_INVALID');
    const paths = (bad.json().details.problems as { path: string }[]).map((p) => p.path);
    assert.ok(
      paths.some((p) => p.startsWith('rules.rules.0')) && paths.some((p) => p.startsWith('rules.rules.1')),
    );
    const conflict = await call('POST', `${T}/quality/rules`, {
      name: 'fixture-rules',
      rules: { rules: [] },
    });
    assert.equal(conflict.statusCode, 409);
    const put = await call('PUT', `${T}/quality/rules/${fx.teams.alpha.ruleSetId}`, {
      name: 'fixture-rules',
      datasetName: 'tiny',
      enabled: false,
      rules: { rules: [{ kind: 'completeness', entity: 'people', field: 'name', minRatio: 0.5 }] },
    });
    assert.equal(put.statusCode, 200, put.body);
    assert.equal(put.json().enabled, false);
    const list = (await call('GET', `${T}/quality/rules`)).json().ruleSets;
    assert.ok(
      list.some(
        (r: { name: string; datasetName: string }) => r.name === 'fixture-rules' && r.datasetName === 'tiny',
      ),
    );
  });
});
