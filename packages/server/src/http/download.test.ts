/**
 * @module Downloads in another format than the version was written in: regenerated from the recipe,
 * the same rows whatever the format (read back with independent readers: csv-parse, JSON.parse,
 * hyparquet, SQLite), a zip of every entity with a manifest that checks out, coded errors for bad
 * queries, an audit record naming the format, and a closed download that stops the generation.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { parse as parseCsv } from 'csv-parse/sync';
import { parquetReadObjects } from 'hyparquet';
import { ENGINE_VERSION, parseSchema, schemaHash } from '@tdm/core';
import { ErrorResponse } from '@tdm/contract';
import type { FastifyInstance } from 'fastify';
import {
  beginDatasetVersion,
  createDataset,
  getDatasetVersion,
  publishDatasetVersion,
} from '../store/index.js';
import { forEachEngine } from '../store/test-harness.js';
import { createApp } from './app.js';
import { Metrics } from './metrics.js';
import { bearer, buildFixture, generatedVersion, type Fixture } from './test-support.js';

const SCHEMA = `name: dl
seed: 11
entities:
  people:
    count: 120
    fields:
      id: { type: integer, primaryKey: true, sequence: 1 }
      name: { type: person.firstName }
      score: { type: integer, min: -500, max: 500 }
  pets:
    count: 300
    fields:
      id: { type: integer, primaryKey: true, sequence: 1 }
      owner_id: { ref: people.id, nullRate: 0.3 }
      nick: { type: person.firstName }
`;

type Cell = string | null;
/** Rows as text cells in column order, null for SQL NULL: the common ground of every format. */
const cell = (v: unknown): Cell => (v === null || v === undefined ? null : String(v));
const fromObjects = (rows: Record<string, unknown>[], cols: string[]) =>
  rows.map((r) => cols.map((c) => cell(r[c])));

function readCsvRows(text: string): { cols: string[]; rows: Cell[][] } {
  const records = parseCsv(text, {
    cast: (value: string, ctx: { quoting: boolean }) => (value === '' && !ctx.quoting ? null : value),
  }) as Cell[][];
  const [header = [], ...rows] = records;
  return { cols: header as string[], rows };
}

function unzip(zip: string, dir: string): string[] {
  execFileSync('unzip', ['-o', '-q', zip, '-d', dir]);
  return execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).trim().split('\n').sort();
}

