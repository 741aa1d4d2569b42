/** @module Test support: a job service on a fresh store place (PGlite or PostgreSQL) with sealed blobs. */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobStore } from '../blob/index.js';
import { Keyring, masterKeyFromBytes } from '../crypto/index.js';
import { dbDataKeyStore } from '../keys/index.js';
import type { Place } from '../store/test-harness.js';
import type { Db } from '../store/index.js';
import type { JobEvent } from './events.js';
import { createJobService, type JobService, type JobServiceOptions } from './service.js';

export function shopSchema(orders = 600, extra = ''): string {
  return `name: shop
seed: 7
entities:
  customers:
    count: 300
    fields:
      id: { type: uuid, primaryKey: true }
      first_name: { type: person.firstName }
  orders:
    count: ${orders}
    fields:
      id: { type: integer, primaryKey: true, sequence: 1 }
      customer_id: { ref: customers.id }
${extra}`;
}

export interface Harness {
  blobs: BlobStore;
  dir: string;
  masterHex: string;
  service(options?: Partial<JobServiceOptions>): JobService;
  dispose(): Promise<void>;
}

export async function jobHarness(
  db: Db,
  place: Place,
  masterHex = randomBytes(32).toString('hex'),
): Promise<Harness> {
  const dir = await mkdtemp(join(tmpdir(), 'tdm-jobs-'));
  const keyring = new Keyring({
    master: masterKeyFromBytes(Buffer.from(masterHex, 'hex'), 'env'),
    store: dbDataKeyStore(db),
  });
  const blobs = new BlobStore({ dir, keyring });
  const services: JobService[] = [];
  return {
    blobs,
    dir,
    masterHex,
    service(options = {}) {
      const s = createJobService({
        db,
        blobs,
        boss: { databaseUrl: place.options.databaseUrl, pollingIntervalSeconds: 0.5 },
        progressIntervalMs: 0,
        retryDelaySeconds: 1,
        ...options,
      });
      services.push(s);
      return s;
    },
    async dispose() {
      for (const s of services) await s.stop({ graceful: false });
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Resolves with the job's terminal event (completed, failed or cancelled). */
export function ended(
  service: JobService,
  teamId: string,
  jobId: string,
  timeoutMs = 30_000,
): Promise<JobEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`job ${jobId} did not end within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = service.subscribe(teamId, (e) => {
      if (e.jobId !== jobId || !['job.completed', 'job.failed', 'job.cancelled'].includes(e.type)) return;
      clearTimeout(timer);
      off();
      resolve(e);
    });
  });
}

/** Polls the job row until it leaves pending/running. */
export async function settled(service: JobService, teamId: string, jobId: string, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const job = await service.get(teamId, jobId);
    if (job.status !== 'pending' && job.status !== 'running') return job;
    if (Date.now() > until) throw new Error(`job ${jobId} still ${job.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function sha256Of(stream: NodeJS.ReadableStream): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of stream) h.update(chunk as Buffer);
  return h.digest('hex');
}
