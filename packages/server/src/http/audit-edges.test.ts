/**
 * @module Audit records of requests that never reach a handler (a body that is not JSON, too large,
 * of an unsupported media type) and of SSE streams (one record when a stream opens), asserted
 * field by field: who, team, action, outcome, error code, address and request id.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { forEachEngine } from '../store/test-harness.js';
import { createApp } from './app.js';
import { bearer, buildFixture, type Fixture } from './test-support.js';

interface Row {
  team_id: string | null;
  actor: string;
  actor_role: string | null;
  action: string;
  resource: string | null;
  outcome: string;
  request_id: string;
  ip: string | null;
  details: Record<string, unknown>;
}

forEachEngine('http audit of refusals and streams', (ctx) => {
  let fx: Fixture;
  let app: FastifyInstance;
  let writer: string;
  let n = 0;
  before(async () => {
    fx = await buildFixture(ctx.store);
    app = await createApp({ ...fx.deps, bodyLimit: 4096 });
    writer = (await app.inject({ url: '/api/v1/me', headers: bearer(fx.teams.alpha.keys.write) })).json()
      .principalId as string;
  });
  after(async () => {
    await app.close();
    await fx.close();
  });

  const records = async (requestId: string): Promise<Row[]> =>
    (await fx.deps.db.withAdmin((tx) =>
      tx.query(
        `SELECT team_id, actor, actor_role, action, resource, outcome, request_id, ip, details
           FROM audit_log WHERE request_id = $1 ORDER BY id`,
        [requestId],
      ),
    )) as unknown as Row[];

  /** POSTs a raw body to the (audited) schema route; returns the status, the error code and the records. */
  async function post(payload: string, headers: Record<string, string>, url = '/api/v1/teams/alpha/schemas') {
    const requestId = `edge-${ctx.place.engine}-${++n}`;
    const res = await app.inject({
      method: 'POST',
      url,
      payload,
      headers: { 'x-request-id': requestId, ...headers },
    });
    assert.equal(res.headers['x-request-id'], requestId);
    return {
      status: res.statusCode,
      code: res.json().errorCode as string,
      rows: await records(requestId),
      requestId,
    };
  }
  const json = { 'content-type': 'application/json' };
  const resource = '/api/v1/teams/alpha/schemas';

  test('a body refused before the handler is audited with the refusal code and the caller', async () => {
    const bad = await post('{"name": ', { ...json, ...bearer(fx.teams.alpha.keys.write) });
    assert.deepEqual([bad.status, bad.code], [400, 'REQUEST_INVALID']);
    assert.deepEqual(bad.rows, [
      {
        team_id: 'alpha',
        actor: writer,
        actor_role: 'write',
        action: 'schema.create',
        resource,
        outcome: 'error',
        request_id: bad.requestId,
        ip: '127.0.0.1',
        details: { rejectedBeforeHandler: true, errorCode: 'REQUEST_INVALID' },
      },
    ]);

    const big = await post(JSON.stringify({ name: 'x', document: 'y'.repeat(5000) }), {
      ...json,
      ...bearer(fx.teams.alpha.keys.write),
    });
    assert.deepEqual([big.status, big.code], [413, 'REQUEST_TOO_LARGE']);
    assert.deepEqual(
      big.rows.map((r) => [r.actor, r.outcome, r.details.errorCode]),
      [[writer, 'error', 'REQUEST_TOO_LARGE']],
    );

    const media = await post('name: x', {
      'content-type': 'text/yaml',
      ...bearer(fx.teams.alpha.keys.write),
    });
    assert.deepEqual([media.status, media.code], [415, 'REQUEST_INVALID']);
    assert.deepEqual(
      media.rows.map((r) => [r.team_id, r.outcome, r.details.errorCode]),
      [['alpha', 'error', 'REQUEST_INVALID']],
    );
  });

  test('refused callers are recorded as denied: anonymous, or in their own team for a foreign path', async () => {
    const anon = await post('{bad', { ...json, ...bearer(fx.bad.invalid) });
    assert.equal(anon.status, 400);
    assert.deepEqual(anon.rows, [
      {
        team_id: null,
        actor: 'anonymous',
        actor_role: null,
        action: 'schema.create',
        resource,
        outcome: 'denied',
        request_id: anon.requestId,
        ip: '127.0.0.1',
        details: { rejectedBeforeHandler: true, authErrorCode: 'AUTH_INVALID', errorCode: 'REQUEST_INVALID' },
      },
    ]);
    const foreign = await post('{bad', { ...json, ...bearer(fx.teams.beta.keys.write) });
    assert.deepEqual(
      foreign.rows.map((r) => [r.team_id, r.actor_role, r.outcome, r.details.errorCode]),
      [['beta', 'write', 'denied', 'REQUEST_INVALID']],
      "recorded in the caller's own trail, never in the team it probed",
    );
    const reader = await post('{bad', { ...json, ...bearer(fx.teams.alpha.keys.read) });
    assert.deepEqual(
      reader.rows.map((r) => [r.actor_role, r.outcome, r.details.authErrorCode]),
      [['read', 'denied', 'AUTH_FORBIDDEN']],
    );
  });

  test('unaudited routes and unknown routes write no record, whatever the credentials', async () => {
    const validate = await post(
      '{bad',
      { ...json, ...bearer(fx.teams.alpha.keys.write) },
      '/api/v1/schemas/validate',
    );
    assert.deepEqual([validate.status, validate.rows], [400, []]);
    const unknown = await post(
      '{}',
      { ...json, ...bearer(fx.teams.alpha.keys.admin) },
      '/api/v1/teams/alpha/nothing',
    );
    assert.deepEqual([unknown.status, unknown.code, unknown.rows], [404, 'ROUTE_NOT_FOUND', []]);
  });

  test('an SSE stream is audited once, when it opens', async () => {
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const requestId = `edge-${ctx.place.engine}-sse`;
    const controller = new AbortController();
    const res = await fetch(`${address}/api/v1/events`, {
      headers: { 'x-request-id': requestId, ...bearer(fx.teams.alpha.keys.read) },
      signal: controller.signal,
    });
    assert.equal(res.status, 200);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    assert.match(new TextDecoder().decode((await reader.read()).value), /: connected/);
    const reader_ = (
      await app.inject({ url: '/api/v1/me', headers: bearer(fx.teams.alpha.keys.read) })
    ).json();
    const opened = await records(requestId);
    assert.deepEqual(opened, [
      {
        team_id: 'alpha',
        actor: reader_.principalId,
        actor_role: 'read',
        action: 'events.subscribe',
        resource: '/api/v1/events',
        outcome: 'success',
        request_id: requestId,
        ip: '127.0.0.1',
        details: {},
      },
    ]);
    controller.abort();
    await reader.closed.catch(() => undefined);
    assert.deepEqual(await records(requestId), opened, 'closing adds no record');
  });
});
