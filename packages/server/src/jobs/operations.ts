/** @module The job service's per-team operations: submit, get, list, cancel, subscribe, retention, rebuild. */
import { isServerError, ServerError } from '../errors.js';
import {
  createJob,
  finishJob,
  getJob,
  getSchemaVersion,
  getTeam,
  listJobs,
  recordAudit,
  type GenerationJob,
  type DatasetVersion,
} from '../store/index.js';
import { GENERATE_QUEUE } from './boss.js';
import { emit, type JobContext } from './context.js';
import type { JobListener } from './events.js';
import { materializeVersion } from './materialize.js';
import { refreshTeamData, type RefreshOptions } from './refresh.js';
import { parseJobRequest, pinNow, type StoredRequest } from './request.js';
import { archiveOldData, type RetentionPolicy, type RetentionResult } from './retention.js';
import { applyTeamDefaults } from './team-defaults.js';

/** Who asks: a key id or JWT subject, with what the audit trail records about the request. */
export type Actor =
  string | { actor: string; actorRole?: string | null; requestId?: string | null; ip?: string | null };

export interface JobOperations {
  submit(teamId: string, request: unknown, actor: Actor): Promise<GenerationJob>;
  get(teamId: string, jobId: string): Promise<GenerationJob>;
  list(teamId: string, options?: Parameters<typeof listJobs>[2]): Promise<GenerationJob[]>;
  cancel(teamId: string, jobId: string, actor?: Actor): Promise<GenerationJob>;
  subscribe(teamId: string, listener: JobListener): () => void;
  archiveOldData(teamId: string, policy: RetentionPolicy): Promise<RetentionResult>;
  materializeVersion(teamId: string, datasetVersionId: string): Promise<DatasetVersion>;
  refreshTeamData(teamId: string, actor?: Actor, options?: RefreshOptions): Promise<GenerationJob>;
}

type Base = Pick<JobContext, 'db' | 'blobs' | 'bus' | 'clock' | 'settings'>;

function audit(base: Base, teamId: string, actor: Actor | undefined, action: string, resource: string) {
  const a = typeof actor === 'string' || actor === undefined ? { actor: actor ?? 'system' } : actor;
  return recordAudit(base.db, { teamId, ...a, action, resource, outcome: 'success' });
}

export function jobOperations(base: Base, started: () => JobContext): JobOperations {
  const { db } = base;

  async function submit(teamId: string, input: unknown, actor: Actor): Promise<GenerationJob> {
    const req = parseJobRequest(input);
    const ctx = started();
    // The team's customizations fill what the request leaves out; stored resolved, so a later
    // change of the team's settings does not change what this job (or a rebuild) generates.
    const team = await getTeam(db, teamId);
    const options = applyTeamDefaults(teamId, req.options, team.config);
    const stored: StoredRequest = {
      // As text: jsonb reorders object keys (shortest first), and field order is column order.
      ...(req.schema === undefined
        ? {}
        : { schema: typeof req.schema === 'string' ? req.schema : JSON.stringify(req.schema) }),
      ...(req.datasetName === undefined ? {} : { datasetName: req.datasetName }),
      options: { ...options, now: pinNow(req.options.now, base.clock.now()) },
    };
    if (req.schemaId !== undefined) {
      const v = await getSchemaVersion(db, teamId, req.schemaId, req.schemaVersion);
      stored.schemaId = req.schemaId;
      stored.schemaVersionId = v.schemaVersionId;
    }
    const job = await createJob(db, teamId, { request: stored });
    try {
      await ctx.boss.send(GENERATE_QUEUE, { teamId, jobId: job.jobId });
    } catch (e) {
      await finishJob(db, teamId, job.jobId, {
        status: 'failed',
        errorCode: 'STORE_UNAVAILABLE',
        errorMessage: 'could not enqueue',
      });
      throw e;
    }
    await audit(base, teamId, actor, 'job.submit', job.jobId);
    return job;
  }

  async function cancel(teamId: string, jobId: string, actor?: Actor): Promise<GenerationJob> {
    const job = await getJob(db, teamId, jobId);
    if (job.status !== 'pending' && job.status !== 'running') {
      throw new ServerError('JOB_STATE_INVALID', `job ${jobId} has already ended (${job.status})`, {
        details: { status: job.status },
      });
    }
    const local = started().running.get(jobId);
    if (local) {
      // The run removes its partial files and ends the row itself; wait for it.
      local.controller.abort('cancel');
      await local.done;
    } else {
      try {
        // Pending: it never starts. Running in another process: that worker sees the ended row at
        // its next progress write (or before publishing), stops and removes its files.
        await finishJob(db, teamId, jobId, { status: 'cancelled', errorCode: 'GENERATION_CANCELLED' });
        emit(started(), { type: 'job.cancelled', teamId, jobId });
      } catch (e) {
        // It started here between our read and our update: cancel it as a local run.
        const now = started().running.get(jobId);
        if (!isServerError(e, 'STORE_STATE_INVALID') || !now) throw e;
        now.controller.abort('cancel');
        await now.done;
      }
    }
    await audit(base, teamId, actor, 'job.cancel', jobId);
    return getJob(db, teamId, jobId);
  }

  return {
    submit,
    get: (teamId, jobId) => getJob(db, teamId, jobId),
    list: (teamId, options) => listJobs(db, teamId, options),
    cancel,
    subscribe: (teamId, listener) => base.bus.subscribe(teamId, listener),
    archiveOldData: (teamId, policy) => archiveOldData(base, teamId, policy),
    materializeVersion: (teamId, id) => materializeVersion(base, teamId, id),
    refreshTeamData: (teamId, actor, options) =>
      refreshTeamData(db, teamId, (req) => submit(teamId, req, actor ?? 'system'), options),
  };
}
