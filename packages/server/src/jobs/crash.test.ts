/**
 * @module Crash tests on both engines: a job service process is killed (SIGKILL) mid-job on a large
 * schema; a new process on the same store retries the job. No partial version is ever visible,
 * the dead attempt's files are gone, and the job completes on its second attempt. Killed on every
 * attempt, the job ends failed with JOB_WORKER_LOST once it has used its attempts.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { BlobStore, teamDirectory } from '../blob/index.js';
import { Keyring, masterKeyFromBytes } from '../crypto/index.js';
import { dbDataKeyStore } from '../keys/index.js';
import { getJob, listDatasets, listDatasetVersions, openStore } from '../store/index.js';
import { ENGINES, freshPlace } from '../store/test-harness.js';

const script = fileURLToPath(new URL('./crash-worker.ts', import.meta.url));

/** Runs the worker; `until` sees each JSON line and returns true to SIGKILL the child. */
function child(env: Record<string, string>, until: (line: Record<string, unknown>) => boolean) {
  const p = spawn(process.execPath, ['--conditions=development', '--import', 'tsx', script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: Array<Record<string, unknown>> = [];
  createInterface({ input: p.stdout }).on('line', (text) => {
    const line = JSON.parse(text) as Record<string, unknown>;
    lines.push(line);
    if (until(line)) p.kill('SIGKILL');
  });
  return new Promise<{ code: number | null; signal: string | null; lines: typeof lines }>((resolve) =>
    p.on('exit', (code, signal) => resolve({ code, signal, lines })),
  );
}

for (const engine of ENGINES) {
  test(`a killed worker leaves no partial version; a new process completes the job [${engine}]`, async () => {
    const place = await freshPlace(engine);
    const blobDir = await mkdtemp(join(tmpdir(), 'tdm-crash-'));
    const master = randomBytes(32).toString('hex');
    const env = {
      CRASH_DATABASE_URL: place.options.databaseUrl ?? '',
      CRASH_DATA_DIR: place.options.dataDir ?? '',
      CRASH_BLOB_DIR: blobDir,
      CRASH_MASTER: master,
    };
    try {
      let rowsAtKill = 0;
      const first = await child({ ...env, CRASH_MODE: 'submit' }, (l) => {
        if (l.type !== 'job.progress' || Number(l.rowsDone) < 100_000) return false;
        rowsAtKill = Number(l.rowsDone);
        return true;
      });
      assert.equal(first.signal, 'SIGKILL');
      const jobId = String(first.lines.find((l) => l.submitted)?.submitted);
      assert.ok(rowsAtKill > 0 && rowsAtKill < 1_800_000);

      const second = await child({ ...env, CRASH_MODE: 'resume', CRASH_JOB_ID: jobId }, () => false);
      assert.equal(second.code, 0);

      const store = await openStore(place.options);
      try {
        const job = await getJob(store, 'crash', jobId);
        assert.equal(job.status, 'completed', `${job.errorCode}: ${job.errorMessage}`);
        assert.equal(job.attempts, 2);
        const building = await store.query(`SELECT 1 FROM dataset_versions WHERE status = 'building'`);
        assert.equal(building.length, 0);
        const [ds] = await listDatasets(store, 'crash');
        const versions = await listDatasetVersions(store, 'crash', ds?.datasetId ?? '');
        assert.equal(versions.length, 1);
        assert.equal(versions[0]?.datasetVersionId, job.datasetVersionId);
        const keyring = new Keyring({
          master: masterKeyFromBytes(Buffer.from(master, 'hex'), 'env'),
          store: dbDataKeyStore(store),
        });
        const blobs = new BlobStore({ dir: blobDir, keyring });
        assert.deepEqual(await blobs.listBlobs('crash'), [...(versions[0]?.blobKeys ?? [])].sort());
        if (engine === 'pglite') {
          const leftovers = (await readdir(teamDirectory(blobDir, 'crash'))).filter((n) => n.startsWith('.'));
          assert.deepEqual(leftovers, []);
        }
      } finally {
        await store.close();
      }
    } finally {
      await rm(blobDir, { recursive: true, force: true });
      await place.dispose();
    }
  });
}

for (const engine of ENGINES) {
  test(`a job whose worker dies on every attempt ends failed with JOB_WORKER_LOST [${engine}]`, async () => {
    const place = await freshPlace(engine);
    const blobDir = await mkdtemp(join(tmpdir(), 'tdm-crash-'));
    const env = {
      CRASH_DATABASE_URL: place.options.databaseUrl ?? '',
      CRASH_DATA_DIR: place.options.dataDir ?? '',
      CRASH_BLOB_DIR: blobDir,
      CRASH_MASTER: randomBytes(32).toString('hex'),
      CRASH_MAX_ATTEMPTS: '2',
    };
    const midJob = (l: Record<string, unknown>) => l.type === 'job.progress' && Number(l.rowsDone) >= 50_000;
    try {
      const first = await child({ ...env, CRASH_MODE: 'submit' }, midJob);
      assert.equal(first.signal, 'SIGKILL');
      const jobId = String(first.lines.find((l) => l.submitted)?.submitted);
      // Attempt 2 (the last) is killed mid-job too.
      const second = await child({ ...env, CRASH_MODE: 'resume', CRASH_JOB_ID: jobId }, midJob);
      assert.equal(second.signal, 'SIGKILL');
      assert.ok(second.lines.some((l) => l.type === 'job.requeued' && l.errorCode === 'JOB_WORKER_LOST'));
      const third = await child({ ...env, CRASH_MODE: 'resume', CRASH_JOB_ID: jobId }, () => false);
      assert.equal(third.code, 0);
      const failed = third.lines.find((l) => l.type === 'job.failed');
      assert.equal(failed?.errorCode, 'JOB_WORKER_LOST');
      assert.ok(!third.lines.some((l) => l.type === 'job.started'), 'no third attempt');

      const store = await openStore(place.options);
      try {
        const job = await getJob(store, 'crash', jobId);
        assert.equal(job.status, 'failed');
        assert.equal(job.errorCode, 'JOB_WORKER_LOST');
        assert.equal(job.attempts, 2);
        assert.match(job.errorMessage ?? '', /attempt 2 of 2 stopped/);
        assert.notEqual(job.endedAt, null);
        assert.deepEqual(await store.query(`SELECT status FROM dataset_versions`), []);
        assert.deepEqual(
          await new BlobStore({ dir: blobDir, keyring: keyringFor(store, env.CRASH_MASTER) }).listBlobs(
            'crash',
          ),
          [],
        );
      } finally {
        await store.close();
      }
    } finally {
      await rm(blobDir, { recursive: true, force: true });
      await place.dispose();
    }
  });
}

function keyringFor(store: Parameters<typeof dbDataKeyStore>[0], masterHex: string): Keyring {
  return new Keyring({
    master: masterKeyFromBytes(Buffer.from(masterHex, 'hex'), 'env'),
    store: dbDataKeyStore(store),
  });
}
