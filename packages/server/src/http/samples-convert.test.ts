/**
 * @module Versions made from samples beyond their stored format, on both engines: other formats
 * converted from the stored files (rows parse back equal, leading zeros kept, Parquet included),
 * pages of rows, quality checks with inferred rules, the masked version's report, a tampered file
 * refused, and the team's sample retention setting.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openDataset } from '@tdm/core';
import { storedSampleSource } from '../samples/index.js';
import { seedSample, seedStoredVersion } from '../samples/test-support.js';
import { getDatasetVersionById, type DatasetVersion } from '../store/index.js';
import { forEachEngine } from '../store/test-harness.js';
import { createApp } from './app.js';
import { Metrics } from './metrics.js';
import { bearer, buildFixture, type Fixture } from './test-support.js';

const PEOPLE =
  'id,zip,name,email,amount\n001,02134,Ann Lee,ann@example.com,5.5\n' +
  '002,10001,Bob Ray,bob@example.org,7\n003,94105,Cy Fox,cy@example.net,12.25\n';
const RULES = {
  tables: {
    people: { email: { method: 'pseudonymize' }, name: { method: 'anonymize', kind: 'person_name' } },
  },
};

forEachEngine('sample versions in other formats', (ctx) => {
  let fx: Fixture;
  let auth: Record<string, string>;
  const T = '/api/v1/teams/alpha';
  before(async () => {
    fx = await buildFixture(ctx.store);
    auth = bearer(fx.teams.alpha.keys.write);
  });
  after(() => fx.close());

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, headers = auth) =>
    fx.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

  async function masked(format: string): Promise<DatasetVersion> {
    const s = await seedSample(fx.deps, 'alpha', { entity: 'people', csv: PEOPLE });
    const res = await call('POST', `${T}/samples/${s.sampleId}/jobs`, {
      kind: 'mask',
      rules: RULES,
      format,
      seed: 3,
    });
    assert.equal(res.statusCode, 202, res.body);
    for (let i = 0; i < 600; i++) {
      const job = (await call('GET', `${T}/sample-jobs/${res.json().jobId}`)).json();
      if (job.status === 'completed') return getDatasetVersionById(fx.deps.db, 'alpha', job.datasetVersionId);
      assert.ok(['pending', 'running'].includes(job.status), JSON.stringify(job));
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the mask job did not end');
  }
  const url = (v: DatasetVersion, rest: string) =>
    `${T}/datasets/${v.datasetId}/versions/${v.version}/${rest}`;

  /** Rows as text, amounts as numbers (the CSV writer may print 7 as "7.0"). */
  const asText = (rows: Record<string, unknown>[]) =>
    rows.map((r) =>
      Object.fromEntries(Object.entries(r).map(([k, x]) => [k, k === 'amount' ? Number(x) : String(x)])),
    );
  /** The stored CSV's rows as objects of text (the data has no quoted cells). */
  async function storedRows(v: DatasetVersion): Promise<Record<string, unknown>[]> {
    const dl = await call('GET', url(v, 'download?entity=people'));
    assert.equal(dl.statusCode, 200, dl.body);
    const [head, ...lines] = dl.body.trim().split(/\r?\n/);
    const cols = head!.split(',');
    return asText(lines.map((l) => Object.fromEntries(l.split(',').map((c, i) => [cols[i]!, c]))));
  }

  test('a CSV version downloads as NDJSON, JSON, SQL and Parquet whose rows parse back to the stored ones', async () => {
    const v = await masked('csv');
    const stored = await storedRows(v);
    assert.equal(stored.length, 3);
    assert.equal(stored[0]!.id, '001');

    const nd = await call('GET', url(v, 'download?entity=people&format=ndjson'));
    assert.equal(nd.statusCode, 200, nd.body);
    assert.equal(nd.headers['content-type'], 'application/x-ndjson');
    assert.match(String(nd.headers['content-disposition']), /people\.ndjson/);
    const ndRows = nd.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(asText(ndRows), stored);
    assert.equal(ndRows[0]!.id, '001', 'an identifier with leading zeros stays text');
    assert.equal(ndRows[0]!.amount, 5.5, 'numbers stay numbers');

    const json = await call('GET', url(v, 'download?entity=people&format=json'));
    assert.equal(json.statusCode, 200, json.body);
    assert.deepEqual(asText(JSON.parse(json.body) as Record<string, unknown>[]), stored);

    const sql = await call('GET', url(v, 'download?entity=people&format=sql&dialect=sqlite'));
    assert.equal(sql.statusCode, 200, sql.body);
    assert.match(sql.body, /INSERT INTO/i);
    for (const r of stored) assert.ok(sql.body.includes(`'${r.email}'`), String(r.email));

    const pq = await call('GET', url(v, 'download?entity=people&format=parquet'));
    assert.equal(pq.statusCode, 200, pq.body);
    const dir = await mkdtemp(join(tmpdir(), 'tdm-pq-'));
    try {
      await writeFile(join(dir, 'people.parquet'), pq.rawPayload);
      const [e] = (await openDataset([join(dir, 'people.parquet')])).entities;
      const rows: Record<string, unknown>[] = [];
      for await (const r of e!.rows())
        rows.push(Object.fromEntries(e!.columns.map((c, i) => [c.name, r[i]])));
      assert.deepEqual(asText(rows), stored);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }

    const gz = await call('GET', url(v, 'download?entity=people&format=ndjson&gzip=true'));
    assert.equal(gz.statusCode, 200);
    assert.equal(gz.headers['content-type'], 'application/gzip');

    const zip = await call('GET', url(v, 'download?format=ndjson'));
    assert.equal(zip.statusCode, 200, zip.body);
    assert.equal(zip.headers['content-type'], 'application/zip');
    assert.equal(zip.rawPayload.subarray(0, 2).toString(), 'PK');
    for (const name of ['people.ndjson', 'manifest.json']) assert.ok(zip.rawPayload.includes(name), name);

    const xml = await call('GET', url(v, 'download?entity=people&format=xml'));
    assert.equal(xml.statusCode, 409, xml.body);
    assert.equal(xml.json().errorCode, 'SAMPLE_VERSION_STATE_INVALID');
    const none = await call('GET', url(v, 'download?entity=nobody&format=ndjson'));
    assert.equal(none.statusCode, 404, none.body);
    assert.equal(none.json().errorCode, 'ENTITY_NOT_FOUND');
  });

  test('an NDJSON version downloads as CSV, and a page of its rows reads from the stored file', async () => {
    const v = await masked('ndjson');
    const csv = await call('GET', url(v, 'download?entity=people&format=csv'));
    assert.equal(csv.statusCode, 200, csv.body);
    const [head, ...lines] = csv.body.trim().split(/\r?\n/);
    assert.equal(head, 'id,zip,name,email,amount');
    assert.equal(lines.length, 3);
    assert.match(lines[0]!, /^001,02134,/);

    const page = await call('GET', url(v, 'rows?entity=people&offset=1&limit=5'));
    assert.equal(page.statusCode, 200, page.body);
    const p = page.json();
    assert.equal(p.total, 3);
    assert.deepEqual(p.columns, ['id', 'zip', 'name', 'email', 'amount']);
    assert.deepEqual(
      p.rows.map((r: { id: string }) => r.id),
      ['002', '003'],
    );
    assert.equal(p.rows[0].email, lines[1]!.split(',')[3]);
  });

  test('a masked version keeps its report: cells changed in masked columns only, no PII replayed', async () => {
    const v = await masked('csv');
    const report = (v.manifest as { report?: Record<string, unknown> }).report as {
      kind: string;
      tables: Array<{ table: string; cellsChanged: Array<{ column: string; rate: number }> }>;
    };
    assert.equal(report.kind, 'masked');
    const rates = new Map(report.tables[0]!.cellsChanged.map((c) => [c.column, c.rate]));
    assert.ok(rates.get('email')! > 0, 'pseudonymized emails differ');
    assert.ok(rates.get('name')! > 0, 'anonymized names differ');
    assert.equal(rates.get('id'), 0);
    assert.equal(rates.get('amount'), 0);
  });

  test('a quality check of a sample version reads its stored files with inferred rules', async () => {
    const v = await masked('csv');
    const res = await call('POST', `${T}/quality/check`, { datasetId: v.datasetId, version: v.version });
    assert.equal(res.statusCode, 201, res.body);
    const r = res.json();
    assert.equal(r.datasetVersionId, v.datasetVersionId);
    assert.ok(r.metrics.overall > 0.9, JSON.stringify(r.metrics));
    const got = await call('GET', url(v, 'quality'));
    assert.equal(got.statusCode, 200, got.body);
    assert.equal(got.json().reportId, r.reportId);
  });

  test('a stored file that no longer matches its recorded sha256 is refused when read to its end', async () => {
    const v = await masked('csv');
    const m = structuredClone(v.manifest) as { entities: { people: { files: Array<{ sha256: string }> } } };
    m.entities.people.files[0]!.sha256 = '0'.repeat(64);
    // A file this small is read whole while it is opened, so the refusal comes before any row.
    await assert.rejects(
      (async () => {
        const [e] = (await storedSampleSource(fx.deps.blobs, { ...v, manifest: m })).entities;
        for await (const _ of e!.batches());
      })(),
      (err: Error & { code?: string }) => (assert.equal(err.code, 'BLOB_TAMPERED'), true),
    );
  });

  test("a team's samples.retentionDays is set by a team update and decides new samples' expiry", async () => {
    const admin = bearer(fx.teams.beta.keys.admin);
    const set = await call('PATCH', '/api/v1/teams/beta', { samples: { retentionDays: 3 } }, admin);
    assert.equal(set.statusCode, 200, set.body);
    assert.deepEqual(set.json().config.samples, { retentionDays: 3 });
    const bad = await call('PATCH', '/api/v1/teams/beta', { samples: { retentionDays: 0 } }, admin);
    assert.equal(bad.statusCode, 400, bad.body);
    assert.equal(bad.json().errorCode, 'REQUEST_INVALID');
    const t0 = Date.now();
    const up = await fx.app.inject({
      method: 'POST',
      url: '/api/v1/teams/beta/samples?name=kept3&entity=people',
      headers: { ...bearer(fx.teams.beta.keys.write), 'content-type': 'text/csv' },
      payload: PEOPLE,
    });
    assert.equal(up.statusCode, 201, up.body);
    const expires = Date.parse(up.json().expiresAt);
    assert.ok(expires >= t0 + 3 * 86_400_000 - 1000 && expires <= Date.now() + 3 * 86_400_000 + 1000);
  });

  test('a synthesized two-table version converts with its foreign key as SQL, and each entity as NDJSON', async () => {
    const regions = ['north', 'south', 'east', 'west'];
    let customers = 'customer_id,region,age\n';
    for (let i = 1; i <= 40; i++) customers += `${i},${regions[i % 4]},${20 + ((i * 7) % 50)}\n`;
    let orders = 'order_id,customer_id,total\n';
    for (let i = 1; i <= 120; i++) orders += `${1000 + i},${1 + ((i * 13) % 40)},${(i % 9) * 10 + 5}\n`;
    const s = await seedSample(fx.deps, 'alpha', { entity: 'customers', csv: customers });
    await seedSample(fx.deps, 'alpha', { name: s.name, entity: 'orders', csv: orders });
    const res = await call('POST', `${T}/samples/${s.sampleId}/jobs`, {
      kind: 'synthesize',
      rows: 30,
      seed: 4,
    });
    assert.equal(res.statusCode, 202, res.body);
    let job = res.json();
    for (let i = 0; i < 600 && ['pending', 'running'].includes(job.status); i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = (await call('GET', `${T}/sample-jobs/${job.jobId}`)).json();
    }
    assert.equal(job.status, 'completed', JSON.stringify(job.error));
    const v = await getDatasetVersionById(fx.deps.db, 'alpha', job.datasetVersionId);
    const fks = (v.recipe as { foreignKeys?: Array<{ from: { table: string } }> }).foreignKeys ?? [];
    assert.ok(
      fks.some((f) => f.from.table === 'orders'),
      JSON.stringify(fks),
    );
    const m = v.manifest as { entities: Record<string, { rows: number }> };
    for (const entity of ['customers', 'orders']) {
      const nd = await call('GET', url(v, `download?entity=${entity}&format=ndjson`));
      assert.equal(nd.statusCode, 200, nd.body);
      assert.equal(nd.body.trim().split('\n').length, m.entities[entity]!.rows);
    }
    const sql = await call('GET', url(v, 'download?entity=orders&format=sql'));
    assert.equal(sql.statusCode, 200, sql.body);
    assert.match(sql.body, /INSERT INTO "?orders"?/i);
    assert.doesNotMatch(sql.body, /INSERT INTO "?customers"?/i, 'one entity: its own statements');
    const zip = await call('GET', url(v, 'download?format=sql'));
    assert.equal(zip.statusCode, 200, zip.body);
    const dir = await mkdtemp(join(tmpdir(), 'tdm-zip-'));
    try {
      await writeFile(join(dir, 'v.zip'), zip.rawPayload);
      const names = execFileSync('unzip', ['-Z1', join(dir, 'v.zip')], { encoding: 'utf8' })
        .trim()
        .split('\n');
      assert.deepEqual(names.sort(), ['data.sql', 'manifest.json', 'schema.sql']);
      const ddl = execFileSync('unzip', ['-p', join(dir, 'v.zip'), 'schema.sql'], { encoding: 'utf8' });
      assert.match(ddl, /REFERENCES\s+"?customers"?/i, 'the detected foreign key is a SQL constraint');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a conversion streams as it reads, and a client that goes away stops it', async () => {
    const total = 400_000;
    const v = await seedStoredVersion(fx.deps, 'alpha', total);
    const metrics = new Metrics();
    const app = await createApp({ ...fx.deps, metrics });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const aborted = () => Number(/outcome="aborted"\} (\d+)/.exec(metrics.render())?.[1] ?? 0);
      const first = await new Promise<number>((resolve, reject) => {
        const req = request(
          `${base}${url(v, 'download?entity=people&format=ndjson')}`,
          { headers: auth },
          (res) => {
            assert.equal(res.statusCode, 200);
            res.once('data', (chunk: Buffer) => {
              resolve(chunk.length);
              req.destroy();
            });
          },
        );
        req.on('error', (e) => (e.message.includes('socket hang up') ? undefined : reject(e)));
        req.end();
      });
      assert.ok(first > 0);
      while (metrics.regenerationsInFlight > 0) await new Promise((r) => setTimeout(r, 20));
      assert.equal(aborted(), 1, 'ended as aborted');
      const made = metrics.regeneratedRows;
      assert.ok(made < total, `stopped after ${made} rows`);
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(metrics.regeneratedRows, made, 'no rows after the stop');

      // Read whole, the conversion holds the stored rows and types (leading zeros stay text).
      const whole = await app.inject({ url: url(v, 'download?entity=people&format=ndjson'), headers: auth });
      assert.equal(whole.statusCode, 200);
      const lines = whole.body.trim().split('\n');
      assert.equal(lines.length, total);
      assert.deepEqual(JSON.parse(lines[1001]!), { id: 1001, code: '0001', amount: 31.5 });
    } finally {
      await app.close();
    }
  });
});
