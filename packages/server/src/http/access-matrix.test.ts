/**
 * @module The generated access matrix: every route of the contract's table x every role x own or
 * foreign team, and every kind of bad credential, asserting the exact status, the ErrorResponse
 * shape, the echoed X-Request-Id and exactly one audit record (with its outcome) per audited call.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { ErrorResponse, routes, type RouteDef, type RouteId } from '@tdm/contract';
import { issueApiKey } from '../auth/index.js';
import { saveProfileForTest, seedRunningJob, seedSample, PEOPLE_CSV } from '../samples/test-support.js';
import { createQualityRuleSet, createTeam } from '../store/index.js';
import { forEachEngine } from '../store/test-harness.js';
import { bearer, buildFixture, SCHEMA, type Fixture } from './test-support.js';

type Who = 'read' | 'write' | 'admin' | 'platform';
interface Call {
  method: RouteDef['method'];
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
}
type Build = (fx: Fixture, team: 'alpha' | 'beta', who: Who | 'anonymous') => Promise<Call>;

const rand = () => randomBytes(4).toString('hex');
const T = (team: string) => `/api/v1/teams/${team}`;
const get = (url: string): Call => ({ method: 'GET', url });
const version = (fx: Fixture, team: 'alpha' | 'beta') => {
  const t = fx.teams[team];
  return `${T(team)}/datasets/${t.datasetId}/versions/${t.version}`;
};

const calls: Record<RouteId, Build> = {
  health: async () => get('/health'),
  ready: async () => get('/ready'),
  metrics: async () => get('/metrics'),
  openapi: async () => get('/openapi.json'),
  whoami: async () => get('/api/v1/me'),
  listTeams: async () => get('/api/v1/teams'),
  createTeam: async () => ({
    method: 'POST',
    url: '/api/v1/teams',
    payload: { teamId: `t-${rand()}`, teamName: 'T' },
  }),
  getTeam: async (_, team) => get(T(team)),
  updateTeam: async (_, team) => ({
    method: 'PATCH',
    url: T(team),
    payload: { teamName: `renamed ${rand()}` },
  }),
  deleteTeam: async (fx, team, who) => {
    // Only a platform admin succeeds; it deletes a throwaway team, never the fixtures'.
    if (who !== 'platform') return { method: 'DELETE', url: T(team) };
    const id = `gone-${rand()}`;
    await createTeam(fx.deps.db, { teamId: id, teamName: 'gone' });
    return { method: 'DELETE', url: T(id) };
  },
  createKey: async (_, team) => ({
    method: 'POST',
    url: `${T(team)}/keys`,
    payload: { role: 'read', name: 'k' },
  }),
  listKeys: async (_, team) => get(`${T(team)}/keys`),
  revokeKey: async (fx, team) => {
    const { record } = await issueApiKey(fx.deps.db, fx.deps.pepper, {
      teamId: team,
      role: 'read',
      name: 'victim',
    });
    return { method: 'DELETE', url: `${T(team)}/keys/${record.keyId}` };
  },
  createSchema: async (_, team) => ({
    method: 'POST',
    url: `${T(team)}/schemas`,
    payload: { name: `s-${rand()}`, document: SCHEMA },
  }),
  listSchemas: async (_, team) => get(`${T(team)}/schemas`),
  getSchema: async (fx, team) => get(`${T(team)}/schemas/${fx.teams[team].schemaId}`),
  updateSchema: async (fx, team) => ({
    method: 'PUT',
    url: `${T(team)}/schemas/${fx.teams[team].schemaId}`,
    payload: { document: SCHEMA },
  }),
  validateSchema: async () => ({
    method: 'POST',
    url: '/api/v1/schemas/validate',
    payload: { document: SCHEMA },
  }),
  listDatasets: async (_, team) => get(`${T(team)}/datasets`),
  getDataset: async (fx, team) => get(`${T(team)}/datasets/${fx.teams[team].datasetId}`),
  getDatasetVersion: async (fx, team) => get(version(fx, team)),
  downloadVersion: async (fx, team) => get(`${version(fx, team)}/download?entity=people`),
  versionRows: async (fx, team) => get(`${version(fx, team)}/rows?entity=people&offset=3&limit=4`),
  createJob: async (fx, team) => ({
    method: 'POST',
    url: `${T(team)}/jobs`,
    payload: { schemaId: fx.teams[team].schemaId },
  }),
  listJobs: async (_, team) => get(`${T(team)}/jobs`),
  getJob: async (fx, team) => get(`/api/v1/jobs/${fx.teams[team].jobId}`),
  cancelJob: async (fx, team) => {
    // A job big enough to still be pending or running when the cancel arrives.
    const big = await fx.jobs.submit(
      team,
      { schema: SCHEMA.replace('count: 50', 'count: 50000000') },
      'setup',
    );
    return { method: 'POST', url: `/api/v1/jobs/${big.jobId}/cancel` };
  },
  events: async () => get('/api/v1/events'),
  listAudit: async (_, team) => get(`${T(team)}/audit`),
  listPlatformAudit: async () => get('/api/v1/audit'),
  versionQuality: async (fx, team) => get(`${version(fx, team)}/quality`),
  listQualityReports: async (_, team) => get(`${T(team)}/quality/reports`),
  getQualityReport: async (fx, team) => get(`${T(team)}/quality/reports/${fx.teams[team].reportId}`),
  checkQuality: async (fx, team) => ({
    method: 'POST',
    url: `${T(team)}/quality/check`,
    payload: { datasetId: fx.teams[team].datasetId, version: fx.teams[team].version, level: 'basic' },
  }),
  checkQualityUpload: async (_, team) => ({
    method: 'POST',
    url: `${T(team)}/quality/check/upload?entity=people`,
    payload: 'id,name\n1,Ann\n2,Bob\n',
    headers: { 'content-type': 'text/csv' },
  }),
  createQualityRuleSet: async (_, team) => ({
    method: 'POST',
    url: `${T(team)}/quality/rules`,
    payload: {
      name: `r-${rand()}`,
      rules: { rules: [{ kind: 'unique', entity: 'people', fields: ['id'] }] },
    },
  }),
  listQualityRuleSets: async (_, team) => get(`${T(team)}/quality/rules`),
  getQualityRuleSet: async (fx, team) => get(`${T(team)}/quality/rules/${fx.teams[team].ruleSetId}`),
  updateQualityRuleSet: async (fx, team) => ({
    method: 'PUT',
    url: `${T(team)}/quality/rules/${fx.teams[team].ruleSetId}`,
    payload: { name: 'fixture-rules', rules: { rules: [] } },
  }),
  deleteQualityRuleSet: async (fx, team) => {
    const set = await createQualityRuleSet(fx.deps.db, team, {
      name: `gone-${rand()}`,
      rules: { rules: [] },
    });
    return { method: 'DELETE', url: `${T(team)}/quality/rules/${set.ruleSetId}` };
  },
  uploadSample: async (_, team) => ({
    method: 'POST',
    url: `${T(team)}/samples?name=s-${rand()}&entity=people`,
    payload: PEOPLE_CSV,
    headers: { 'content-type': 'text/csv' },
  }),
  listSamples: async (_, team) => get(`${T(team)}/samples`),
  getSample: async (fx, team) => get(`${T(team)}/samples/${(await seedSample(fx.deps, team)).sampleId}`),
  deleteSample: async (fx, team) => ({
    method: 'DELETE',
    url: `${T(team)}/samples/${(await seedSample(fx.deps, team)).sampleId}`,
  }),
  profileSample: async (fx, team) => ({
    method: 'POST',
    url: `${T(team)}/samples/${(await seedSample(fx.deps, team)).sampleId}/profile`,
  }),
  getSampleProfile: async (fx, team) => {
    const s = await seedSample(fx.deps, team);
    await saveProfileForTest(fx.deps.db, team, s.sampleId);
    return get(`${T(team)}/samples/${s.sampleId}/profile`);
  },
  createSampleJob: async (fx, team) => ({
    method: 'POST',
    url: `${T(team)}/samples/${(await seedSample(fx.deps, team)).sampleId}/jobs`,
    payload: { kind: 'synthesize', rows: 5, seed: 1 },
  }),
  listSampleJobs: async (_, team) => get(`${T(team)}/sample-jobs`),
  getSampleJob: async (fx, team) => {
    const s = await seedSample(fx.deps, team);
    return get(`${T(team)}/sample-jobs/${(await seedRunningJob(fx.deps.db, team, s.sampleId)).jobId}`);
  },
  cancelSampleJob: async (fx, team) => {
    const s = await seedSample(fx.deps, team);
    const job = await seedRunningJob(fx.deps.db, team, s.sampleId);
    return { method: 'POST', url: `${T(team)}/sample-jobs/${job.jobId}/cancel` };
  },
};

const RANK = { read: 1, write: 2, admin: 3 } as const;

/** Routes the contract declares unaudited that the server audits anyway (SSE streams, when they open). */
const AUDITED_BY_SERVER: Partial<Record<RouteId, string>> = { events: 'events.subscribe' };

