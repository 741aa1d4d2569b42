/**
 * @module Graceful shutdown of the HTTP app: downloads in flight when close() is called (a stored
 * file and one regenerated from its recipe) finish byte-complete with the right checksum, new
 * requests are refused, and open SSE streams are ended (with a `shutdown` event) instead of
 * holding close() open forever; a reader that stalls past the grace period is cut off.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { request, type IncomingMessage } from 'node:http';
import { after, before, test } from 'node:test';
import { ENGINE_VERSION, parseSchema, schemaHash } from '@tdm/core';
import { beginDatasetVersion, createDataset, publishDatasetVersion } from '../store/index.js';
import { forEachEngine } from '../store/test-harness.js';
import { createApp } from './app.js';
import { closeGracefully } from './close.js';
import { bearer, buildFixture, type Fixture } from './test-support.js';

const ROWS = 300_000;
const SCHEMA = `name: big
seed: 5
entities:
  people:
    count: ${ROWS}
    fields:
      id: { type: integer, primaryKey: true, sequence: 1 }
      name: { type: person.firstName }
`;

let datasets = 0;

/** A published csv version whose stored file is `bytes` long (one sealed blob) and whose recipe is SCHEMA. */
async function bigVersion(
  fx: Fixture,
  bytes: number,
): Promise<{ url: string; sha256: string; size: number }> {
  const line = 'id,name,a-row-long-enough-to-fill-the-socket-buffers-quickly\n';
  const body = Buffer.from(line.repeat(Math.ceil(bytes / line.length)));
  const ds = await createDataset(fx.deps.db, 'alpha', { name: `shutdown-${++datasets}` });
  const doc = parseSchema(SCHEMA);
  const v = await beginDatasetVersion(fx.deps.db, 'alpha', ds.datasetId, {
    recipe: {
      schemaVersionId: null,
      schemaHash: schemaHash(doc),
      schema: doc,
      seed: 5,
      scale: 1,
      engineVersion: ENGINE_VERSION,
      now: '2024-01-01T00:00:00.000Z',
      format: 'csv',
      gzip: false,
    } as never,
  });
  const key = `${ds.datasetId}/v${v.version}/people.csv`;
  const w = await fx.deps.blobs.putBlob('alpha', key);
  for (let i = 0; i < body.length; i += 1 << 20) await w.write(body.subarray(i, i + (1 << 20)));
  await w.close();
  const sha256 = createHash('sha256').update(body).digest('hex');
  await publishDatasetVersion(fx.deps.db, 'alpha', v.datasetVersionId, {
    manifest: {
      format: 'csv',
      gzip: false,
      entities: { people: { rows: ROWS, files: [{ name: 'people.csv', bytes: body.length, sha256 }] } },
      files: [],
    },
    blobKeys: [key],
  });
  return {
    url: `/api/v1/teams/alpha/datasets/${ds.datasetId}/versions/${v.version}/download`,
    sha256,
    size: body.length,
  };
}

/** A GET on a connection of its own, paused after its first chunk; `rest()` reads it to the end. */
function pausedGet(url: string, key: string): Promise<{ res: IncomingMessage; rest(): Promise<Buffer> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, headers: bearer(key) }, (res) => {
      res.once('data', (first: Buffer) => {
        res.pause();
        const chunks = [first];
        resolve({
          res,
          rest: () =>
            new Promise<Buffer>((done, fail) => {
              res.on('data', (c: Buffer) => chunks.push(c));
              res.once('end', () => done(Buffer.concat(chunks)));
              res.once('error', fail);
              res.resume();
            }),
        });
      });
    });
    req.once('error', reject);
    req.end();
  });
}

/** A new connection's answer: its status, or the connection error's code. */
function fresh(url: string): Promise<number | string> {
  return new Promise((resolve) => {
    const req = request(url, { agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
    req.end();
  });
}

forEachEngine('http graceful shutdown', (ctx) => {
  let fx: Fixture;
  before(async () => {
    fx = await buildFixture(ctx.store);
  });
  after(async () => {
    await fx.close();
  });
  // A close() that hangs (an SSE stream holding it open) fails the test instead of hanging the run.
  test(
    'in-flight downloads finish whole on close; new requests are refused; SSE streams end',
    { timeout: 120_000 },
    async () => {
      const app = await createApp(fx.deps);
      const base = await app.listen({ port: 0, host: '127.0.0.1' });
      const key = fx.teams.alpha.keys.read;
      const big = await bigVersion(fx, 32 << 20);

      const events = await fetch(`${base}/api/v1/events`, { headers: bearer(key) });
      const reader = (events.body as ReadableStream<Uint8Array>).getReader();
      let sse = new TextDecoder().decode((await reader.read()).value);
      const stored = await pausedGet(`${base}${big.url}?entity=people`, key);
      const regenerated = await pausedGet(`${base}${big.url}?entity=people&format=ndjson`, key);
      assert.equal(stored.res.headers['x-content-sha256'], big.sha256);

      const closing = app.close();
      // The SSE stream ends first (preClose), with a last event saying why.
      for (let r = await reader.read(); !r.done; r = await reader.read())
        sse += new TextDecoder().decode(r.value);
      assert.match(sse, /event: shutdown\n/);
      const refused = await fresh(`${base}/health`);
      assert.ok(refused === 'ECONNREFUSED' || refused === 503, `new request: ${refused}`);

      const file = await stored.rest();
      assert.equal(file.length, big.size, 'byte-complete');
      assert.equal(createHash('sha256').update(file).digest('hex'), big.sha256);
      const nd = (await regenerated.rest()).toString('utf8');
      const lines = nd.trimEnd().split('\n');
      assert.equal(lines.length, ROWS, 'every regenerated row');
      assert.deepEqual(Object.keys(JSON.parse(lines[ROWS - 1] as string) as object), ['id', 'name']);
      assert.equal((JSON.parse(lines[ROWS - 1] as string) as { id: number }).id, ROWS);
      await closing;
      assert.equal(await fresh(`${base}/health`), 'ECONNREFUSED');
    },
  );

  test(
    'closeGracefully cuts off a reader that stalls past the grace period',
    { timeout: 120_000 },
    async () => {
      const app = await createApp(fx.deps);
      const base = await app.listen({ port: 0, host: '127.0.0.1' });
      const big = await bigVersion(fx, 32 << 20);
      const stalled = await pausedGet(`${base}${big.url}?entity=people`, fx.teams.alpha.keys.read);
      const ended = new Promise<string>((resolve) => {
        stalled.res.once('aborted', () => resolve('aborted'));
        stalled.res.once('error', () => resolve('error'));
        stalled.res.once('end', () => resolve('end'));
      });
      await closeGracefully(app, 200);
      stalled.res.resume();
      assert.notEqual(await ended, 'end', 'the stalled download was cut off, not completed');
      assert.equal(await fresh(`${base}/health`), 'ECONNREFUSED');
    },
  );
});
