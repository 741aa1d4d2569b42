/** @module Saved schemas (DSL documents) and their immutable, numbered versions. */
import { ServerError } from '../../errors.js';
import type { Db, Queryable, Row } from '../db.js';
import { refine } from '../db-errors.js';
import { checkId, checkInt, checkOptionalText, checkText, notFound } from '../validate.js';
import { date, dateOrNull, num, str, strOrNull } from './columns.js';

export interface SavedSchema {
  schemaId: string;
  teamId: string;
  name: string;
  description: string | null;
  latestVersion: number;
  createdAt: Date;
  updatedAt: Date;
  archivedAt: Date | null;
}

export interface SchemaVersion {
  schemaVersionId: string;
  schemaId: string;
  teamId: string;
  version: number;
  /** The DSL document exactly as submitted (YAML or JSON text). */
  document: string;
  format: 'yaml' | 'json';
  createdAt: Date;
}

export const DOCUMENT_MAX = 1_000_000;
const S_COLS = 'schema_id, team_id, name, description, latest_version, created_at, updated_at, archived_at';
const V_COLS = 'schema_version_id, schema_id, team_id, version, document, format, created_at';

function toSchema(r: Row): SavedSchema {
  return {
    schemaId: str(r.schema_id),
    teamId: str(r.team_id),
    name: str(r.name),
    description: strOrNull(r.description),
    latestVersion: num(r.latest_version),
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
    archivedAt: dateOrNull(r.archived_at),
  };
}

function toVersion(r: Row): SchemaVersion {
  return {
    schemaVersionId: str(r.schema_version_id),
    schemaId: str(r.schema_id),
    teamId: str(r.team_id),
    version: num(r.version),
    document: str(r.document),
    format: str(r.format) === 'json' ? 'json' : 'yaml',
    createdAt: date(r.created_at),
  };
}

export interface SchemaDocument {
  document: string;
  format: 'yaml' | 'json';
}

function checkDocument(d: SchemaDocument): SchemaDocument {
  if (d.format !== 'yaml' && d.format !== 'json') {
    throw new ServerError('STORE_INPUT_INVALID', `format: "${String(d.format)}" is not yaml or json`, {
      details: { path: 'format' },
    });
  }
  return {
    document: checkText(d.document, 'document', DOCUMENT_MAX),
    format: d.format === 'json' ? 'json' : 'yaml',
  };
}

async function insertVersion(
  tx: Queryable,
  teamId: string,
  schemaId: string,
  version: number,
  d: SchemaDocument,
) {
  const [row] = await tx.query(
    `INSERT INTO schema_versions (team_id, schema_id, version, document, format) VALUES ($1, $2, $3, $4, $5)
       RETURNING ${V_COLS}`,
    [teamId, schemaId, version, d.document, d.format],
  );
  return toVersion(row as Row);
}

/** Saves a new schema with its first version. */
export async function createSchema(
  db: Db,
  teamId: string,
  input: { name: string; description?: string | null } & SchemaDocument,
): Promise<{ schema: SavedSchema; version: SchemaVersion }> {
  const name = checkText(input.name, 'name');
  const description = checkOptionalText(input.description, 'description');
  const doc = checkDocument(input);
  try {
    return await db.withTeam(teamId, async (tx) => {
      const [row] = await tx.query(
        `INSERT INTO schemas (team_id, name, description) VALUES ($1, $2, $3) RETURNING ${S_COLS}`,
        [teamId, name, description],
      );
      const schema = toSchema(row as Row);
      return { schema, version: await insertVersion(tx, teamId, schema.schemaId, 1, doc) };
    });
  } catch (e) {
    return refine(
      e,
      { schemas_team_name_key: ['STORE_CONFLICT', `schema "${name}" already exists`] },
      teamId,
    );
  }
}

/** Adds the next version of a schema (PUT); earlier versions stay as they were. */
export async function addSchemaVersion(
  db: Db,
  teamId: string,
  schemaId: string,
  input: SchemaDocument,
): Promise<SchemaVersion> {
  const id = checkId(schemaId, 'schema');
  const doc = checkDocument(input);
  return db.withTeam(teamId, async (tx) => {
    // The row lock serialises concurrent PUTs so version numbers stay dense and unique.
    const [row] = await tx.query(
      `UPDATE schemas SET latest_version = latest_version + 1, updated_at = now()
         WHERE team_id = $1 AND schema_id = $2 RETURNING latest_version`,
      [teamId, id],
    );
    if (!row) throw notFound('schema', schemaId);
    return insertVersion(tx, teamId, id, num(row.latest_version), doc);
  });
}

export async function getSchema(db: Db, teamId: string, schemaId: string): Promise<SavedSchema> {
  const id = checkId(schemaId, 'schema');
  const rows = await db.withTeam(teamId, (tx) =>
    tx.query(`SELECT ${S_COLS} FROM schemas WHERE team_id = $1 AND schema_id = $2`, [teamId, id]),
  );
  if (!rows[0]) throw notFound('schema', schemaId);
  return toSchema(rows[0]);
}

export async function listSchemas(db: Db, teamId: string): Promise<SavedSchema[]> {
  const rows = await db.withTeam(teamId, (tx) =>
    tx.query(`SELECT ${S_COLS} FROM schemas WHERE team_id = $1 AND archived_at IS NULL ORDER BY name`, [
      teamId,
    ]),
  );
  return rows.map(toSchema);
}

/** One version of a schema; the latest when `version` is omitted. */
export async function getSchemaVersion(
  db: Db,
  teamId: string,
  schemaId: string,
  version?: number,
): Promise<SchemaVersion> {
  const id = checkId(schemaId, 'schema');
  const v = version === undefined ? null : checkInt(version, 'version', 1, 2_147_483_647);
  const rows = await db.withTeam(teamId, (tx) =>
    tx.query(
      `SELECT ${V_COLS} FROM schema_versions WHERE team_id = $1 AND schema_id = $2
         AND version = coalesce($3::int, (SELECT latest_version FROM schemas WHERE team_id = $1 AND schema_id = $2))`,
      [teamId, id, v],
    ),
  );
  if (!rows[0]) throw notFound('schema version', `${schemaId}@${v ?? 'latest'}`);
  return toVersion(rows[0]);
}

/** A version by its own id (what a dataset recipe records). */
export async function getSchemaVersionById(
  db: Db,
  teamId: string,
  schemaVersionId: string,
): Promise<SchemaVersion> {
  const id = checkId(schemaVersionId, 'schema version');
  const rows = await db.withTeam(teamId, (tx) =>
    tx.query(`SELECT ${V_COLS} FROM schema_versions WHERE team_id = $1 AND schema_version_id = $2`, [
      teamId,
      id,
    ]),
  );
  if (!rows[0]) throw notFound('schema version', schemaVersionId);
  return toVersion(rows[0]);
}

/** Every version of a schema, newest first. */
export async function listSchemaVersions(db: Db, teamId: string, schemaId: string): Promise<SchemaVersion[]> {
  const id = checkId(schemaId, 'schema');
  const rows = await db.withTeam(teamId, (tx) =>
    tx.query(
      `SELECT ${V_COLS} FROM schema_versions WHERE team_id = $1 AND schema_id = $2 ORDER BY version DESC`,
      [teamId, id],
    ),
  );
  if (rows.length === 0) throw notFound('schema', schemaId);
  return rows.map(toVersion);
}