/** The specification of access, written out independently of the server's authorize(). */
function expected(def: RouteDef, who: Who, own: boolean): number {
  const a = def.access;
  if (a.kind === 'public' || a.kind === 'any') return def.status;
  const teamPath = def.path.includes('{teamId}');
  if (who === 'platform') {
    if (a.kind === 'platform') return def.status;
    return a.platform && teamPath ? def.status : 403;
  }
  if (teamPath && !own) return 404;
  if (a.kind === 'platform') return 403;
  if (RANK[who] < RANK[a.role]) return 403;
  // A resource addressed by its own id (a job) is looked up in the caller's team: another team's is not found.
  return def.path.includes('{jobId}') && !own ? 404 : def.status;
}

/** The fixture app's address: SSE streams never end, so they are read over a real socket. */
const addresses = new WeakMap<Fixture, string>();
function base(fx: Fixture): string {
  return addresses.get(fx) as string;
}

async function auditOutcomes(fx: Fixture, requestId: string): Promise<string[]> {
  const rows = await fx.deps.db.withAdmin((tx) =>
    tx.query('SELECT outcome FROM audit_log WHERE request_id = $1', [requestId]),
  );
  return rows.map((r) => String(r.outcome));
}

async function check(
  fx: Fixture,
  id: RouteId,
  call: Call,
  key: string | null,
  status: number,
  label: string,
) {
  const def = routes[id] as RouteDef;
  const requestId = `m-${rand()}-${rand()}`;
  if (def.produces === 'sse' && status < 400) {
    const res = await fetch(`${base(fx)}${call.url}`, {
      headers: { 'x-request-id': requestId, ...(key ? bearer(key) : {}) },
    });
    assert.equal(res.status, status, label);
    assert.equal(res.headers.get('x-request-id'), requestId, label);
    assert.match(String(res.headers.get('content-type')), /text\/event-stream/);
    await res.body?.cancel();
    assert.deepEqual(await auditOutcomes(fx, requestId), ['success'], `${label}: audited when it opens`);
    return;
  }
  const res = await fx.app.inject({
    method: call.method,
    url: call.url,
    headers: { 'x-request-id': requestId, ...(key ? bearer(key) : {}), ...call.headers },
    ...(call.payload === undefined ? {} : { payload: call.payload as object }),
  });
  assert.equal(res.statusCode, status, `${label}: ${res.body.slice(0, 300)}`);
  assert.equal(res.headers['x-request-id'], requestId, `${label}: X-Request-Id echoed`);
  if (status >= 400) {
    const body = ErrorResponse.parse(res.json());
    assert.equal(body.requestId, requestId, label);
  }
  const outcomes = await auditOutcomes(fx, requestId);
  if (!def.audit && !(id in AUDITED_BY_SERVER)) assert.deepEqual(outcomes, [], `${label}: unaudited`);
  else {
    // Refused before the handler: denied. A job id not found in the caller's team is found out by the lookup: error.
    const lookup = status === 404 && def.path.includes('{jobId}');
    const outcome = status < 400 ? 'success' : lookup ? 'error' : 'denied';
    assert.deepEqual(outcomes, [outcome], `${label}: one audit record`);
  }
}

