/**
 * @module createDataManager: the brief's DataManagerService over the store, the job service and the
 * blob store. Team environments, distribution of versions between teams, filtered reads of a
 * team's data, refresh (a new version from the latest recipe) and retention. Every mutation is
 * audited with the actor the caller names.
 */
import { ServerError } from '../errors.js';
import type { Actor, JobEvent, JobService, RetentionPolicy } from '../jobs/index.js';
import { getDatasetVersionById, getTeam, type GenerationJob } from '../store/index.js';
import { audited } from './audited.js';
import { distributeDataToTeam } from './distribute.js';
import { createTeamEnvironment } from './environment.js';
import { getTeamData } from './team-data.js';
import type { DataManagerOptions, DataManagerService, RefreshResult } from './types.js';

const ENDED = new Set(['completed', 'failed', 'cancelled']);

/** Resolves with the job row once it has ended (events first, the row as the truth). */
async function untilEnded(jobs: JobService, teamId: string, jobId: string, timeoutMs: number) {
  let wake: () => void = () => undefined;
  const off = jobs.subscribe(
    teamId,
    (e: JobEvent) => e.jobId === jobId && ENDED.has(e.type.slice(4)) && wake(),
  );
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      const job = await jobs.get(teamId, jobId);
      if (ENDED.has(job.status)) return job;
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new ServerError(
          'JOB_STATE_INVALID',
          `job ${jobId} is still ${job.status} after ${timeoutMs} ms`,
          {
            details: { jobId, status: job.status },
            suggestedActions: ['The job goes on; follow it with GET /jobs/{jobId} or the events stream.'],
          },
        );
      }
      // An event wakes us at once; the timer covers an event missed between read and subscribe.
      await new Promise<void>((r) => {
        const t = setTimeout(r, Math.min(left, 1000));
        wake = () => (clearTimeout(t), r());
      });
    }
  } finally {
    off();
  }
}

/**
 * @example
 * const manager = createDataManager({ db: store, jobs, blobs, pepper });
 * const env = await manager.createTeamEnvironment('alpha', {
 *   teamName: 'Alpha',
 *   customizations: { defaultLocale: 'de', defaultFormats: ['parquet'], qualityLevel: 'standard' },
 *   refresh: { schedule: '0 2 * * 1', timezone: 'Europe/Berlin', retainVersions: 5 },
 *   keys: [{ role: 'write', name: 'ci' }],
 * }, 'ops@example.com');
 * console.log(env.issuedKeys[0].key); // shown once
 */
export function createDataManager(options: DataManagerOptions): DataManagerService {
  const { db, jobs, blobs } = options;
  return {
    createTeamEnvironment: (teamId, config, actor) =>
      createTeamEnvironment({ db, pepper: options.pepper }, teamId, config, actor),

    distributeDataToTeam: (teamId, d, actor) =>
      audited(
        db,
        actor,
        {
          teamId,
          action: 'dataset.distribute',
          resource: `teams/${d.from.teamId}/datasets/${d.from.datasetId}/versions/${d.from.version}`,
          details: { from: d.from, files: d.files ?? null },
        },
        () => distributeDataToTeam({ db, blobs }, teamId, d),
        (r) => ({ datasetId: r.dataset.datasetId, version: r.version.version, files: r.files }),
      ),

    getTeamData: (teamId, filters) => getTeamData(db, teamId, filters),

    async refreshTeamData(teamId, opts, actor: Actor): Promise<RefreshResult> {
      const job: GenerationJob = await audited(
        db,
        actor,
        {
          teamId,
          action: 'data.refresh',
          resource: `teams/${teamId}/datasets`,
          details: { datasetName: opts.datasetName ?? null },
        },
        () =>
          jobs.refreshTeamData(
            teamId,
            actor,
            opts.datasetName === undefined ? {} : { datasetName: opts.datasetName },
          ),
        (j) => ({ jobId: j.jobId }),
      );
      if (!opts.wait) return { job, version: null };
      const ended = await untilEnded(jobs, teamId, job.jobId, opts.timeoutMs ?? 600_000);
      const version =
        ended.status === 'completed' && ended.datasetVersionId
          ? await getDatasetVersionById(db, teamId, ended.datasetVersionId)
          : null;
      return { job: ended, version };
    },

    async archiveOldData(teamId, retentionPolicy: RetentionPolicy | undefined, actor) {
      // Without a policy, the team's refresh preference decides how many versions stay.
      let policy = retentionPolicy;
      if (policy === undefined) {
        const keep = (await getTeam(db, teamId)).config.refresh?.retainVersions;
        policy = keep === undefined ? {} : { keepLast: keep };
      }
      const p = policy;
      return audited(
        db,
        actor,
        { teamId, action: 'data.archive', resource: `teams/${teamId}/datasets`, details: { policy: p } },
        () => jobs.archiveOldData(teamId, p),
        (r) => ({ archived: r.archived.length, evicted: r.evicted.length }),
      );
    },
  };
}
