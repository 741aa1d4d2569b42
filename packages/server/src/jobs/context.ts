/** @module What every part of the job service shares: the store, blobs, bus, leases and settings. */
import type PgBoss from 'pg-boss';
import type { BlobStore } from '../blob/index.js';
import type { Db } from '../store/index.js';
import type { JobEvent, JobEventBus } from './events.js';
import type { Leases } from './leases.js';

export interface JobSettings {
  /** Jobs this process runs at once (default 2). */
  concurrency: number;
  /** Jobs of one team running at once across all processes (default 1); the rest wait. */
  perTeamLimit: number;
  /** Attempts per job before it fails for good (default 3). */
  maxAttempts: number;
  /** First retry delay in seconds; doubles per attempt (default 2). */
  retryDelaySeconds: number;
  /** How long a job waits before asking again when its team is at its limit (default 1 s). */
  busyDelaySeconds: number;
  /** Minimum time between progress writes (default 250 ms). */
  progressIntervalMs: number;
  /** Generating threads per job (default 1). */
  workers: number;
}

export interface JobContext {
  db: Db;
  blobs: BlobStore;
  bus: JobEventBus;
  leases: Leases;
  boss: PgBoss;
  clock: { now(): number };
  settings: JobSettings;
  /** Abort controllers of the jobs running in this process. */
  running: Map<string, { controller: AbortController; done: Promise<void> }>;
}

export function emit(ctx: JobContext, event: Omit<JobEvent, 'at'>): void {
  ctx.bus.publish({ ...event, at: new Date(ctx.clock.now()).toISOString() } as JobEvent);
}

/** The payload of a queue message: which job row to run (the row is the source of truth). */
export interface QueueMessage {
  teamId: string;
  jobId: string;
}
