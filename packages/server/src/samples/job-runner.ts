/**
 * @module Runs mask and synthesize jobs: any node's runner claims pending jobs (oldest first,
 * at most `perTeamLimit` per team across nodes, `concurrency` in this process), beats while it
 * works (a job whose worker stops beating is requeued, or failed after `maxAttempts`), stops at a
 * cancel seen in its row, and requeues its jobs when the process stops.
 */
import { randomInt } from 'node:crypto';
import type { SampleJobCreate } from '@tdm/contract';
import { isTdmError } from '@tdm/core';
import type { BlobStore } from '../blob/index.js';
import { deleteVersionFiles, versionPrefix } from '../jobs/index.js';
import { discardDatasetVersion, getDatasetVersionById, type Db } from '../store/index.js';
import { SampleError } from './errors.js';
import {
  beat,
  claimSampleJob,
  createSampleJob,
  finishSampleJob,
  getSampleJob,
  pendingSampleJobs,
  requeueSampleJob,
  staleSampleJobs,
  type SampleJobRecord,
} from './job-repo.js';
import { produceVersion, type StoredSampleRequest } from './produce-version.js';
import { getSample } from './sample-repo.js';
import { rulesOf } from './synth-adapter.js';

export interface SampleJobRunnerOptions {
  db: Db;
  blobs: BlobStore;
  /** Jobs this process runs at once (default 2). */
  concurrency?: number;
  /** Sample jobs of one team running at once across all nodes (default 1). */
  perTeamLimit?: number;
  /** How often to look for pending and orphaned jobs (default 1 s). */
  pollMs?: number;
  /** How often a running job beats (default 2 s); a job silent for 15 beats is orphaned. */
  beatMs?: number;
  maxAttempts?: number;
  clock?: { now(): number };
  onError?: (e: unknown) => void;
}

export interface SampleJobRunner {
  submit(teamId: string, sampleId: string, body: SampleJobCreate): Promise<SampleJobRecord>;
  cancel(teamId: string, jobId: string): Promise<SampleJobRecord>;
  start(): void;
  stop(): Promise<void>;
}

const SHUTDOWN = 'tdm-sample-runner-shutdown';

function describe(e: unknown): { code: string; message: string } {
  if (isTdmError(e)) return { code: e.code, message: e.message };
  return { code: 'INTERNAL_ERROR', message: e instanceof Error ? e.message : String(e) };
}

