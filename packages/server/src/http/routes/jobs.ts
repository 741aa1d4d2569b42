/** @module Job routes over the job service: submit (202), list, get, cancel; always in the caller's team. */
import { routes, type Job } from '@tdm/contract';
import type { Actor, JobService } from '../../jobs/index.js';
import type { GenerationJob } from '../../store/index.js';
import type { Ctx } from '../context.js';
import { mount, type Mount } from '../register.js';

export function jobDto(j: GenerationJob): Job {
  return {
    jobId: j.jobId,
    teamId: j.teamId,
    status: j.status,
    progress: j.progress,
    rows: { done: j.rowsDone, total: j.rowsTotal },
    datasetId: j.datasetId,
    datasetVersionId: j.datasetVersionId,
    attempts: j.attempts,
    timings: {
      createdAt: j.createdAt.toISOString(),
      startedAt: j.startedAt?.toISOString() ?? null,
      endedAt: j.endedAt?.toISOString() ?? null,
    },
    error: j.errorCode ? { code: j.errorCode, message: j.errorMessage ?? '' } : null,
  };
}

/** The audit identity the job service records with the job's own success record. */
function actor(ctx: Ctx<unknown, unknown, unknown>): Actor {
  return {
    actor: ctx.principal?.id ?? 'anonymous',
    actorRole: ctx.principal?.role ?? null,
    requestId: ctx.req.id,
    ip: ctx.req.ip,
  };
}

type Jobs = Pick<JobService, 'submit' | 'get' | 'list' | 'cancel'>;

export function mountJobs(m: Mount, jobs: Jobs): void {
  const audited = { successAuditedByService: true };
  mount(
    m,
    routes.createJob,
    async (ctx) => {
      const job = await jobs.submit(
        ctx.params.teamId,
        ctx.body,
        actor(ctx as Ctx<unknown, unknown, unknown>),
      );
      return { jobId: job.jobId, status: job.status };
    },
    audited,
  );
  mount(m, routes.listJobs, async ({ params }) => ({ jobs: (await jobs.list(params.teamId)).map(jobDto) }));
  mount(m, routes.getJob, async ({ params, teamId }) => jobDto(await jobs.get(teamId ?? '', params.jobId)));
  mount(
    m,
    routes.cancelJob,
    async (ctx) =>
      jobDto(
        await jobs.cancel(ctx.teamId ?? '', ctx.params.jobId, actor(ctx as Ctx<unknown, unknown, unknown>)),
      ),
    audited,
  );
}
