/**
 * @module createJobService: durable generation jobs on pg-boss over the store. Submit, inspect,
 * cancel and watch jobs per team; start/stop the workers; retention and rebuild of versions.
 */
import { BlobStore } from '../blob/index.js';
import type { Keyring } from '../crypto/index.js';
import type { Db } from '../store/index.js';
import { startBoss, GENERATE_QUEUE, type BossOptions } from './boss.js';
import type { JobContext, JobSettings, QueueMessage } from './context.js';
import { JobEventBus } from './events.js';
import { jobOperations, type JobOperations } from './operations.js';
import { processLeases } from './leases.js';
import { PgChannel } from './pg-channel.js';
import { recoverOrphans, reenqueuePending } from './recovery.js';
import { runJob } from './run-job.js';
import { SHUTDOWN } from './settle.js';
import { ServerError } from '../errors.js';

export interface JobServiceOptions extends Partial<JobSettings> {
  /** The store (a Store also carries its PostgreSQL URL, which the queue reuses). */
  db: Db & { readonly databaseUrl?: string | undefined };
  /** The blob store, or its directory and keyring. */
  blobs: BlobStore | { dir: string; keyring: Keyring };
  boss?: BossOptions;
  clock?: { now(): number };
  /** How often (PostgreSQL) to look for jobs whose worker died in another process (default 15 s). */
  sweepIntervalMs?: number;
  /** Run workers in this process (default true; an API-only node sets false and only submits). */
  work?: boolean;
}

export interface JobService extends JobOperations {
  start(): Promise<void>;
  /** graceful: running jobs may finish within timeoutMs (default 30 s), then are requeued. */
  stop(options?: { graceful?: boolean; timeoutMs?: number }): Promise<void>;
}

const DEFAULTS: JobSettings = {
  concurrency: 2,
  perTeamLimit: 1,
  maxAttempts: 3,
  retryDelaySeconds: 2,
  busyDelaySeconds: 1,
  progressIntervalMs: 250,
  workers: 1,
};

export function createJobService(options: JobServiceOptions): JobService {
  const settings: JobSettings = { ...DEFAULTS };
  for (const key of Object.keys(DEFAULTS) as Array<keyof JobSettings>) {
    const v = options[key];
    if (v !== undefined) settings[key] = v;
  }
  const blobs = options.blobs instanceof BlobStore ? options.blobs : new BlobStore(options.blobs);
  const clock = options.clock ?? { now: () => Date.now() };
  const bus = new JobEventBus();
  // Filled by start(); operations that need the queue before it throw JOB_SERVICE_STOPPED.
  let ctx: JobContext | null = null;
  let sweeper: NodeJS.Timeout | null = null;
  let stopping = false;
  let drainBoss: () => Promise<void> = () => Promise.resolve();
  /** Every handler call in progress (including ones that have not claimed their job yet). */
  const handlers = new Set<Promise<void>>();
  const base = { db: options.db, blobs, bus, clock, settings };
  const ops = jobOperations(base, () => {
    if (!ctx) throw new ServerError('JOB_SERVICE_STOPPED', 'the job service is not started');
    return ctx;
  });

  return {
    ...ops,
    async start() {
      if (ctx) return;
      const { db } = options;
      // A store opened on PostgreSQL knows its URL; an explicit boss.databaseUrl wins.
      const boss0 = { ...options.boss, databaseUrl: options.boss?.databaseUrl ?? db.databaseUrl };
      if (db.engine === 'postgres' && !boss0.databaseUrl) {
        throw new ServerError(
          'JOB_CONFIG_INVALID',
          'boss.databaseUrl is required when the store is PostgreSQL',
        );
      }
      const { boss, drain } = await startBoss(db, boss0);
      drainBoss = drain;
      const channel = db.engine === 'postgres' ? await PgChannel.open(boss0.databaseUrl ?? '', bus) : null;
      bus.useTransport(channel);
      const c: JobContext = { ...base, boss, leases: channel ?? processLeases(), running: new Map() };
      ctx = c;
      if (options.work === false) return;
      await recoverOrphans(c);
      await reenqueuePending(c);
      const polling = options.boss?.pollingIntervalSeconds ?? 1;
      for (let i = 0; i < settings.concurrency; i++) {
        await boss.work<QueueMessage>(
          GENERATE_QUEUE,
          { pollingIntervalSeconds: polling, batchSize: 1 },
          async (jobs) => {
            // Once stopping, take nothing more (the job row stays pending; start() re-sends it).
            if (stopping) return;
            const handled = (async () => {
              for (const job of jobs) await runJob(c, job.data);
            })();
            handlers.add(handled);
            try {
              await handled;
            } finally {
              handlers.delete(handled);
            }
          },
        );
      }
      if (channel) {
        sweeper = setInterval(
          () => void recoverOrphans(c).catch(() => undefined),
          options.sweepIntervalMs ?? 15_000,
        );
        sweeper.unref();
      }
    },
    async stop({ graceful = true, timeoutMs = 30_000 } = {}) {
      const c = ctx;
      if (!c) return;
      stopping = true;
      if (sweeper) clearInterval(sweeper);
      sweeper = null;
      // No new jobs from here on; the ones running finish, or go back to the queue.
      await c.boss.offWork(GENERATE_QUEUE).catch(() => undefined);
      const inFlight = () => [...c.running.values()].map((r) => r.done);
      if (graceful) {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<void>((r) => (timer = setTimeout(r, timeoutMs)));
        await Promise.race([Promise.all(inFlight()), timeout]);
        clearTimeout(timer);
      }
      for (const r of c.running.values()) r.controller.abort(SHUTDOWN);
      await Promise.all(inFlight());
      // A handler that fetched its message just before offWork may not be in `running` yet.
      await Promise.allSettled([...handlers]);
      await bus.flush();
      await c.boss.stop({ graceful: true, wait: true, close: true, timeout: 5000 });
      await drainBoss();
      await c.leases.close();
      bus.useTransport(null);
      ctx = null;
      stopping = false;
    },
  };
}