forEachEngine('access matrix', (ctx) => {
  test('every route x role x own/foreign team x bad credentials answers the exact status', async () => {
    const fx = await buildFixture(ctx.store);
    addresses.set(fx, await fx.app.listen({ port: 0, host: '127.0.0.1' }));
    try {
      for (const id of Object.keys(routes) as RouteId[]) {
        const def = routes[id] as RouteDef;
        for (const who of ['read', 'write', 'admin'] as const) {
          for (const team of ['alpha', 'beta'] as const) {
            const call = await calls[id](fx, team, who);
            await check(
              fx,
              id,
              call,
              fx.teams.alpha.keys[who],
              expected(def, who, team === 'alpha'),
              `${id} ${who} ${team}`,
            );
          }
        }
        for (const team of ['alpha', 'beta'] as const) {
          const call = await calls[id](fx, team, 'platform');
          await check(
            fx,
            id,
            call,
            fx.platformKey,
            expected(def, 'platform', true),
            `${id} platform ${team}`,
          );
        }
        const public_ = def.access.kind === 'public';
        const bad = [
          [null, 'none'],
          [fx.bad.invalid, 'invalid'],
          [fx.bad.expired, 'expired'],
          [fx.bad.revoked, 'revoked'],
        ] as const;
        for (const [key, label] of bad) {
          const call = await calls[id](fx, 'alpha', 'anonymous');
          await check(fx, id, call, key, public_ ? def.status : 401, `${id} ${label} credentials`);
        }
      }
    } finally {
      await fx.close();
    }
  });
});
