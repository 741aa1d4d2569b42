/** @module Datasets: a team's named, versioned data products; listings show published versions only. */
import type { Db, Row } from '../db.js';
import { refine } from '../db-errors.js';
import { checkId, checkOptionalText, checkText, notFound } from '../validate.js';
import { date, dateOrNull, numOrNull, str, strOrNull } from './columns.js';

export interface Dataset {
  datasetId: string;
  teamId: string;
  name: string;
  description: string | null;
  schemaId: string | null;
  /** The newest published (or archived/evicted) version; building versions never count. */
  latestVersion: number | null;
  createdAt: Date;
  updatedAt: Date;
  archivedAt: Date | null;
}

const SELECT = `SELECT d.dataset_id, d.team_id, d.name, d.description, d.schema_id, d.created_at, d.updated_at,
  d.archived_at, (SELECT max(v.version) FROM dataset_versions v WHERE v.team_id = d.team_id
    AND v.dataset_id = d.dataset_id AND v.status <> 'building') AS latest_version
  FROM datasets d`;

function toDataset(r: Row): Dataset {
  return {
    datasetId: str(r.dataset_id),
    teamId: str(r.team_id),
    name: str(r.name),
    description: strOrNull(r.description),
    schemaId: strOrNull(r.schema_id),
    latestVersion: numOrNull(r.latest_version),
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
    archivedAt: dateOrNull(r.archived_at),
  };
}

export async function createDataset(
  db: Db,
  teamId: string,
  input: { name: string; description?: string | null; schemaId?: string | null },
): Promise<Dataset> {
  const name = checkText(input.name, 'name');
  const description = checkOptionalText(input.description, 'description');
  const schemaId = input.schemaId == null ? null : checkId(input.schemaId, 'schema');
  try {
    const [row] = await db.withTeam(teamId, (tx) =>
      tx.query(
        `INSERT INTO datasets (team_id, name, description, schema_id) VALUES ($1, $2, $3, $4)
           RETURNING dataset_id, team_id, name, description, schema_id, created_at, updated_at, archived_at,
           NULL::int AS latest_version`,
        [teamId, name, description, schemaId],
      ),
    );
    return toDataset(row as Row);
  } catch (e) {
    return refine(
      e,
      {
        datasets_team_name_key: ['STORE_CONFLICT', `dataset "${name}" already exists`],
        datasets_schema_fkey: ['STORE_NOT_FOUND', `schema "${String(schemaId)}" not found`],
      },
      teamId,
    );
  }
}

export async function getDataset(db: Db, teamId: string, datasetId: string): Promise<Dataset> {
  const id = checkId(datasetId, 'dataset');
  const rows = await db.withTeam(teamId, (tx) =>
    tx.query(`${SELECT} WHERE d.team_id = $1 AND d.dataset_id = $2`, [teamId, id]),
  );
  if (!rows[0]) throw notFound('dataset', datasetId);
  return toDataset(rows[0]);
}

/** Finds a dataset by its name (refreshes reuse the team's dataset of that name). */
export async function findDatasetByName(db: Db, teamId: string, name: string): Promise<Dataset | null> {
  const n = checkText(name, 'name');
  const rows = await db.withTeam(teamId, (tx) =>
    tx.query(`${SELECT} WHERE d.team_id = $1 AND d.name = $2`, [teamId, n]),
  );
  return rows[0] ? toDataset(rows[0]) : null;
}

export async function listDatasets(
  db: Db,
  teamId: string,
  options: { includeArchived?: boolean } = {},
): Promise<Dataset[]> {
  const archived = options.includeArchived ? '' : 'AND d.archived_at IS NULL';
  const rows = await db.withTeam(teamId, (tx) =>
    tx.query(`${SELECT} WHERE d.team_id = $1 ${archived} ORDER BY d.name`, [teamId]),
  );
  return rows.map(toDataset);
}

export async function setDatasetArchived(
  db: Db,
  teamId: string,
  datasetId: string,
  archived: boolean,
): Promise<void> {
  const id = checkId(datasetId, 'dataset');
  const rows = await db.withTeam(teamId, (tx) =>
    tx.query(
      `UPDATE datasets SET archived_at = CASE WHEN $3 THEN coalesce(archived_at, now()) END, updated_at = now()
         WHERE team_id = $1 AND dataset_id = $2 RETURNING dataset_id`,
      [teamId, id, archived],
    ),
  );
  if (!rows[0]) throw notFound('dataset', datasetId);
}
