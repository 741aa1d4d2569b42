/**
 * @module Cross-process cancel and events on PostgreSQL: a worker runs in a child process, this
 * process runs an API-only job service (no workers) on the same database. The submitter sees the
 * worker's events through LISTEN/NOTIFY, cancels the running job, sees job.cancelled; the worker
 * notices the ended row, stops and removes its files; nothing is published.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { BlobStore } from '../blob/index.js';
import { Keyring, masterKeyFromBytes } from '../crypto/index.js';
import { dbDataKeyStore } from '../keys/index.js';
import { createTeam, openStore } from '../store/index.js';
import { freshPlace } from '../store/test-harness.js';
import type { JobEvent } from './events.js';
import { shopSchema } from './jobs-test-support.js';
import { createJobService } from './service.js';

const script = fileURLToPath(new URL('./crash-worker.ts', import.meta.url));

/** Resolves when `pred` holds for something in `seen`, now or later (checked on every `poke`). */
function waiter<T>(seen: T[]) {
  const waiting: Array<{ pred: (x: T) => boolean; resolve: () => void }> = [];
  return {
    push(x: T) {
      seen.push(x);
      for (const w of [...waiting]) {
        if (w.pred(x)) {
          waiting.splice(waiting.indexOf(w), 1);
          w.resolve();
        }
      }
    },
    until(pred: (x: T) => boolean, what: string, ms = 60_000): Promise<void> {
      if (seen.some(pred)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
        waiting.push({ pred, resolve: () => (clearTimeout(timer), resolve()) });
      });
    },
  };
}

test('cancel from one process stops the job running in another; events cross through LISTEN/NOTIFY [postgres]', async () => {
  const place = await freshPlace('postgres');
  const blobDir = await mkdtemp(join(tmpdir(), 'tdm-xproc-'));
  const masterHex = randomBytes(32).toString('hex');
  const store = await openStore(place.options);
  const keyring = new Keyring({
    master: masterKeyFromBytes(Buffer.from(masterHex, 'hex'), 'env'),
    store: dbDataKeyStore(store),
  });
  const blobs = new BlobStore({ dir: blobDir, keyring });
  // This process only submits and cancels: no workers here, so the child must run the job.
  const api = createJobService({
    db: store,
    blobs,
    boss: { databaseUrl: place.options.databaseUrl, pollingIntervalSeconds: 0.5 },
    work: false,
  });
  const worker = spawn(process.execPath, ['--conditions=development', '--import', 'tsx', script], {
    env: {
      ...process.env,
      CRASH_MODE: 'work',
      CRASH_TEAM: 'xp',
      CRASH_DATABASE_URL: place.options.databaseUrl ?? '',
      CRASH_BLOB_DIR: blobDir,
      CRASH_MASTER: masterHex,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => worker.on('exit', (code) => resolve(code)));
  const childLines = waiter<Record<string, unknown>>([]);
  createInterface({ input: worker.stdout }).on('line', (t) =>
    childLines.push(JSON.parse(t) as Record<string, unknown>),
  );
  const seen: JobEvent[] = [];
  const events = waiter(seen);
  try {
    await createTeam(store, { teamId: 'xp', teamName: 'Cross process' });
    await api.start();
    api.subscribe('xp', (e) => events.push(e));
    await childLines.until((l) => l.ready === true, 'the worker to start');

    const job = await api.submit(
      'xp',
      { schema: shopSchema(3_000_000), options: { format: 'csv' } },
      'xp-test',
    );
    const mine = (type: string) => (e: { type?: unknown; jobId?: unknown }) =>
      e.type === type && e.jobId === job.jobId;
    // Progress comes from the child's worker: only NOTIFY can bring it here.
    await events.until(mine('job.progress'), 'job.progress from the worker process');
    assert.equal((await api.get('xp', job.jobId)).status, 'running');

    const cancelled = await api.cancel('xp', job.jobId, 'xp-test');
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(cancelled.errorCode, 'GENERATION_CANCELLED');
    await events.until(mine('job.cancelled'), 'job.cancelled at the submitter');
    // The worker hears of it too, and its run ends: it removes its building version and files.
    await childLines.until(mine('job.cancelled'), 'job.cancelled at the worker');
    for (let i = 0; ; i++) {
      const building = await store.query(`SELECT 1 FROM dataset_versions WHERE job_id = $1`, [job.jobId]);
      if (building.length === 0 && (await blobs.listBlobs('xp')).length === 0) break;
      assert.ok(i < 300, 'the worker did not clean up its cancelled build');
      await new Promise((r) => setTimeout(r, 100));
    }
    const row = await api.get('xp', job.jobId);
    assert.equal(row.status, 'cancelled');
    assert.equal(row.datasetVersionId, null);
    assert.deepEqual(await store.query(`SELECT 1 FROM dataset_versions`), [], 'no version published');
    assert.ok(!seen.some(mine('job.completed')), 'never completed');
    assert.ok(seen.some(mine('job.started')), "the worker's start event reached the submitter");
  } finally {
    worker.kill('SIGTERM');
    const code = await exited;
    await api.stop({ graceful: false });
    await store.close();
    await rm(blobDir, { recursive: true, force: true });
    await place.dispose();
    assert.equal(code, 0, 'the worker stopped gracefully');
  }
});
