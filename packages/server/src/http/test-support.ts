/**
 * @module Test support for the HTTP app: a real app on a real store (either engine), real
 * crypto, two teams with a key of every role, bad credentials of every kind, and a published
 * dataset version per team whose files sit sealed in the blob store.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENGINE_VERSION, parseSchema, schemaHash } from '@tdm/core';
import type { FastifyInstance } from 'fastify';
import { createAuthenticator, createJwtVerifier, issueApiKey, loadPepper } from '../auth/index.js';
import { BlobStore } from '../blob/index.js';
import { Keyring, masterKeyFromBytes } from '../crypto/index.js';
import { createJobService, type JobService } from '../jobs/index.js';
import { dbDataKeyStore } from '../keys/index.js';
import {
  addQualityReport,
  beginDatasetVersion,
  createQualityRuleSet,
  createDataset,
  createSchema,
  createTeam,
  getDatasetVersionById,
  publishDatasetVersion,
  revokeApiKey,
  type Store,
} from '../store/index.js';
import { createApp } from './app.js';
import type { AppDeps } from './context.js';

export const JWT_SECRET = 'http-test-jwt-secret-of-32-chars-or-more';
export const SCHEMA = `name: tiny
seed: 7
entities:
  people:
    count: 50
    fields:
      id: { type: integer, primaryKey: true, sequence: 1 }
      name: { type: person.firstName }
`;
export const CSV = 'id,name\n1,Ann\n2,Bob\n';
export const CSV_SHA256 = createHash('sha256').update(CSV).digest('hex');

export interface TeamFixture {
  keys: Record<'read' | 'write' | 'admin', string>;
  schemaId: string;
  datasetId: string;
  version: number;
  /** A job submitted for the team at setup. */
  jobId: string;
  /** The version's quality report and a rule set of the team. */
  reportId: string;
  ruleSetId: string;
}

export interface Fixture {
  app: FastifyInstance;
  deps: AppDeps;
  jobs: JobService;
  dir: string;
  platformKey: string;
  teams: Record<'alpha' | 'beta', TeamFixture>;
  bad: Record<'invalid' | 'expired' | 'revoked', string>;
  close(): Promise<void>;
}

async function seedTeam(
  store: Store,
  blobs: BlobStore,
  deps: Pick<AppDeps, 'pepper'>,
  teamId: string,
): Promise<TeamFixture> {
  await createTeam(store, { teamId, teamName: teamId });
  const keys = {} as TeamFixture['keys'];
  for (const role of ['read', 'write', 'admin'] as const) {
    keys[role] = (await issueApiKey(store, deps.pepper, { teamId, role, name: role })).key;
  }
  const { schema, version: sv } = await createSchema(store, teamId, {
    name: 'tiny',
    document: SCHEMA,
    format: 'yaml',
  });
  const ds = await createDataset(store, teamId, { name: 'tiny', schemaId: schema.schemaId });
  const v = await beginDatasetVersion(store, teamId, ds.datasetId, {
    recipe: {
      schemaVersionId: sv.schemaVersionId,
      schemaHash: schemaHash(parseSchema(SCHEMA)),
      seed: 7,
      engineVersion: ENGINE_VERSION,
      now: '2024-01-01T00:00:00.000Z',
      format: 'csv',
    },
  });
  const key = `${ds.datasetId}/v${v.version}/people.csv`;
  const w = await blobs.putBlob(teamId, key);
  await w.write(Buffer.from(CSV));
  await w.close();
  await publishDatasetVersion(store, teamId, v.datasetVersionId, {
    manifest: {
      format: 'csv',
      entities: {
        people: { rows: 2, files: [{ name: 'people.csv', bytes: CSV.length, sha256: CSV_SHA256 }] },
      },
      files: [],
    },
    blobKeys: [key],
  });
  const metrics = {
    completeness: 1,
    consistency: 1,
    accuracy: 1,
    validity: 1,
    uniqueness: 1,
    businessRuleCompliance: 1,
    overall: 1,
  };
  const report = await addQualityReport(store, teamId, {
    datasetVersionId: v.datasetVersionId,
    source: 'version',
    level: 'standard',
    passed: true,
    metrics,
    results: [],
    report: { level: 'standard', passed: true, reasons: [], metrics, rules: [], profiles: [], entities: [] },
  });
  const ruleSet = await createQualityRuleSet(store, teamId, {
    name: 'fixture-rules',
    rules: { rules: [{ kind: 'unique', entity: 'people', fields: ['id'] }] },
  });
  return {
    keys,
    schemaId: schema.schemaId,
    datasetId: ds.datasetId,
    version: v.version,
    jobId: '',
    reportId: report.reportId,
    ruleSetId: ruleSet.ruleSetId,
  };
}

