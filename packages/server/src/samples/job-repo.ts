/**
 * @module The sample_jobs table: submit, claim under the team's limit (an advisory lock makes
 * count-then-update one step across processes), heartbeat, finish, requeue, and the work lists of
 * the runner's sweep (pending jobs, running jobs whose worker stopped beating).
 */
import type { Db, Row } from '../store/index.js';
import { SampleError } from './errors.js';

export type SampleJobKind = 'mask' | 'synthesize';
export type SampleJobStatus = 'pending' | 'running' | 'completed' | 'failed' | 'cancelled';

export interface SampleJobRecord {
  jobId: string;
  teamId: string;
  sampleId: string | null;
  kind: SampleJobKind;
  status: SampleJobStatus;
  progress: number;
  rowsDone: number;
  rowsTotal: number | null;
  attempts: number;
  request: Record<string, unknown>;
  datasetId: string | null;
  datasetVersionId: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  createdAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COLS = `job_id, team_id, sample_id, kind, status, progress, rows_done, rows_total, attempts, request,
  dataset_id, dataset_version_id, error_code, error_message, created_at, started_at, ended_at`;
const d = (v: unknown): Date | null => (v == null ? null : v instanceof Date ? v : new Date(String(v)));
const s = (v: unknown): string | null => (v == null ? null : String(v));

function toJob(r: Row): SampleJobRecord {
  return {
    jobId: String(r.job_id),
    teamId: String(r.team_id),
    sampleId: s(r.sample_id),
    kind: String(r.kind) as SampleJobKind,
    status: String(r.status) as SampleJobStatus,
    progress: Number(r.progress),
    rowsDone: Number(r.rows_done),
    rowsTotal: r.rows_total == null ? null : Number(r.rows_total),
    attempts: Number(r.attempts),
    request: (r.request ?? {}) as Record<string, unknown>,
    datasetId: s(r.dataset_id),
    datasetVersionId: s(r.dataset_version_id),
    errorCode: s(r.error_code),
    errorMessage: s(r.error_message),
    createdAt: d(r.created_at) as Date,
    startedAt: d(r.started_at),
    endedAt: d(r.ended_at),
  };
}

export function jobNotFound(jobId: string): SampleError {
  return new SampleError(
    'SAMPLE_JOB_NOT_FOUND',
    `sample job ${JSON.stringify(jobId.slice(0, 80))} not found`,
    {
      details: { jobId: jobId.slice(0, 80) },
    },
  );
}

export async function createSampleJob(
  db: Db,
  teamId: string,
  input: { sampleId: string; kind: SampleJobKind; request: Record<string, unknown> },
): Promise<SampleJobRecord> {
  const [row] = await db.withTeam(teamId, (tx) =>
    tx.query(
      `INSERT INTO sample_jobs (team_id, sample_id, kind, request) VALUES ($1, $2, $3, $4::text::jsonb)
         RETURNING ${COLS}`,
      [teamId, input.sampleId, input.kind, JSON.stringify(input.request)],
    ),
  );
  return toJob(row as Row);
}

export async function getSampleJob(db: Db, teamId: string, jobId: string): Promise<SampleJobRecord> {
  if (!UUID.test(jobId)) throw jobNotFound(jobId);
  const [row] = await db.withTeam(teamId, (tx) =>
    tx.query(`SELECT ${COLS} FROM sample_jobs WHERE team_id = $1 AND job_id = $2`, [teamId, jobId]),
  );
  if (!row) throw jobNotFound(jobId);
  return toJob(row);
}

export async function listSampleJobs(db: Db, teamId: string, limit = 100): Promise<SampleJobRecord[]> {
  const rows = await db.withTeam(teamId, (tx) =>
    tx.query(`SELECT ${COLS} FROM sample_jobs WHERE team_id = $1 ORDER BY created_at DESC LIMIT $2`, [
      teamId,
      limit,
    ]),
  );
  return rows.map(toJob);
}

/** pending -> running when fewer than `limit` of the team's sample jobs run; else 'busy' or 'gone'. */
export async function claimSampleJob(
  db: Db,
  teamId: string,
  jobId: string,
  limit: number,
): Promise<'claimed' | 'busy' | 'gone'> {
  return db.withTeam(teamId, async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('tdm-sample-team:' || $1, 0))`, [teamId]);
    const [n] = await tx.query(
      `SELECT count(*)::int AS n FROM sample_jobs WHERE team_id = $1 AND status = 'running'`,
      [teamId],
    );
    if (Number(n?.n ?? 0) >= limit) return 'busy';
    const claimed = await tx.query(
      `UPDATE sample_jobs SET status = 'running', started_at = now(), heartbeat_at = now(),
         attempts = attempts + 1, error_code = NULL, error_message = NULL
         WHERE team_id = $1 AND job_id = $2 AND status = 'pending' RETURNING job_id`,
      [teamId, jobId],
    );
    return claimed[0] ? 'claimed' : 'gone';
  });
}

/** Records progress and that the worker lives; answers the row's status (a cancel ends it). */
export async function beat(
  db: Db,
  teamId: string,
  jobId: string,
  p: {
    progress?: number;
    rowsDone?: number;
    rowsTotal?: number | null;
    datasetId?: string;
    datasetVersionId?: string;
  },
): Promise<SampleJobStatus | null> {
  const [row] = await db.withTeam(teamId, (tx) =>
    tx.query(
      `UPDATE sample_jobs SET heartbeat_at = now(),
         progress = coalesce($3, progress), rows_done = coalesce($4, rows_done),
         rows_total = coalesce($5, rows_total), dataset_id = coalesce($6, dataset_id),
         dataset_version_id = coalesce($7, dataset_version_id)
         WHERE team_id = $1 AND job_id = $2 RETURNING status`,
      [
        teamId,
        jobId,
        p.progress ?? null,
        p.rowsDone ?? null,
        p.rowsTotal ?? null,
        p.datasetId ?? null,
        p.datasetVersionId ?? null,
      ],
    ),
  );
  return row ? (String(row.status) as SampleJobStatus) : null;
}

/** Ends a pending or running job; false when it had already ended (someone else finished it). */
export async function finishSampleJob(
  db: Db,
  teamId: string,
  jobId: string,
  end: { status: 'completed' | 'failed' | 'cancelled'; errorCode?: string; errorMessage?: string },
): Promise<boolean> {
  const rows = await db.withTeam(teamId, (tx) =>
    tx.query(
      `UPDATE sample_jobs SET status = $3, error_code = $4, error_message = $5, ended_at = now(),
         progress = CASE WHEN $3 = 'completed' THEN 100 ELSE progress END,
         dataset_version_id = CASE WHEN $3 = 'completed' THEN dataset_version_id ELSE NULL END
         WHERE team_id = $1 AND job_id = $2 AND status IN ('pending', 'running') RETURNING job_id`,
      [teamId, jobId, end.status, end.errorCode ?? null, end.errorMessage?.slice(0, 4000) ?? null],
    ),
  );
  return rows.length > 0;
}

/** running -> pending (the worker stopped with the process, or lost it): another run takes it. */
export async function requeueSampleJob(db: Db, teamId: string, jobId: string): Promise<void> {
  await db.withTeam(teamId, (tx) =>
    tx.query(
      `UPDATE sample_jobs SET status = 'pending', heartbeat_at = NULL, progress = 0, rows_done = 0,
         dataset_version_id = NULL WHERE team_id = $1 AND job_id = $2 AND status = 'running'`,
      [teamId, jobId],
    ),
  );
}

/** Oldest pending jobs of every team. */
export async function pendingSampleJobs(
  db: Db,
  limit: number,
): Promise<Array<{ teamId: string; jobId: string }>> {
  const rows = await db.withAdmin((tx) =>
    tx.query(
      `SELECT team_id, job_id FROM sample_jobs WHERE status = 'pending' ORDER BY created_at LIMIT $1`,
      [limit],
    ),
  );
  return rows.map((r) => ({ teamId: String(r.team_id), jobId: String(r.job_id) }));
}

/** Running jobs whose worker has not beaten for `staleMs`. */
export async function staleSampleJobs(
  db: Db,
  staleMs: number,
): Promise<Array<{ teamId: string; jobId: string; attempts: number }>> {
  const rows = await db.withAdmin((tx) =>
    tx.query(
      `SELECT team_id, job_id, attempts FROM sample_jobs WHERE status = 'running'
         AND (heartbeat_at IS NULL OR heartbeat_at < now() - make_interval(secs => $1::float8 / 1000))`,
      [staleMs],
    ),
  );
  return rows.map((r) => ({
    teamId: String(r.team_id),
    jobId: String(r.job_id),
    attempts: Number(r.attempts),
  }));
}
