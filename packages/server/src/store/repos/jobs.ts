/** @module Generation jobs: their request, lifecycle (pending, running, ended), progress and errors. */
import { ServerError } from '../../errors.js';
import type { Db, Queryable, Row } from '../db.js';
import { refine } from '../db-errors.js';
import { checkId, checkInt, checkOptionalText, json, notFound } from '../validate.js';
import { date, dateOrNull, num, numOrNull, str, strOrNull } from './columns.js';

export const JOB_STATUSES = ['pending', 'running', 'completed', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export interface GenerationJob {
  jobId: string;
  teamId: string;
  datasetId: string | null;
  datasetVersionId: string | null;
  status: JobStatus;
  progress: number;
  rowsDone: number;
  rowsTotal: number | null;
  attempts: number;
  errorCode: string | null;
  errorMessage: string | null;
  request: Record<string, unknown>;
  createdAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
}

const COLS = `job_id, team_id, dataset_id, dataset_version_id, status, progress, rows_done, rows_total, attempts,
  error_code, error_message, request, created_at, started_at, ended_at`;
const ROWS_MAX = Number.MAX_SAFE_INTEGER;

function toJob(r: Row): GenerationJob {
  return {
    jobId: str(r.job_id),
    teamId: str(r.team_id),
    datasetId: strOrNull(r.dataset_id),
    datasetVersionId: strOrNull(r.dataset_version_id),
    status: str(r.status) as JobStatus,
    progress: num(r.progress),
    rowsDone: num(r.rows_done),
    rowsTotal: numOrNull(r.rows_total),
    attempts: num(r.attempts),
    errorCode: strOrNull(r.error_code),
    errorMessage: strOrNull(r.error_message),
    request: (r.request ?? {}) as Record<string, unknown>,
    createdAt: date(r.created_at),
    startedAt: dateOrNull(r.started_at),
    endedAt: dateOrNull(r.ended_at),
  };
}

const jobNotFound = (jobId: unknown) => notFound('job', jobId, 'GENERATION_JOB_NOT_FOUND');

export async function createJob(
  db: Db,
  teamId: string,
  input: { request: Record<string, unknown>; datasetId?: string | null; rowsTotal?: number | null },
): Promise<GenerationJob> {
  const datasetId = input.datasetId == null ? null : checkId(input.datasetId, 'dataset');
  const total = input.rowsTotal == null ? null : checkInt(input.rowsTotal, 'rowsTotal', 0, ROWS_MAX);
  try {
    const [row] = await db.withTeam(teamId, (tx) =>
      tx.query(
        `INSERT INTO generation_jobs (team_id, dataset_id, rows_total, request) VALUES ($1, $2, $3, $4::text::jsonb)
           RETURNING ${COLS}`,
        [teamId, datasetId, total, json(input.request)],
      ),
    );
    return toJob(row as Row);
  } catch (e) {
    return refine(
      e,
      { generation_jobs_dataset_fkey: ['STORE_NOT_FOUND', `dataset "${datasetId}" not found`] },
      teamId,
    );
  }
}

export async function getJob(db: Db, teamId: string, jobId: string): Promise<GenerationJob> {
  const id = checkId(jobId, 'job', 'GENERATION_JOB_NOT_FOUND');
  const rows = await db.withTeam(teamId, (tx) =>
    tx.query(`SELECT ${COLS} FROM generation_jobs WHERE team_id = $1 AND job_id = $2`, [teamId, id]),
  );
  if (!rows[0]) throw jobNotFound(jobId);
  return toJob(rows[0]);
}

export async function listJobs(
  db: Db,
  teamId: string,
  options: { status?: JobStatus; limit?: number } = {},
): Promise<GenerationJob[]> {
  const limit = checkInt(options.limit ?? 100, 'limit', 1, 1000);
  if (options.status !== undefined && !JOB_STATUSES.includes(options.status)) {
    throw new ServerError('STORE_INPUT_INVALID', `status: "${String(options.status)}" is not a job status`, {
      details: { path: 'status', allowed: JOB_STATUSES },
    });
  }
  const rows = await db.withTeam(teamId, (tx) =>
    tx.query(
      `SELECT ${COLS} FROM generation_jobs WHERE team_id = $1 AND ($2::text IS NULL OR status = $2)
         ORDER BY created_at DESC, job_id LIMIT $3`,
      [teamId, options.status ?? null, limit],
    ),
  );
  return rows.map(toJob);
}

/** Runs one guarded UPDATE; a miss means unknown job or a status that forbids the change. */
async function transition(
  db: Db,
  teamId: string,
  jobId: string,
  set: string,
  from: JobStatus[],
  params: unknown[],
) {
  const id = checkId(jobId, 'job', 'GENERATION_JOB_NOT_FOUND');
  return db.withTeam(teamId, async (tx: Queryable) => {
    const [row] = await tx.query(
      `UPDATE generation_jobs SET ${set} WHERE team_id = $1 AND job_id = $2 AND status = ANY($3::text[]) RETURNING ${COLS}`,
      [teamId, id, from, ...params],
    );
    if (row) return toJob(row);
    const [cur] = await tx.query('SELECT status FROM generation_jobs WHERE team_id = $1 AND job_id = $2', [
      teamId,
      id,
    ]);
    if (!cur) throw jobNotFound(jobId);
    throw new ServerError(
      'STORE_STATE_INVALID',
      `job ${jobId} is ${str(cur.status)}, expected ${from.join(' or ')}`,
      {
        details: { status: str(cur.status), expected: from },
      },
    );
  });
}

/** pending -> running; counts the attempt. */
export async function startJob(db: Db, teamId: string, jobId: string): Promise<GenerationJob> {
  return transition(
    db,
    teamId,
    jobId,
    `status = 'running', started_at = now(), attempts = attempts + 1`,
    ['pending'],
    [],
  );
}

/** running -> pending, e.g. after a worker crash, so the queue retries it. */
export async function requeueJob(db: Db, teamId: string, jobId: string): Promise<GenerationJob> {
  return transition(db, teamId, jobId, `status = 'pending', progress = 0, rows_done = 0`, ['running'], []);
}

export async function updateJobProgress(
  db: Db,
  teamId: string,
  jobId: string,
  p: {
    progress: number;
    rowsDone: number;
    rowsTotal?: number | null;
    datasetVersionId?: string | null;
    /** The dataset the job writes into (known once the job resolved it). */
    datasetId?: string | null;
  },
): Promise<GenerationJob> {
  const progress = checkInt(p.progress, 'progress', 0, 100);
  const done = checkInt(p.rowsDone, 'rowsDone', 0, ROWS_MAX);
  const total = p.rowsTotal == null ? null : checkInt(p.rowsTotal, 'rowsTotal', 0, ROWS_MAX);
  const versionId = p.datasetVersionId == null ? null : checkId(p.datasetVersionId, 'dataset version');
  const datasetId = p.datasetId == null ? null : checkId(p.datasetId, 'dataset');
  return transition(
    db,
    teamId,
    jobId,
    `progress = $4, rows_done = $5, rows_total = coalesce($6, rows_total),
      dataset_version_id = coalesce($7, dataset_version_id), dataset_id = coalesce($8, dataset_id)`,
    ['running'],
    [progress, done, total, versionId, datasetId],
  );
}

/** Ends a job: completed (with its version), failed (with a coded reason) or cancelled. */
export async function finishJob(
  db: Db,
  teamId: string,
  jobId: string,
  end: {
    status: 'completed' | 'failed' | 'cancelled';
    errorCode?: string | null;
    errorMessage?: string | null;
    datasetVersionId?: string | null;
  },
): Promise<GenerationJob> {
  if (!['completed', 'failed', 'cancelled'].includes(end.status)) {
    throw new ServerError('STORE_INPUT_INVALID', `status: "${String(end.status)}" does not end a job`);
  }
  const code = checkOptionalText(end.errorCode, 'errorCode', 100);
  const message = checkOptionalText(end.errorMessage, 'errorMessage', 4000);
  const versionId = end.datasetVersionId == null ? null : checkId(end.datasetVersionId, 'dataset version');
  return transition(
    db,
    teamId,
    jobId,
    `status = $4, ended_at = now(), error_code = $5, error_message = $6,
      dataset_version_id = coalesce($7, dataset_version_id),
      progress = CASE WHEN $4 = 'completed' THEN 100 ELSE progress END,
      rows_done = CASE WHEN $4 = 'completed' THEN coalesce(rows_total, rows_done) ELSE rows_done END`,
    ['pending', 'running'],
    [end.status, code, message, versionId],
  );
}