/** Builds the app on `store` with two seeded teams; `overrides` tune the deps (rate limit, CORS). */
export async function buildFixture(store: Store, overrides: Partial<AppDeps> = {}): Promise<Fixture> {
  const dir = await mkdtemp(join(tmpdir(), 'tdm-http-'));
  const pepper = await loadPepper({ file: join(dir, 'key-pepper') });
  const keyring = new Keyring({
    master: masterKeyFromBytes(randomBytes(32), 'env'),
    store: dbDataKeyStore(store),
  });
  const blobs = new BlobStore({ dir: join(dir, 'blobs'), keyring });
  const jwt = await createJwtVerifier({ secret: JWT_SECRET });
  const jobs = createJobService({ db: store, blobs, progressIntervalMs: 50 });
  await jobs.start();
  const deps: AppDeps = {
    db: store,
    jobs,
    blobs,
    pepper,
    authenticate: createAuthenticator({ db: store, pepper, jwt }),
    rateLimit: false,
    ...overrides,
  };
  const alpha = await seedTeam(store, blobs, deps, 'alpha');
  const beta = await seedTeam(store, blobs, deps, 'beta');
  const platformKey = (
    await issueApiKey(store, pepper, { teamId: null, role: 'platform-admin', name: 'root' })
  ).key;
  const expired = await issueApiKey(store, pepper, {
    teamId: 'alpha',
    role: 'admin',
    name: 'old',
    expiresAt: new Date(Date.now() - 60_000),
  });
  const revoked = await issueApiKey(store, pepper, { teamId: 'alpha', role: 'admin', name: 'gone' });
  await revokeApiKey(store, 'alpha', revoked.record.keyId);
  for (const [id, t] of [
    ['alpha', alpha],
    ['beta', beta],
  ] as const) {
    t.jobId = (await jobs.submit(id, { schemaId: t.schemaId }, 'setup')).jobId;
  }
  const app = await createApp(deps);
  return {
    app,
    deps,
    jobs,
    dir,
    platformKey,
    teams: { alpha, beta },
    bad: { invalid: `tdm_0123456789abcdef_${'A'.repeat(43)}`, expired: expired.key, revoked: revoked.key },
    close: async () => {
      await app.close();
      await jobs.stop({ graceful: false });
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export function bearer(key: string): Record<string, string> {
  return { authorization: `Bearer ${key}` };
}

/**
 * Saves `schema` for `teamId` (or takes a saved one), runs a generation job on it and waits for its published version.
 * (A saved schema keeps the document's text, so its field order, which is the column order.)
 */
export async function generatedVersion(
  fx: Fixture,
  teamId: 'alpha' | 'beta',
  schema: string | { schemaId: string },
  options: Record<string, unknown> = {},
): Promise<{ datasetId: string; version: number; schemaId: string }> {
  const name = `s${randomBytes(4).toString('hex')}`;
  const schemaId =
    typeof schema === 'string'
      ? (await createSchema(fx.deps.db, teamId, { name, document: schema, format: 'yaml' })).schema.schemaId
      : schema.schemaId;
  const { jobId } = await fx.jobs.submit(teamId, { schemaId, options }, 'setup');
  for (;;) {
    const job = await fx.jobs.get(teamId, jobId);
    if (job.status === 'completed' && job.datasetId && job.datasetVersionId) {
      const v = await getDatasetVersionById(fx.deps.db, teamId, job.datasetVersionId);
      return { datasetId: job.datasetId, version: v.version, schemaId };
    }
    if (job.status === 'failed' || job.status === 'cancelled') throw new Error(`job ${jobId} ${job.status}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
