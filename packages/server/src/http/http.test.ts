/**
 * @module The API's behaviour on both engines: validation lists every bad path, keys are shown
 * once and stored hashed, JWTs, rate limits, tampered files, random-access rows, the OpenAPI
 * document, and the typed client against a listening app.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, test } from 'node:test';
import { ApiError, createClient, ErrorResponse, routes } from '@tdm/contract';
import { SignJWT } from 'jose';
import { teamDirectory } from '../blob/index.js';
import { forEachEngine } from '../store/test-harness.js';
import { createApp } from './app.js';
import type { AppDeps } from './context.js';
import { bearer, buildFixture, CSV, JWT_SECRET, SCHEMA, type Fixture } from './test-support.js';

const jwt = (claims: Record<string, unknown>, exp: string | number, secret = JWT_SECRET) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('ann')
    .setExpirationTime(exp)
    .sign(new TextEncoder().encode(secret));

/** Runs `fn` with the suite's fixture, on an app of its own when deps are overridden. */
async function withApp(shared: () => Fixture, o: Partial<AppDeps>, fn: (fx: Fixture) => Promise<void>) {
  const base = shared();
  if (Object.keys(o).length === 0) return fn(base);
  const app = await createApp({ ...base.deps, ...o });
  try {
    await fn({ ...base, app });
  } finally {
    await app.close();
  }
}

