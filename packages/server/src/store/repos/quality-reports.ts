/** @module Stored quality reports of dataset versions (metrics and rule results from core). */
import type { Db, Row } from '../db.js';
import { refine } from '../db-errors.js';
import { checkId, json, notFound } from '../validate.js';
import { date, str } from './columns.js';

export interface QualityReport {
  reportId: string;
  teamId: string;
  datasetVersionId: string;
  metrics: Record<string, unknown>;
  results: unknown[];
  createdAt: Date;
}

const COLS = 'report_id, team_id, dataset_version_id, metrics, results, created_at';

function toReport(r: Row): QualityReport {
  return {
    reportId: str(r.report_id),
    teamId: str(r.team_id),
    datasetVersionId: str(r.dataset_version_id),
    metrics: (r.metrics ?? {}) as Record<string, unknown>,
    results: (r.results ?? []) as unknown[],
    createdAt: date(r.created_at),
  };
}

export async function addQualityReport(
  db: Db,
  teamId: string,
  input: { datasetVersionId: string; metrics: Record<string, unknown>; results: unknown[] },
): Promise<QualityReport> {
  const versionId = checkId(input.datasetVersionId, 'dataset version');
  try {
    const [row] = await db.withTeam(teamId, (tx) =>
      tx.query(
        `INSERT INTO quality_reports (team_id, dataset_version_id, metrics, results)
           VALUES ($1, $2, $3::text::jsonb, $4::text::jsonb) RETURNING ${COLS}`,
        [teamId, versionId, json(input.metrics), json(input.results)],
      ),
    );
    return toReport(row as Row);
  } catch (e) {
    return refine(
      e,
      { quality_reports_version_fkey: ['STORE_NOT_FOUND', `dataset version "${versionId}" not found`] },
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
