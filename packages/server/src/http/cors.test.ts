/**
 * @module CORS as configured by `cors.origins`: an allowed origin gets the headers (and the exposed
 * ones a client needs), another origin gets none, and a preflight admits every method the API uses.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { forEachEngine } from '../store/test-harness.js';
import { createApp } from './app.js';
import { bearer, buildFixture, type Fixture } from './test-support.js';

const ALLOWED = 'https://dash.example.com';
const OTHER = 'https://evil.example.net';

forEachEngine('http cors', (ctx) => {
  let fx: Fixture;
  let app: FastifyInstance;
  before(async () => {
    fx = await buildFixture(ctx.store);
    app = await createApp({ ...fx.deps, cors: { origins: [ALLOWED] } });
  });
  after(async () => {
    await app.close();
    await fx.close();
  });

  test('an allowed origin gets CORS headers; another origin gets none', async () => {
    const ok = await app.inject({
      url: '/api/v1/teams/alpha/schemas',
      headers: { origin: ALLOWED, ...bearer(fx.teams.alpha.keys.read) },
    });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.headers['access-control-allow-origin'], ALLOWED);
    assert.match(String(ok.headers.vary), /Origin/);
    const exposed = String(ok.headers['access-control-expose-headers']).split(/,\s*/);
    for (const h of ['x-request-id', 'retry-after', 'content-disposition', 'x-content-sha256'])
      assert.ok(exposed.includes(h), h);
    const error = await app.inject({ url: '/api/v1/teams/alpha/schemas', headers: { origin: ALLOWED } });
    assert.equal(error.statusCode, 401);
    assert.equal(error.headers['access-control-allow-origin'], ALLOWED, 'errors are readable too');

    const other = await app.inject({
      url: '/api/v1/teams/alpha/schemas',
      headers: { origin: OTHER, ...bearer(fx.teams.alpha.keys.read) },
    });
    assert.equal(other.statusCode, 200, 'CORS is the browser’s check, not an auth check');
    assert.equal(other.headers['access-control-allow-origin'], undefined);
  });

  test('a preflight admits every method the API uses, for allowed origins only', async () => {
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
      const res = await app.inject({
        method: 'OPTIONS',
        url: '/api/v1/teams/alpha',
        headers: {
          origin: ALLOWED,
          'access-control-request-method': method,
          'access-control-request-headers': 'authorization,content-type,x-request-id',
        },
      });
      assert.equal(res.statusCode, 204, method);
      assert.equal(res.headers['access-control-allow-origin'], ALLOWED);
      assert.ok(String(res.headers['access-control-allow-methods']).split(/,\s*/).includes(method), method);
      assert.match(String(res.headers['access-control-allow-headers']), /authorization/);
      assert.equal(res.headers['access-control-max-age'], '600');
    }
    const other = await app.inject({
      method: 'OPTIONS',
      url: '/api/v1/teams/alpha',
      headers: { origin: OTHER, 'access-control-request-method': 'DELETE' },
    });
    // Without Access-Control-Allow-Origin the browser refuses the actual request.
    assert.equal(other.headers['access-control-allow-origin'], undefined);
  });

  test('without a cors setting, no CORS headers at all', async () => {
    const res = await fx.app.inject({ url: '/health', headers: { origin: ALLOWED } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['access-control-allow-origin'], undefined);
  });
});
