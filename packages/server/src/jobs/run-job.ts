/**
 * @module One attempt of a generation job: claim it under the team limit, plan the recipe, build
 * an invisible version, stream the files into sealed blobs, publish atomically. Every way out
 * (failure, cancel, retry) removes the attempt's version and files first.
 */
import { generateData, isTdmError, JobRegistry, type Manifest } from '@tdm/core';
import {
  beginDatasetVersion,
  finishJob,
  getJob,
  publishDatasetVersion,
  updateJobProgress,
  type DatasetVersion,
} from '../store/index.js';
import { GENERATE_QUEUE } from './boss.js';
import { discardBuild, discardBuildsOf } from './cleanup.js';
import { emit, type JobContext, type QueueMessage } from './context.js';
import { ensureDataset } from './dataset.js';
import { claimJob } from './job-sql.js';
import { ProgressWriter } from './progress.js';
import { planGeneration, recipeOptions } from './recipe.js';
import type { StoredRequest } from './request.js';
import { requeueNow, settleFailure, SHUTDOWN } from './settle.js';
import { blobKeysOf, versionPrefix } from './version-files.js';
import { passedReport, qualityGate } from '../quality/index.js';

/** The queue handler: runs the job named by `msg` if it is still pending. */
export async function runJob(ctx: JobContext, msg: QueueMessage): Promise<void> {
  const { teamId, jobId } = msg;
  if (ctx.running.has(jobId)) return; // a duplicate message of a job this process runs
  // The lease is taken before the claim: a sweep must never see the job running and unleased.
  await ctx.leases.hold(jobId);
  const claim = await claimJob(ctx.db, teamId, jobId, ctx.settings.perTeamLimit).catch(async (e) => {
    await ctx.leases.release(jobId);
    throw e;
  });
  if (claim !== 'claimed') {
    await ctx.leases.release(jobId);
    // 'gone': cancelled, ended, or a duplicate message of a job running elsewhere.
    if (claim === 'busy') await ctx.boss.sendAfter(GENERATE_QUEUE, msg, {}, ctx.settings.busyDelaySeconds);
    return;
  }
  const controller = new AbortController();
  let resolveDone = (): void => undefined;
  const done = new Promise<void>((r) => (resolveDone = r));
  ctx.running.set(jobId, { controller, done });
  try {
    await attempt(ctx, teamId, jobId, controller);
  } finally {
    ctx.running.delete(jobId);
    await ctx.leases.release(jobId).catch(() => undefined);
    resolveDone();
  }
}

async function attempt(ctx: JobContext, teamId: string, jobId: string, controller: AbortController) {
  const job = await getJob(ctx.db, teamId, jobId);
  emit(ctx, { type: 'job.started', teamId, jobId });
  let version: DatasetVersion | null = null;
  const progress = new ProgressWriter({
    db: ctx.db,
    teamId,
    jobId,
    intervalMs: ctx.settings.progressIntervalMs,
    clock: ctx.clock,
    emit: (e) => ctx.bus.publish(e),
    onEnded: () => controller.abort(),
  });
  try {
    // A dead attempt of this job may have left a building version behind.
    await discardBuildsOf(ctx, teamId, jobId);
    const request = job.request as StoredRequest;
    const plan = await planGeneration(ctx.db, teamId, request);
    const dataset = await ensureDataset(ctx.db, teamId, request, plan.doc.name ?? 'dataset');
    version = await beginDatasetVersion(ctx.db, teamId, dataset.datasetId, { recipe: plan.recipe, jobId });
    await updateJobProgress(ctx.db, teamId, jobId, {
      progress: 0,
      rowsDone: 0,
      rowsTotal: plan.rowsTotal,
      datasetVersionId: version.datasetVersionId,
      datasetId: dataset.datasetId,
    });
    const prefix = versionPrefix(dataset.datasetId, version.version);
    const result = await generateData(plan.doc, {
      ...recipeOptions(plan.recipe),
      output: ctx.blobs.outputPort(teamId, prefix),
      workers: ctx.settings.workers,
      jobs: new JobRegistry(),
      signal: controller.signal,
      onProgress: progress.report,
      clock: ctx.clock,
      teamId,
      ...(request.options.qualityLevel ? { qualityLevel: request.options.qualityLevel } : {}),
    });
    await progress.flush();
    const manifest: Manifest = result.manifest;
    // The gate: below the job's quality level nothing is published (QUALITY_GATE_FAILED).
    const checked = await qualityGate(ctx, {
      teamId,
      jobId,
      datasetId: dataset.datasetId,
      datasetName: dataset.name,
      version: version.version,
      recipe: plan.recipe,
      manifest,
      doc: plan.doc,
      signal: controller.signal,
    });
    // A cancel from another process ends the row; do not publish under an ended job.
    if (controller.signal.aborted || (await getJob(ctx.db, teamId, jobId)).status !== 'running') {
      throw Object.assign(new Error('cancelled'), { cancelled: true });
    }
    const published = await publishDatasetVersion(ctx.db, teamId, version.datasetVersionId, {
      manifest: manifest as unknown as Record<string, unknown>,
      blobKeys: blobKeysOf(prefix, manifest),
    });
    await passedReport(ctx.db, teamId, checked, { jobId, datasetVersionId: published.datasetVersionId });
    await finishJob(ctx.db, teamId, jobId, {
      status: 'completed',
      datasetVersionId: published.datasetVersionId,
    });
    emit(ctx, {
      type: 'job.completed',
      teamId,
      jobId,
      datasetId: published.datasetId,
      datasetVersionId: published.datasetVersionId,
      version: published.version,
      progress: 100,
      rowsDone: manifest.totalRows,
      rowsTotal: manifest.totalRows,
    });
  } catch (e) {
    await progress.flush().catch(() => undefined);
    if (version) await discardBuild(ctx, teamId, version).catch(() => undefined);
    const aborted = controller.signal.aborted || (isTdmError(e) && e.code === 'GENERATION_CANCELLED');
    const job1 = { teamId, jobId, attempts: job.attempts };
    if (aborted && controller.signal.reason === SHUTDOWN) await requeueNow(ctx, job1);
    else await settleFailure(ctx, job1, e, aborted);
  }
}
