/**
 * @module Recovery of jobs whose worker died (process killed, connection lost): their building
 * versions and blobs are removed, then the job is retried, or failed with the reason once it has
 * used its attempts. Runs at start and, on PostgreSQL, periodically (other processes may die).
 */
import { finishJob } from '../store/index.js';
import { discardBuildsOf } from './cleanup.js';
import { emit, type JobContext } from './context.js';
import { pendingJobs, runningJobs } from './job-sql.js';
import { GENERATE_QUEUE } from './boss.js';
import { retryLater } from './settle.js';

export async function recoverOrphans(ctx: JobContext): Promise<number> {
  let recovered = 0;
  for (const job of await runningJobs(ctx.db)) {
    if (ctx.running.has(job.jobId) || !(await ctx.leases.isOrphaned(job.jobId))) continue;
    await discardBuildsOf(ctx, job.teamId, job.jobId);
    // On PGlite this process owns the store, so no live writer has temp files: remove them all.
    await ctx.blobs.removeStaleTemps(job.teamId, ctx.db.engine === 'pglite' ? 0 : undefined);
    const { teamId, jobId, attempts } = job;
    const reason = `the worker running attempt ${attempts} of ${ctx.settings.maxAttempts} stopped (process ended or lost its store connection)`;
    if (attempts < ctx.settings.maxAttempts) {
      await retryLater(ctx, job);
      emit(ctx, { type: 'job.requeued', teamId, jobId, errorCode: 'JOB_WORKER_LOST', errorMessage: reason });
    } else {
      await finishJob(ctx.db, teamId, jobId, {
        status: 'failed',
        errorCode: 'JOB_WORKER_LOST',
        errorMessage: reason,
      });
      emit(ctx, { type: 'job.failed', teamId, jobId, errorCode: 'JOB_WORKER_LOST', errorMessage: reason });
    }
    recovered++;
  }
  return recovered;
}

/**
 * Sends a queue message for every pending job: a process that died between inserting a job and
 * enqueueing it would otherwise leave it pending forever. Duplicates are harmless (the row's
 * claim admits one run).
 */
export async function reenqueuePending(ctx: JobContext): Promise<void> {
  for (const job of await pendingJobs(ctx.db)) {
    await ctx.boss.send(GENERATE_QUEUE, { teamId: job.teamId, jobId: job.jobId });
  }
}
