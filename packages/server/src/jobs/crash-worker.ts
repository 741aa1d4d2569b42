/**
 * @module The job tests' child process. `submit` starts a job service, submits a large job and
 * reports its progress (the parent kills it mid-job); `resume` starts a service on the same store
 * and blobs, reports the job's events (the parent may kill it too), waits for the job to end and
 * exits cleanly; `work` runs a worker that reports every event of CRASH_TEAM until SIGTERM, then
 * stops gracefully. CRASH_MAX_ATTEMPTS sets the attempt limit.
 */
import { BlobStore } from '../blob/index.js';
import { Keyring, masterKeyFromBytes } from '../crypto/index.js';
import { dbDataKeyStore } from '../keys/index.js';
import { createTeam, getJob, openStore } from '../store/index.js';
import { shopSchema } from './jobs-test-support.js';
import { createJobService } from './service.js';

const env = (name: string): string => {
  const v = process.env[name];
  if (v === undefined) throw new Error(`crash-worker: ${name} is not set`);
  return v;
};
const mode = env('CRASH_MODE');
const databaseUrl = process.env.CRASH_DATABASE_URL || undefined;
const store = await openStore({ databaseUrl, dataDir: process.env.CRASH_DATA_DIR, poolSize: 4 });
const keyring = new Keyring({
  master: masterKeyFromBytes(Buffer.from(env('CRASH_MASTER'), 'hex'), 'env'),
  store: dbDataKeyStore(store),
});
const jobs = createJobService({
  db: store,
  blobs: new BlobStore({ dir: env('CRASH_BLOB_DIR'), keyring }),
  boss: { databaseUrl, pollingIntervalSeconds: 0.5 },
  concurrency: 1,
  progressIntervalMs: 0,
  retryDelaySeconds: 1,
  maxAttempts: Number(process.env.CRASH_MAX_ATTEMPTS || 3),
  sweepIntervalMs: 500,
});
const say = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);

if (mode === 'submit') {
  await createTeam(store, { teamId: 'crash', teamName: 'Crash' });
  await jobs.start();
  jobs.subscribe('crash', (e) => say(e));
  const job = await jobs.submit(
    'crash',
    { schema: shopSchema(1_500_000), options: { format: 'csv' } },
    'crash-test',
  );
  say({ submitted: job.jobId });
  // Runs until the parent kills it.
  await new Promise(() => undefined);
} else if (mode === 'work') {
  const team = env('CRASH_TEAM');
  await jobs.start();
  jobs.subscribe(team, (e) => say(e));
  say({ ready: true });
  await new Promise<void>((resolve) => process.once('SIGTERM', () => resolve()));
  await jobs.stop({ graceful: true });
  await store.close();
  say({ stopped: true });
} else {
  const jobId = env('CRASH_JOB_ID');
  jobs.subscribe('crash', (e) => say(e));
  await jobs.start();
  for (;;) {
    const job = await getJob(store, 'crash', jobId);
    if (job.status !== 'pending' && job.status !== 'running') break;
    await new Promise((r) => setTimeout(r, 200));
  }
  await jobs.stop({ graceful: true });
  await store.close();
  say({ done: jobId });
}