export function createSampleJobRunner(o: SampleJobRunnerOptions): SampleJobRunner {
  const { db, blobs } = o;
  const concurrency = o.concurrency ?? 2;
  const perTeamLimit = o.perTeamLimit ?? 1;
  const beatMs = o.beatMs ?? 2000;
  const maxAttempts = o.maxAttempts ?? 3;
  const clock = o.clock ?? { now: () => Date.now() };
  const onError = o.onError ?? (() => undefined);
  const running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  let timer: NodeJS.Timeout | null = null;
  let stopping = false;
  let pumping: Promise<void> | null = null;

  async function run(job: SampleJobRecord, controller: AbortController): Promise<void> {
    const { teamId, jobId } = job;
    const pending: { rowsDone?: number; rowsTotal?: number; datasetId?: string; datasetVersionId?: string } =
      {};
    let buildId: string | null = null;
    const pulse = async () => {
      const { rowsDone, rowsTotal } = pending;
      const progress =
        rowsDone !== undefined && rowsTotal
          ? Math.min(99, Math.floor((100 * rowsDone) / rowsTotal))
          : undefined;
      const status = await beat(db, teamId, jobId, {
        ...pending,
        ...(progress === undefined ? {} : { progress }),
      });
      if (status !== 'running') controller.abort('cancel');
    };
    const ticker = setInterval(() => void pulse().catch(onError), beatMs);
    try {
      const produced = await produceVersion(
        {
          db,
          blobs,
          signal: controller.signal,
          progress: (p) => {
            Object.assign(pending, p);
            if (p.datasetVersionId) buildId = p.datasetVersionId;
          },
          stillRunning: async () => (await getSampleJob(db, teamId, jobId)).status === 'running',
        },
        job,
      );
      clearInterval(ticker);
      await beat(db, teamId, jobId, {
        rowsDone: produced.rows,
        rowsTotal: produced.rows,
        datasetId: produced.datasetId,
        datasetVersionId: produced.datasetVersionId,
      });
      await finishSampleJob(db, teamId, jobId, { status: 'completed' });
    } catch (e) {
      clearInterval(ticker);
      if (buildId) await discardBuilding(teamId, buildId).catch(onError);
      if (controller.signal.reason === SHUTDOWN) await requeueSampleJob(db, teamId, jobId);
      else if (controller.signal.aborted) {
        await finishSampleJob(db, teamId, jobId, { status: 'cancelled', errorCode: 'GENERATION_CANCELLED' });
      } else await finishSampleJob(db, teamId, jobId, { status: 'failed', ...errorOf(e, job.attempts) });
    }
  }

  function errorOf(e: unknown, attempts: number) {
    const { code, message } = describe(e);
    return {
      errorCode: code,
      errorMessage: attempts > 1 ? `${message} (after ${attempts} attempts)` : message,
    };
  }

  /** A build a dead or failed attempt left: files first, then the row (only while building). */
  async function discardBuilding(teamId: string, datasetVersionId: string): Promise<void> {
    const v = await getDatasetVersionById(db, teamId, datasetVersionId).catch(() => null);
    if (!v || v.status !== 'building') return;
    await deleteVersionFiles(blobs, teamId, versionPrefix(v.datasetId, v.version));
    await discardDatasetVersion(db, teamId, datasetVersionId);
  }

  async function recover(): Promise<void> {
    for (const j of await staleSampleJobs(db, beatMs * 15)) {
      if (running.has(j.jobId)) continue;
      const job = await getSampleJob(db, j.teamId, j.jobId);
      if (job.datasetVersionId) await discardBuilding(j.teamId, job.datasetVersionId);
      if (j.attempts < maxAttempts) await requeueSampleJob(db, j.teamId, j.jobId);
      else {
        await finishSampleJob(db, j.teamId, j.jobId, {
          status: 'failed',
          errorCode: 'JOB_WORKER_LOST',
          errorMessage: `the worker running attempt ${j.attempts} of ${maxAttempts} stopped`,
        });
      }
    }
  }

  async function pumpOnce(): Promise<void> {
    await recover();
    if (running.size >= concurrency) return;
    for (const p of await pendingSampleJobs(db, 50)) {
      if (stopping || running.size >= concurrency) return;
      if (running.has(p.jobId)) continue;
      if ((await claimSampleJob(db, p.teamId, p.jobId, perTeamLimit)) !== 'claimed') continue;
      const job = await getSampleJob(db, p.teamId, p.jobId);
      const controller = new AbortController();
      const done = run(job, controller)
        .catch(onError)
        .finally(() => {
          running.delete(p.jobId);
          kick();
        });
      running.set(p.jobId, { controller, done });
    }
  }

  function kick(): void {
    if (stopping || pumping) return;
    pumping = pumpOnce()
      .catch(onError)
      .finally(() => {
        pumping = null;
      });
  }

  return {
    async submit(teamId, sampleId, body) {
      const sample = await getSample(db, teamId, sampleId);
      // Bad rules are refused now, with their paths, rather than failing the job later.
      if (body.rules !== undefined) rulesOf(body.rules);
      const request: StoredSampleRequest = {
        kind: body.kind,
        sampleId,
        sampleName: sample.name,
        datasetName: body.datasetName ?? `${sample.name}-${body.kind === 'mask' ? 'masked' : 'synthetic'}`,
        ...(body.rules === undefined ? {} : { rules: body.rules }),
        ...(body.rows === undefined ? {} : { rows: body.rows }),
        // Pinned: a rerun of the job makes the same data.
        seed: body.seed ?? randomInt(0, 4_294_967_296),
        ...(body.method === undefined ? {} : { method: body.method }),
        format: body.format ?? 'csv',
        now: new Date(clock.now()).toISOString(),
      };
      const job = await createSampleJob(db, teamId, {
        sampleId,
        kind: body.kind,
        request: request as unknown as Record<string, unknown>,
      });
      kick();
      return job;
    },
    async cancel(teamId, jobId) {
      const job = await getSampleJob(db, teamId, jobId);
      if (job.status !== 'pending' && job.status !== 'running') {
        throw new SampleError('SAMPLE_JOB_STATE_INVALID', `job ${jobId} has already ended (${job.status})`, {
          details: { status: job.status },
        });
      }
      // The row decides: a running worker (here or elsewhere) sees it at its next beat and stops.
      await finishSampleJob(db, teamId, jobId, { status: 'cancelled', errorCode: 'GENERATION_CANCELLED' });
      const local = running.get(jobId);
      local?.controller.abort('cancel');
      await local?.done;
      return getSampleJob(db, teamId, jobId);
    },
    start() {
      if (timer) return;
      stopping = false;
      timer = setInterval(kick, o.pollMs ?? 1000);
      timer.unref();
      kick();
    },
    async stop() {
      stopping = true;
      if (timer) clearInterval(timer);
      timer = null;
      await pumping;
      for (const r of running.values()) r.controller.abort(SHUTDOWN);
      await Promise.all([...running.values()].map((r) => r.done));
    },
  };
}
