/**
 * @module The few statements the job service needs beyond the repositories: claiming a job under
 * the team's concurrency limit, and finding the running jobs and building versions a dead worker
 * left behind.
 */
import type { Db } from '../store/index.js';

export type Claim = 'claimed' | 'busy' | 'gone';

/**
 * pending -> running if fewer than `limit` of the team's jobs run. The team's advisory lock makes
 * count-then-update one step across processes (two claims cannot both see the last free slot).
 */
export async function claimJob(db: Db, teamId: string, jobId: string, limit: number): Promise<Claim> {
  return db.withTeam(teamId, async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('tdm-team:' || $1, 0))`, [teamId]);
    const [job] = await tx.query<{ status: string }>(
      'SELECT status FROM generation_jobs WHERE team_id = $1 AND job_id = $2',
      [teamId, jobId],
    );
    if (job?.status !== 'pending') return 'gone';
    const [count] = await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM generation_jobs WHERE team_id = $1 AND status = 'running'`,
      [teamId],
    );
    if ((count?.n ?? 0) >= limit) return 'busy';
    await tx.query(
      `UPDATE generation_jobs SET status = 'running', started_at = now(), attempts = attempts + 1,
         error_code = NULL, error_message = NULL WHERE team_id = $1 AND job_id = $2 AND status = 'pending'`,
      [teamId, jobId],
    );
    return 'claimed';
  });
}

export interface RunningJob {
  teamId: string;
  jobId: string;
  attempts: number;
}

/** Every running job of every team (the recovery sweep checks each one's lease). */
export async function runningJobs(db: Db): Promise<RunningJob[]> {
  const rows = await db.withAdmin((tx) =>
    tx.query<{ team_id: string; job_id: string; attempts: number }>(
      `SELECT team_id, job_id, attempts FROM generation_jobs WHERE status = 'running' ORDER BY created_at`,
    ),
  );
  return rows.map((r) => ({ teamId: r.team_id, jobId: r.job_id, attempts: Number(r.attempts) }));
}

/** Pending jobs (the sweep re-enqueues them: a queue message may be lost between insert and send). */
export async function pendingJobs(db: Db): Promise<Array<{ teamId: string; jobId: string }>> {
  const rows = await db.withAdmin((tx) =>
    tx.query<{ team_id: string; job_id: string }>(
      `SELECT team_id, job_id FROM generation_jobs WHERE status = 'pending' ORDER BY created_at`,
    ),
  );
  return rows.map((r) => ({ teamId: r.team_id, jobId: r.job_id }));
}

export interface BuildingVersion {
  datasetVersionId: string;
  datasetId: string;
  version: number;
}

/** The building (never published) versions a job's attempts began. */
export async function buildingVersionsOf(db: Db, teamId: string, jobId: string): Promise<BuildingVersion[]> {
  const rows = await db.withTeam(teamId, (tx) =>
    tx.query<{ dataset_version_id: string; dataset_id: string; version: number }>(
      `SELECT dataset_version_id, dataset_id, version FROM dataset_versions
         WHERE team_id = $1 AND job_id = $2 AND status = 'building'`,
      [teamId, jobId],
    ),
  );
  return rows.map((r) => ({
    datasetVersionId: r.dataset_version_id,
    datasetId: r.dataset_id,
    version: Number(r.version),
  }));
}