forEachEngine('http api', (ctx) => {
  let shared: Fixture | undefined;
  const fixture = () => shared as Fixture;
  before(async () => {
    shared = await buildFixture(ctx.store);
  });
  after(async () => {
    await shared?.close();
  });
  test('validation errors list every bad path, in body, params and query', async () => {
    const logs: string[] = [];
    const stream = new Writable({ write: (c: Buffer, _e, cb) => (logs.push(c.toString()), cb()) });
    await withApp(fixture, { logger: { level: 'info', stream } }, async (fx) => {
      const res = await fx.app.inject({
        method: 'POST',
        url: '/api/v1/teams',
        headers: bearer(fx.platformKey),
        payload: { teamId: 'Bad Id', teamName: '', customizations: { qualityLevel: 'x' } },
      });
      assert.equal(res.statusCode, 400);
      const body = ErrorResponse.parse(res.json());
      assert.equal(body.errorCode, 'REQUEST_INVALID');
      const paths = (body.details as { issues: { path: string }[] }).issues.map((i) => i.path).sort();
      assert.deepEqual(paths, ['body.customizations.qualityLevel', 'body.teamId', 'body.teamName']);
      const t = fx.teams.alpha;
      const rows = await fx.app.inject({
        url: `/api/v1/teams/alpha/datasets/${t.datasetId}/versions/0/rows?offset=-1&limit=5000`,
        headers: bearer(t.keys.read),
      });
      const issues = (rows.json() as { details: { issues: { path: string }[] } }).details.issues;
      assert.deepEqual(issues.map((i) => i.path).sort(), [
        'params.version',
        'query.entity',
        'query.limit',
        'query.offset',
      ]);
      const bad = await fx.app.inject({
        method: 'POST',
        url: '/api/v1/teams/alpha/schemas',
        headers: bearer(t.keys.write),
        payload: {
          name: 'broken',
          document:
            'name: x\nentities:\n  a:\n    count: 1\n    fields:\n      id: { type: nope }\n      r: { ref: b.id }\n',
        },
      });
      assert.equal(bad.statusCode, 400);
      const problems = (bad.json() as { details: { problems: { path: string }[] } }).details.problems;
      assert.ok(problems.length >= 2, JSON.stringify(problems));
      assert.equal(
        (
          await fx.app.inject({
            method: 'POST',
            url: '/api/v1/teams',
            headers: { ...bearer(fx.platformKey), 'content-type': 'application/json' },
            payload: '{bad',
          })
        ).statusCode,
        400,
      );
      const missing = await fx.app.inject({
        url: '/api/v1/nothing-here',
        headers: { 'x-request-id': 'abc-1' },
      });
      assert.equal(missing.statusCode, 404);
      assert.equal(missing.headers['x-request-id'], 'abc-1');
      assert.equal(ErrorResponse.parse(missing.json()).errorCode, 'ROUTE_NOT_FOUND');
      assert.ok(
        logs.every((l) => !l.includes(t.keys.write)),
        'no key in the log',
      );
    });
  });

  test('keys are shown once and stored only as hashes; revocation takes effect at once', async () => {
    await withApp(fixture, {}, async (fx) => {
      const admin = bearer(fx.teams.alpha.keys.admin);
      const res = await fx.app.inject({
        method: 'POST',
        url: '/api/v1/teams/alpha/keys',
        headers: admin,
        payload: { role: 'write', name: 'ci' },
      });
      assert.equal(res.statusCode, 201);
      const created = res.json() as { keyId: string; key: string; role: string };
      assert.equal(created.role, 'write');
      const list = await fx.app.inject({ url: '/api/v1/teams/alpha/keys', headers: admin });
      assert.ok(!list.body.includes(created.key) && !list.body.includes('hash'));
      const stored = await fx.deps.db.withAdmin((tx) =>
        tx.query('SELECT row_to_json(k)::text AS j FROM api_keys k'),
      );
      assert.ok(
        stored.every((r) => !String(r.j).includes(created.key.slice(21))),
        'secret not in api_keys',
      );
      const audit = await fx.deps.db.withAdmin((tx) => tx.query('SELECT details::text AS d FROM audit_log'));
      assert.ok(
        audit.every((r) => !String(r.d).includes(created.key)),
        'key not in the audit trail',
      );
      assert.equal(
        (await fx.app.inject({ url: '/api/v1/teams/alpha/schemas', headers: bearer(created.key) }))
          .statusCode,
        200,
      );
      const del = await fx.app.inject({
        method: 'DELETE',
        url: `/api/v1/teams/alpha/keys/${created.keyId}`,
        headers: admin,
      });
      assert.equal(del.statusCode, 200);
      const after = await fx.app.inject({ url: '/api/v1/teams/alpha/schemas', headers: bearer(created.key) });
      assert.equal(after.statusCode, 401);
      assert.equal(after.json().errorCode, 'AUTH_REVOKED');
    });
  });

  test('JWT: claims grant the team role; expired and badly signed tokens get 401', async () => {
    await withApp(fixture, {}, async (fx) => {
      const ok = await fx.app.inject({
        url: '/api/v1/teams/alpha/schemas',
        headers: bearer(await jwt({ team: 'alpha', role: 'read' }, '5m')),
      });
      assert.equal(ok.statusCode, 200);
      const foreign = await fx.app.inject({
        url: '/api/v1/teams/beta/schemas',
        headers: bearer(await jwt({ team: 'alpha', role: 'admin' }, '5m')),
      });
      assert.equal(foreign.statusCode, 404);
      const expired = await fx.app.inject({
        url: '/api/v1/teams/alpha/schemas',
        headers: bearer(await jwt({ team: 'alpha', role: 'read' }, Math.floor(Date.now() / 1000) - 10)),
      });
      assert.equal(expired.json().errorCode, 'AUTH_EXPIRED');
      const forged = await fx.app.inject({
        url: '/api/v1/teams/alpha/schemas',
        headers: bearer(await jwt({ team: 'alpha', role: 'read' }, '5m', `${JWT_SECRET}!`)),
      });
      assert.equal(forged.statusCode, 401);
      assert.equal(forged.json().errorCode, 'AUTH_INVALID');
    });
  });

  test('rate limit: 429 with Retry-After once a key exceeds its window', async () => {
    await withApp(fixture, { rateLimit: { max: 3, windowMs: 60_000 } }, async (fx) => {
      const h = bearer(fx.teams.alpha.keys.read);
      for (let i = 0; i < 3; i++)
        assert.equal((await fx.app.inject({ url: '/api/v1/me', headers: h })).statusCode, 200);
      const res = await fx.app.inject({ url: '/api/v1/me', headers: h });
      assert.equal(res.statusCode, 429);
      assert.equal(res.json().errorCode, 'RATE_LIMITED');
      assert.ok(Number(res.headers['retry-after']) >= 1);
      assert.equal(
        (await fx.app.inject({ url: '/api/v1/me', headers: bearer(fx.teams.alpha.keys.write) })).statusCode,
        200,
        'per key',
      );
      // Credentials that do not authenticate count against the address instead.
      const guesses: number[] = [];
      for (let i = 0; i < 4; i++)
        guesses.push(
          (await fx.app.inject({ url: '/api/v1/me', headers: bearer(fx.bad.invalid) })).statusCode,
        );
      assert.deepEqual(guesses, [401, 401, 401, 429]);
      assert.equal(
        (await fx.app.inject({ url: '/api/v1/me', headers: bearer(fx.teams.alpha.keys.admin) })).statusCode,
        200,
        'a valid key from the same address keeps its own window',
      );
    });
  });

  test('downloads stream the sealed file; a tampered file answers 422 BLOB_TAMPERED, never its bytes', async () => {
    await withApp(fixture, {}, async (fx) => {
      const t = fx.teams.beta;
      const url = `/api/v1/teams/beta/datasets/${t.datasetId}/versions/${t.version}/download?entity=people`;
      const res = await fx.app.inject({ url, headers: bearer(t.keys.read) });
      assert.equal(res.statusCode, 200);
      assert.equal(res.body, CSV);
      assert.match(String(res.headers['content-type']), /text\/csv/);
      // Without an entity: a zip of every file, read back with Info-ZIP's unzip.
      const all = await fx.app.inject({
        url: url.replace('?entity=people', ''),
        headers: bearer(t.keys.read),
      });
      assert.equal(all.statusCode, 200);
      assert.equal(all.headers['content-type'], 'application/zip');
      const zipPath = join(fx.dir, 'all.zip');
      await writeFile(zipPath, all.rawPayload);
      assert.match(execFileSync('unzip', ['-l', zipPath], { encoding: 'utf8' }), /1 file/);
      assert.equal(execFileSync('unzip', ['-p', zipPath, 'people.csv'], { encoding: 'utf8' }), CSV);
      const file = join(
        teamDirectory(join(fx.dir, 'blobs'), 'beta'),
        `${t.datasetId}/v${t.version}/people.csv`,
      );
      const bytes = await readFile(file);
      bytes[bytes.length - 5] = (bytes[bytes.length - 5] as number) ^ 1;
      await writeFile(file, bytes);
      const bad = await fx.app.inject({ url, headers: bearer(t.keys.read) });
      assert.equal(bad.statusCode, 422);
      assert.equal(bad.json().errorCode, 'BLOB_TAMPERED');
      assert.ok(!bad.body.includes('Ann') && !bad.body.includes('    at '));
      const zip = await fx.app.inject({
        url: url.replace('?entity=people', ''),
        headers: bearer(t.keys.read),
      });
      assert.equal(zip.statusCode, 422, 'the zip authenticates its first file before answering');
      assert.equal(zip.json().errorCode, 'BLOB_TAMPERED');
    });
  });

  test('rows are recomputed from the recipe at any offset; a foreign id in the own path is 404', async () => {
    await withApp(fixture, {}, async (fx) => {
      const t = fx.teams.alpha;
      const base = `/api/v1/teams/alpha/datasets/${t.datasetId}/versions/${t.version}/rows?entity=people`;
      const page = (
        await fx.app.inject({ url: `${base}&offset=47&limit=10`, headers: bearer(t.keys.read) })
      ).json();
      assert.equal(page.total, 50);
      assert.deepEqual(page.columns, ['id', 'name']);
      assert.deepEqual(
        page.rows.map((r: { id: number }) => r.id),
        [48, 49, 50],
      );
      const again = (
        await fx.app.inject({ url: `${base}&offset=48&limit=1`, headers: bearer(t.keys.read) })
      ).json();
      assert.deepEqual(again.rows[0], page.rows[1], 'the same row whatever the page');
      const foreign = await fx.app.inject({
        url: `/api/v1/teams/alpha/schemas/${fx.teams.beta.schemaId}`,
        headers: bearer(t.keys.read),
      });
      assert.equal(foreign.statusCode, 404);
    });
  });

  test('the served OpenAPI document lists every route; /docs serves the reference page', async () => {
    await withApp(fixture, {}, async (fx) => {
      const doc = (await fx.app.inject({ url: '/openapi.json' })).json();
      assert.equal(doc.openapi, '3.1.0');
      for (const [id, def] of Object.entries(routes)) {
        assert.equal(doc.paths[def.path]?.[def.method.toLowerCase()]?.operationId, id);
      }
      const docs = await fx.app.inject({ url: '/docs/' });
      assert.equal(docs.statusCode, 200);
      assert.match(docs.body, /swagger/i);
      const metrics = await fx.app.inject({ url: '/metrics' });
      assert.match(
        metrics.body,
        /tdm_http_requests_total\{method="GET",route="\/openapi.json",status="200"\} 1/,
      );
    });
  });

  test('the typed client round-trips against the listening app', async () => {
    await withApp(fixture, {}, async (fx) => {
      const address = await fx.app.listen({ port: 0, host: '127.0.0.1' });
      const root = createClient({ baseUrl: address, key: fx.platformKey });
      const team = await root.createTeam({
        body: { teamId: 'gamma', teamName: 'Gamma', customizations: { qualityLevel: 'premium' } },
      });
      assert.equal(team.config.customizations?.qualityLevel, 'premium');
      const { key } = await root.createKey({
        params: { teamId: 'gamma' },
        body: { role: 'write', name: 'ci' },
      });
      const api = createClient({ baseUrl: address, key });
      assert.equal((await api.whoami({})).teamId, 'gamma');
      const s = await api.createSchema({
        params: { teamId: 'gamma' },
        body: { name: 'tiny', document: SCHEMA },
      });
      const s2 = await api.updateSchema({
        params: { teamId: 'gamma', schemaId: s.schemaId },
        body: { document: SCHEMA },
      });
      assert.deepEqual(
        s2.versions.map((v) => v.version),
        [2, 1],
      );
      assert.equal((await api.validateSchema({ body: { document: SCHEMA } })).valid, true);
      await assert.rejects(
        api.listTeams({}),
        (e: unknown) => e instanceof ApiError && e.status === 403 && e.errorCode === 'AUTH_FORBIDDEN',
      );
      const alpha = createClient({ baseUrl: address, key: fx.teams.alpha.keys.read });
      const t = fx.teams.alpha;
      const dl = await alpha.downloadVersion({
        params: { teamId: 'alpha', datasetId: t.datasetId, version: t.version },
        query: { entity: 'people' },
      });
      assert.equal(await dl.text(), CSV);
      const rows = await alpha.versionRows({
        params: { teamId: 'alpha', datasetId: t.datasetId, version: t.version },
        query: { entity: 'people', limit: 2 },
      });
      assert.equal(rows.rows.length, 2);
      assert.equal(
        (await alpha.listAudit({ params: { teamId: 'alpha' } }).catch((e: ApiError) => e)).constructor,
        ApiError,
      );
    });
  });
});

