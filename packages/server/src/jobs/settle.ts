/**
 * @module How an attempt that did not publish ends: cancelled, retried later with exponential
 * backoff (only failures that may pass: store outages, I/O), or failed for good with its code.
 */
import { isCodedError, isServerError } from '../errors.js';
import { finishJob, requeueJob } from '../store/index.js';
import { emit, type JobContext } from './context.js';
import { GENERATE_QUEUE } from './boss.js';

/** The abort reason of a job interrupted by the service stopping: requeued, not cancelled. */
export const SHUTDOWN = 'tdm-job-service-shutdown';

/** Failures worth another attempt; schema and generation errors would only fail again. */
const TRANSIENT = new Set(['STORE_UNAVAILABLE', 'STORE_QUERY_FAILED', 'GENERATION_OUTPUT_FAILED']);

export function isTransient(e: unknown): boolean {
  return isCodedError(e) ? TRANSIENT.has(e.code) : true;
}

export function describe(e: unknown): { code: string; message: string } {
  if (isCodedError(e)) return { code: e.code, message: e.message };
  return { code: 'INTERNAL_ERROR', message: e instanceof Error ? e.message : String(e) };
}

/** Ends the row unless someone else already did (a cancel from another process). */
async function end(ctx: JobContext, teamId: string, jobId: string, end: Parameters<typeof finishJob>[3]) {
  try {
    await finishJob(ctx.db, teamId, jobId, end);
  } catch (e) {
    if (!isServerError(e, 'STORE_STATE_INVALID')) throw e;
  }
}

export async function settleFailure(
  ctx: JobContext,
  job: { teamId: string; jobId: string; attempts: number },
  e: unknown,
  cancelled: boolean,
): Promise<void> {
  const { teamId, jobId } = job;
  if (cancelled) {
    await end(ctx, teamId, jobId, { status: 'cancelled', errorCode: 'GENERATION_CANCELLED' });
    emit(ctx, { type: 'job.cancelled', teamId, jobId });
    return;
  }
  const { code, message } = describe(e);
  if (isTransient(e) && job.attempts < ctx.settings.maxAttempts) {
    await retryLater(ctx, job);
    emit(ctx, { type: 'job.requeued', teamId, jobId, errorCode: code, errorMessage: message });
    return;
  }
  const reason = job.attempts > 1 ? `${message} (after ${job.attempts} attempts)` : message;
  await end(ctx, teamId, jobId, { status: 'failed', errorCode: code, errorMessage: reason.slice(0, 4000) });
  emit(ctx, { type: 'job.failed', teamId, jobId, errorCode: code, errorMessage: reason });
}

/** running -> pending, and a queue message after the backoff delay for this attempt. */
export async function retryLater(
  ctx: JobContext,
  job: { teamId: string; jobId: string; attempts: number },
): Promise<void> {
  await requeueJob(ctx.db, job.teamId, job.jobId);
  const delay = ctx.settings.retryDelaySeconds * 2 ** Math.max(0, job.attempts - 1);
  await ctx.boss.sendAfter(GENERATE_QUEUE, { teamId: job.teamId, jobId: job.jobId }, {}, delay);
}

/** A job interrupted by shutdown goes back to the queue at once (another process may take it). */
export async function requeueNow(
  ctx: JobContext,
  job: { teamId: string; jobId: string; attempts: number },
): Promise<void> {
  await requeueJob(ctx.db, job.teamId, job.jobId);
  await ctx.boss.send(GENERATE_QUEUE, { teamId: job.teamId, jobId: job.jobId });
  emit(ctx, { type: 'job.requeued', teamId: job.teamId, jobId: job.jobId, errorCode: 'JOB_SERVICE_STOPPED' });
}