forEachEngine('http downloads in another format', (ctx) => {
  let fx: Fixture;
  let app: FastifyInstance;
  let base: string;
  let csvVersion: { datasetId: string; version: number; schemaId: string };
  const metrics = new Metrics();
  before(async () => {
    fx = await buildFixture(ctx.store);
    app = await createApp({ ...fx.deps, metrics });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    csvVersion = await generatedVersion(fx, 'alpha', SCHEMA, { format: 'csv' });
  });
  after(async () => {
    await app.close();
    await fx.close();
  });
  type At = { datasetId: string; version: number };
  const url = (q: string, v: At = csvVersion) =>
    `/api/v1/teams/alpha/datasets/${v.datasetId}/versions/${v.version}/download?${q}`;
  const get = (q: string, requestId?: string, v: At = csvVersion) =>
    app.inject({
      url: url(q, v),
      headers: { ...bearer(fx.teams.alpha.keys.read), ...(requestId ? { 'x-request-id': requestId } : {}) },
    });

  test('a csv version read as json, ndjson, parquet and sql (sqlite, from the zip) has the same rows', async () => {
    for (const entity of ['people', 'pets']) {
      const stored = await get(`entity=${entity}`);
      assert.equal(stored.statusCode, 200);
      assert.equal(
        stored.headers['x-content-sha256'],
        createHash('sha256').update(stored.rawPayload).digest('hex'),
      );
      const { cols, rows } = readCsvRows(stored.body);
      assert.equal(rows.length, entity === 'people' ? 120 : 300);
      if (entity === 'pets') assert.ok(rows.some((r) => r[1] === null) && rows.some((r) => r[1] !== null));

      const json = await get(`entity=${entity}&format=json`);
      assert.equal(json.statusCode, 200);
      assert.match(String(json.headers['content-type']), /application\/json/);
      assert.equal(json.headers['x-content-sha256'], undefined, 'no checksum is known ahead');
      assert.deepEqual(fromObjects(JSON.parse(json.body) as Record<string, unknown>[], cols), rows);

      const nd = await get(`entity=${entity}&format=ndjson`);
      const lines = nd.body
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      assert.deepEqual(fromObjects(lines, cols), rows);

      const pq = await get(`entity=${entity}&format=parquet`);
      assert.equal(pq.headers['content-disposition'], `attachment; filename="${entity}.parquet"`);
      const bytes = pq.rawPayload;
      const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      const objects = (await parquetReadObjects({ file })) as Record<string, unknown>[];
      assert.deepEqual(fromObjects(objects, cols), rows);

      const gz = await get(`entity=${entity}&gzip=true`);
      assert.equal(gz.headers['content-type'], 'application/gzip');
      assert.ok(
        gunzipSync(gz.rawPayload).equals(stored.rawPayload),
        'the recipe reproduces the stored bytes',
      );
    }

    const zip = await get('format=sql&dialect=sqlite');
    assert.equal(zip.statusCode, 200);
    assert.equal(zip.headers['content-type'], 'application/zip');
    const dir = join(fx.dir, `sql-${ctx.place.engine}`);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'all.zip'), zip.rawPayload);
    assert.deepEqual(unzip(join(dir, 'all.zip'), dir), ['data.sql', 'manifest.json', 'schema.sql']);
    const db = new Database(':memory:');
    try {
      db.exec(await readFile(join(dir, 'schema.sql'), 'utf8'));
      db.exec(await readFile(join(dir, 'data.sql'), 'utf8'));
      for (const entity of ['people', 'pets']) {
        const { cols, rows } = readCsvRows((await get(`entity=${entity}`)).body);
        const loaded = db.prepare(`SELECT * FROM ${entity} ORDER BY id`).all() as Record<string, unknown>[];
        assert.deepEqual(fromObjects(loaded, cols), rows, `${entity} loaded from data.sql`);
      }
      // One entity's statements load after schema.sql on their own (into an empty database).
      const one = new Database(':memory:');
      one.exec(await readFile(join(dir, 'schema.sql'), 'utf8'));
      one.exec((await get('entity=people&format=sql&dialect=sqlite')).body);
      assert.equal((one.prepare('SELECT count(*) AS n FROM people').get() as { n: number }).n, 120);
      one.close();
    } finally {
      db.close();
    }
    const mysql = await get('entity=people&format=sql&dialect=mysql');
    assert.match(mysql.body, /INSERT INTO `people`/);
  });

  test('a regenerated zip holds every entity and a manifest whose checksums match its files', async () => {
    const res = await get('format=ndjson&gzip=true');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-disposition']), /-v\d+-ndjson\.zip"$/);
    const dir = join(fx.dir, `nd-${ctx.place.engine}`);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'all.zip'), res.rawPayload);
    assert.deepEqual(unzip(join(dir, 'all.zip'), dir), [
      'manifest.json',
      'people.ndjson.gz',
      'pets.ndjson.gz',
    ]);
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as {
      format: string;
      gzip: boolean;
      entities: Record<string, { rows: number; files: { name: string; sha256: string; bytes: number }[] }>;
    };
    assert.equal(manifest.format, 'ndjson');
    assert.equal(manifest.gzip, true);
    for (const [entity, e] of Object.entries(manifest.entities)) {
      const f = e.files[0] as { name: string; sha256: string; bytes: number };
      const bytes = await readFile(join(dir, f.name));
      assert.equal(createHash('sha256').update(bytes).digest('hex'), f.sha256, f.name);
      assert.equal(bytes.length, f.bytes);
      assert.equal(gunzipSync(bytes).toString().trimEnd().split('\n').length, e.rows, entity);
    }
  });

  test('bad queries are coded 400s listing what is allowed; the audit record names the format', async () => {
    const bad = await get('entity=people&format=yaml');
    assert.equal(bad.statusCode, 400);
    const body = ErrorResponse.parse(bad.json());
    assert.equal(body.errorCode, 'REQUEST_INVALID');
    const issues = (body.details as { issues: { path: string; message: string }[] }).issues;
    assert.deepEqual(
      issues.map((i) => i.path),
      ['query.format'],
    );
    for (const f of ['csv', 'json', 'ndjson', 'xml', 'sql', 'parquet'])
      assert.ok(issues[0]?.message.includes(f));
    const dialect = await get('entity=people&format=json&dialect=mysql');
    assert.equal(dialect.statusCode, 400);
    assert.deepEqual(
      (dialect.json() as { details: { issues: { path: string }[] } }).details.issues.map((i) => i.path),
      ['query.dialect'],
    );
    const gzip = await get('gzip=maybe');
    assert.equal(gzip.statusCode, 400);
    const missing = await get('entity=owners&format=xml');
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().errorCode, 'ENTITY_NOT_FOUND');
    assert.deepEqual(missing.json().details.entities, ['people', 'pets']);

    const requestId = `dl-${ctx.place.engine}-audit`;
    assert.equal((await get('entity=pets&format=xml', requestId)).statusCode, 200);
    const [record] = await fx.deps.db.withAdmin((tx) =>
      tx.query('SELECT action, outcome, team_id, details FROM audit_log WHERE request_id = $1', [requestId]),
    );
    assert.deepEqual(
      { ...record, details: record?.details },
      {
        action: 'dataset.download',
        outcome: 'success',
        team_id: 'alpha',
        details: {
          datasetId: csvVersion.datasetId,
          version: csvVersion.version,
          entity: 'pets',
          format: 'xml',
          gzip: false,
          regenerated: true,
        },
      },
    );
  });

  test('an evicted version is rebuilt on its first download, verified, and served whole', async () => {
    const first = await generatedVersion(fx, 'alpha', SCHEMA.replace('seed: 11', 'seed: 12'), {
      format: 'csv',
    });
    const original = await get('entity=pets', undefined, first);
    await generatedVersion(fx, 'alpha', { schemaId: first.schemaId }, { format: 'csv' });
    const { evicted } = await fx.jobs.archiveOldData('alpha', { keepLast: 1, evictFiles: true });
    const v = await getDatasetVersion(fx.deps.db, 'alpha', first.datasetId, first.version);
    assert.equal(v.status, 'evicted');
    assert.ok(evicted.includes(v.datasetVersionId));
    const requestId = `dl-${ctx.place.engine}-evicted`;
    // Two at once share one rebuild.
    const [a, b] = await Promise.all([
      get('entity=pets', requestId, first),
      get('entity=pets', undefined, first),
    ]);
    for (const res of [a, b]) {
      assert.equal(res.statusCode, 200, res.body.slice(0, 300));
      assert.ok(res.rawPayload.equals(original.rawPayload));
      assert.equal(res.headers['x-content-sha256'], original.headers['x-content-sha256']);
    }
    assert.equal(
      (await getDatasetVersion(fx.deps.db, 'alpha', first.datasetId, first.version)).status,
      'published',
    );
    const [record] = await fx.deps.db.withAdmin((tx) =>
      tx.query('SELECT details FROM audit_log WHERE request_id = $1', [requestId]),
    );
    assert.equal((record?.details as { rebuilt?: boolean }).rebuilt, true);
  });

  test('a download closed early stops its generation and leaves nothing running', async () => {
    // A version too big to finish while the test reads it; regeneration needs only its recipe.
    const doc = SCHEMA.replace('count: 120', 'count: 5000000');
    const ds = await createDataset(fx.deps.db, 'alpha', { name: 'big' });
    const v = await beginDatasetVersion(fx.deps.db, 'alpha', ds.datasetId, {
      recipe: {
        schemaVersionId: null,
        schemaHash: schemaHash(parseSchema(doc)),
        schema: parseSchema(doc),
        seed: 11,
        scale: 1,
        engineVersion: ENGINE_VERSION,
        now: '2024-01-01T00:00:00.000Z',
        format: 'csv',
        gzip: false,
      } as never,
    });
    await publishDatasetVersion(fx.deps.db, 'alpha', v.datasetVersionId, {
      manifest: { format: 'csv', gzip: false, entities: {}, files: [] },
      blobKeys: [],
    });
    const big = { datasetId: ds.datasetId, version: v.version };
    for (const q of ['entity=people&format=ndjson', 'format=json', 'entity=people&format=parquet']) {
      const aborted = () => Number(/outcome="aborted"\} (\d+)/.exec(metrics.render())?.[1] ?? 0);
      const before = { aborted: aborted(), rows: metrics.regeneratedRows };
      const first = await new Promise<number>((resolve, reject) => {
        const req = request(`${base}${url(q, big)}`, { headers: bearer(fx.teams.alpha.keys.read) }, (res) => {
          assert.equal(res.statusCode, 200);
          res.once('data', (chunk: Buffer) => {
            resolve(chunk.length);
            req.destroy();
          });
        });
        req.on('error', (e) => (e.message.includes('socket hang up') ? undefined : reject(e)));
        req.end();
      });
      assert.ok(first > 0);
      while (metrics.regenerationsInFlight > 0) await new Promise((r) => setTimeout(r, 20));
      assert.equal(aborted(), before.aborted + 1, `${q}: ended as aborted`);
      const made = metrics.regeneratedRows - before.rows;
      assert.ok(made < 5_000_000, `${q}: stopped after ${made} rows`);
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(metrics.regeneratedRows - before.rows, made, `${q}: no rows after the stop`);
    }
  });
});