/** Reads SSE `data:` payloads from a fetch body until `until` accepts one (or the time runs out). */
async function readEvents(
  res: Response,
  until: (e: { type: string; jobId: string }) => boolean,
  ms = 20_000,
) {
  const seen: { type: string; jobId: string; teamId: string }[] = [];
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const timer = setTimeout(() => void reader.cancel(), ms);
  let buf = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return seen;
      buf += new TextDecoder().decode(value);
      let i: number;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const data = block.split('\n').find((l) => l.startsWith('data: '));
        if (!data) continue;
        const e = JSON.parse(data.slice(6)) as { type: string; jobId: string; teamId: string };
        seen.push(e);
        if (until(e)) return seen;
      }
    }
  } finally {
    clearTimeout(timer);
    await reader.cancel().catch(() => undefined);
  }
}

forEachEngine('http jobs and events', (ctx) => {
  test('a job submitted over HTTP streams its progress to its own team only, then its rows page', async () => {
    const fx = await buildFixture(ctx.store);
    try {
      const address = await fx.app.listen({ port: 0, host: '127.0.0.1' });
      const t = fx.teams.alpha;
      const alphaEvents = await fetch(`${address}/api/v1/events`, { headers: bearer(t.keys.read) });
      const betaEvents = await fetch(`${address}/api/v1/events`, {
        headers: bearer(fx.teams.beta.keys.read),
      });
      const api = createClient({ baseUrl: address, key: t.keys.write });
      const { jobId } = await api.createJob({
        params: { teamId: 'alpha' },
        body: { schemaId: t.schemaId, options: { format: 'csv', seed: 3 } },
      });
      const seen = await readEvents(alphaEvents, (e) => e.jobId === jobId && e.type === 'job.completed');
      assert.ok(
        seen.some((e) => e.jobId === jobId && e.type === 'job.completed'),
        JSON.stringify(seen),
      );
      assert.ok(seen.every((e) => e.teamId === 'alpha'));
      const other = await readEvents(betaEvents, () => false, 300);
      assert.ok(other.every((e) => e.teamId === 'beta' && e.jobId !== jobId));
      const job = await api.getJob({ params: { jobId } });
      assert.equal(job.status, 'completed');
      assert.equal(job.progress, 100);
      const beta = createClient({ baseUrl: address, key: fx.teams.beta.keys.admin });
      await assert.rejects(
        beta.getJob({ params: { jobId } }),
        (e: unknown) => e instanceof ApiError && e.status === 404,
      );
      // The job writes a new version of the dataset named after the schema ("tiny").
      const ds = (await api.listDatasets({ params: { teamId: 'alpha' } })).datasets.find(
        (d) => d.name === 'tiny',
      );
      assert.ok(ds?.latestVersion);
      const v = await api.getDatasetVersion({
        params: { teamId: 'alpha', datasetId: ds.datasetId, version: ds.latestVersion },
      });
      assert.equal(v.datasetVersionId, job.datasetVersionId);
      assert.equal(v.lineage.jobId, jobId);
      const version = ds.latestVersion;
      const rows = await api.versionRows({
        params: { teamId: 'alpha', datasetId: ds.datasetId, version },
        query: { entity: 'people', offset: 0, limit: 3 },
      });
      const file = await api.downloadVersion({
        params: { teamId: 'alpha', datasetId: ds.datasetId, version },
        query: { entity: 'people' },
      });
      const lines = (await file.text()).trim().split(/\r?\n/);
      assert.equal(lines.length, 51, 'header + 50 rows');
      assert.equal(
        lines[1],
        `${rows.rows[0]?.id},${rows.rows[0]?.name}`,
        'random access agrees with the file',
      );
    } finally {
      await fx.close();
    }
  });
});
