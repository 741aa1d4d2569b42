/**
 * @module Stored quality reports: of a published version, of a job whose gate refused its data
 * (the version was discarded; the report stays with the job), or of an uploaded dataset.
 */
import type { Db, Row } from '../db.js';
import { refine } from '../db-errors.js';
import { checkId, json, notFound } from '../validate.js';
import { date, str, strOrNull } from './columns.js';

export type QualityReportSource = 'version' | 'gate' | 'upload';
export type StoredQualityLevel = 'basic' | 'standard' | 'premium';

export interface QualityReport {
  reportId: string;
  teamId: string;
  datasetVersionId: string | null;
  jobId: string | null;
  source: QualityReportSource;
  level: StoredQualityLevel;
  passed: boolean;
  metrics: Record<string, unknown>;
  /** Per-rule results (also inside `report`; kept apart for queries without the whole report). */
  results: unknown[];
  /** The whole report as core's validateDataQuality returned it (null for reports before 0002). */
  report: Record<string, unknown> | null;
  createdAt: Date;
}

export interface NewQualityReport {
  datasetVersionId?: string | null;
  jobId?: string | null;
  source?: QualityReportSource;
  level?: StoredQualityLevel;
  passed?: boolean;
  metrics: Record<string, unknown>;
  results: unknown[];
  report?: Record<string, unknown> | null;
}

const COLS =
  'report_id, team_id, dataset_version_id, job_id, source, level, passed, metrics, results, report, created_at';

function toReport(r: Row): QualityReport {
  return {
    reportId: str(r.report_id),
    teamId: str(r.team_id),
    datasetVersionId: strOrNull(r.dataset_version_id),
    jobId: strOrNull(r.job_id),
    source: str(r.source) as QualityReportSource,
    level: str(r.level) as StoredQualityLevel,
    passed: r.passed === true,
    metrics: (r.metrics ?? {}) as Record<string, unknown>,
    results: (r.results ?? []) as unknown[],
    report: (r.report ?? null) as Record<string, unknown> | null,
    createdAt: date(r.created_at),
  };
}

export async function addQualityReport(
  db: Db,
  teamId: string,
  input: NewQualityReport,
): Promise<QualityReport> {
  const versionId =
    input.datasetVersionId === undefined || input.datasetVersionId === null
      ? null
      : checkId(input.datasetVersionId, 'dataset version');
  const jobId = input.jobId === undefined || input.jobId === null ? null : checkId(input.jobId, 'job');
  const source = input.source ?? (versionId ? 'version' : jobId ? 'gate' : 'upload');
  try {
    const [row] = await db.withTeam(teamId, (tx) =>
      tx.query(
        `INSERT INTO quality_reports
           (team_id, dataset_version_id, job_id, source, level, passed, metrics, results, report)
           VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8::text::jsonb, $9::text::jsonb)
           RETURNING ${COLS}`,
        [
          teamId,
          versionId,
          jobId,
          source,
          input.level ?? 'standard',
          input.passed ?? true,
          json(input.metrics),
          json(input.results),
          input.report === undefined || input.report === null ? null : json(input.report),
        ],
      ),
    );
    return toReport(row as Row);
  } catch (e) {
    return refine(
      e,
      {
        quality_reports_version_fkey: ['STORE_NOT_FOUND', `dataset version "${versionId}" not found`],
        quality_reports_job_fkey: ['STORE_NOT_FOUND', `job "${jobId}" not found`],
      },
      teamId,
    );
  }
}

export async function getQualityReport(db: Db, teamId: string, reportId: string): Promise<QualityReport> {
  const id = checkId(reportId, 'quality report');
  const rows = await db.withTeam(teamId, (tx) =>
    tx.query(`SELECT ${COLS} FROM quality_reports WHERE team_id = $1 AND report_id = $2`, [teamId, id]),
  );
  if (!rows[0]) throw notFound('quality report', reportId);
  return toReport(rows[0]);
}

/** Reports of one dataset version, newest first. */
export async function listQualityReports(
  db: Db,
  teamId: string,
  datasetVersionId: string,
): Promise<QualityReport[]> {
  const id = checkId(datasetVersionId, 'dataset version');
  const rows = await db.withTeam(teamId, (tx) =>
    tx.query(
      `SELECT ${COLS} FROM quality_reports WHERE team_id = $1 AND dataset_version_id = $2
         ORDER BY created_at DESC, report_id`,
      [teamId, id],
    ),
  );
  return rows.map(toReport);
}

/** Reports written for one job (its gate's verdict, passed or not), newest first. */
export async function listJobQualityReports(db: Db, teamId: string, jobId: string): Promise<QualityReport[]> {
  const id = checkId(jobId, 'job');
  const rows = await db.withTeam(teamId, (tx) =>
    tx.query(
      `SELECT ${COLS} FROM quality_reports WHERE team_id = $1 AND job_id = $2
         ORDER BY created_at DESC, report_id`,
      [teamId, id],
    ),
  );
  return rows.map(toReport);
}

/** The team's reports, newest first, optionally of one job or one version. */
export async function listTeamQualityReports(
  db: Db,
  teamId: string,
  filter: { jobId?: string; datasetVersionId?: string; limit?: number } = {},
): Promise<QualityReport[]> {
  const jobId = filter.jobId === undefined ? null : checkId(filter.jobId, 'job');
  const versionId =
    filter.datasetVersionId === undefined ? null : checkId(filter.datasetVersionId, 'dataset version');
  const rows = await db.withTeam(teamId, (tx) =>
    tx.query(
      `SELECT ${COLS} FROM quality_reports
         WHERE team_id = $1 AND ($2::uuid IS NULL OR job_id = $2) AND ($3::uuid IS NULL OR dataset_version_id = $3)
         ORDER BY created_at DESC, report_id LIMIT $4`,
      [teamId, jobId, versionId, Math.min(Math.max(filter.limit ?? 50, 1), 500)],
    ),
  );
  return rows.map(toReport);
}
