/**
 * @module The samples table and its files: every statement runs under the team's scope (RLS), and
 * an expired sample is treated as gone before the purge removes it.
 */
import type { Db, Queryable, Row } from '../store/index.js';
import { SampleError } from './errors.js';

export type SampleFormat = 'csv' | 'tsv' | 'json' | 'ndjson';

export interface SampleFileRecord {
  entity: string;
  format: SampleFormat;
  blobKey: string;
  bytes: number;
  sha256: string;
  createdAt: Date;
}

export interface SampleRecord {
  sampleId: string;
  teamId: string;
  name: string;
  bytes: number;
  rows: number | null;
  profile: Record<string, unknown> | null;
  profiledAt: Date | null;
  createdAt: Date;
  expiresAt: Date;
  files: SampleFileRecord[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COLS = 'sample_id, team_id, name, bytes, rows, profile, profiled_at, created_at, expires_at';
const FILE_COLS = 'sample_id, entity, format, blob_key, bytes, sha256, created_at';

const dateOf = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export function sampleNotFound(sampleId: string): SampleError {
  return new SampleError('SAMPLE_NOT_FOUND', `sample ${JSON.stringify(sampleId.slice(0, 80))} not found`, {
    details: { sampleId: sampleId.slice(0, 80) },
  });
}

function toFile(r: Row): SampleFileRecord {
  return {
    entity: String(r.entity),
    format: String(r.format) as SampleFormat,
    blobKey: String(r.blob_key),
    bytes: Number(r.bytes),
    sha256: String(r.sha256),
    createdAt: dateOf(r.created_at),
  };
}

function toSample(r: Row, files: SampleFileRecord[]): SampleRecord {
  return {
    sampleId: String(r.sample_id),
    teamId: String(r.team_id),
    name: String(r.name),
    bytes: Number(r.bytes),
    rows: numOrNull(r.rows),
    profile: (r.profile ?? null) as Record<string, unknown> | null,
    profiledAt: r.profiled_at == null ? null : dateOf(r.profiled_at),
    createdAt: dateOf(r.created_at),
    expiresAt: dateOf(r.expires_at),
    files,
  };
}

async function withFiles(tx: Queryable, rows: Row[]): Promise<SampleRecord[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => String(r.sample_id));
  const files = await tx.query(
    `SELECT ${FILE_COLS} FROM sample_files WHERE sample_id = ANY($1::uuid[]) ORDER BY created_at, entity`,
    [ids],
  );
  return rows.map((r) =>
    toSample(r, files.filter((f) => String(f.sample_id) === String(r.sample_id)).map(toFile)),
  );
}

/** A live (unexpired) sample of the team; SAMPLE_NOT_FOUND otherwise. */
export async function getSample(db: Db, teamId: string, sampleId: string): Promise<SampleRecord> {
  if (!UUID.test(sampleId)) throw sampleNotFound(sampleId);
  return db.withTeam(teamId, async (tx) => {
    const rows = await tx.query(
      `SELECT ${COLS} FROM samples WHERE team_id = $1 AND sample_id = $2 AND expires_at > now()`,
      [teamId, sampleId],
    );
    const [s] = await withFiles(tx, rows);
    if (!s) throw sampleNotFound(sampleId);
    return s;
  });
}

export async function listSamples(db: Db, teamId: string): Promise<SampleRecord[]> {
  return db.withTeam(teamId, async (tx) =>
    withFiles(
      tx,
      await tx.query(
        `SELECT ${COLS} FROM samples WHERE team_id = $1 AND expires_at > now() ORDER BY created_at DESC`,
        [teamId],
      ),
    ),
  );
}

/**
 * The live sample named `name`, created (with its expiry) when there is none. `created` tells the
 * caller to remove it again if its first upload fails.
 */
export async function ensureSample(
  db: Db,
  teamId: string,
  name: string,
  expiresAt: Date,
): Promise<{ sample: SampleRecord; created: boolean }> {
  return db.withTeam(teamId, async (tx) => {
    const inserted = await tx.query(
      `INSERT INTO samples (team_id, name, expires_at) VALUES ($1, $2, $3)
         ON CONFLICT (team_id, name) DO NOTHING RETURNING ${COLS}`,
      [teamId, name, expiresAt.toISOString()],
    );
    if (inserted[0]) return { sample: toSample(inserted[0], []), created: true };
    const rows = await tx.query(`SELECT ${COLS} FROM samples WHERE team_id = $1 AND name = $2`, [
      teamId,
      name,
    ]);
    const [s] = await withFiles(tx, rows);
    if (!s) throw sampleNotFound(name);
    return { sample: s, created: false };
  });
}

/** Records an uploaded table; SAMPLE_CONFLICT when the sample already has that entity. */
export async function addSampleFile(
  db: Db,
  teamId: string,
  sampleId: string,
  file: Omit<SampleFileRecord, 'createdAt'>,
): Promise<void> {
  await db.withTeam(teamId, async (tx) => {
    const taken = await tx.query('SELECT 1 FROM sample_files WHERE sample_id = $1 AND entity = $2', [
      sampleId,
      file.entity,
    ]);
    if (taken[0]) {
      throw new SampleError('SAMPLE_CONFLICT', `the sample already has a table "${file.entity}"`, {
        details: { sampleId, entity: file.entity },
      });
    }
    await tx.query(
      `INSERT INTO sample_files (team_id, sample_id, entity, format, blob_key, bytes, sha256)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [teamId, sampleId, file.entity, file.format, file.blobKey, file.bytes, file.sha256],
    );
    // A new table makes the stored profile stale.
    await tx.query(
      `UPDATE samples SET bytes = bytes + $3, profile = NULL, profiled_at = NULL, rows = NULL, updated_at = now()
         WHERE team_id = $1 AND sample_id = $2`,
      [teamId, sampleId, file.bytes],
    );
  });
}

/** Removes a sample that ended up without tables (its first upload failed). */
export async function dropEmptySample(db: Db, teamId: string, sampleId: string): Promise<void> {
  await db.withTeam(teamId, (tx) =>
    tx.query(
      `DELETE FROM samples WHERE team_id = $1 AND sample_id = $2
         AND NOT EXISTS (SELECT 1 FROM sample_files WHERE sample_id = $2)`,
      [teamId, sampleId],
    ),
  );
}

export async function saveProfile(
  db: Db,
  teamId: string,
  sampleId: string,
  profile: Record<string, unknown>,
  rows: number,
): Promise<Date> {
  const [row] = await db.withTeam(teamId, (tx) =>
    tx.query(
      `UPDATE samples SET profile = $3::text::jsonb, rows = $4, profiled_at = now(), updated_at = now()
         WHERE team_id = $1 AND sample_id = $2 AND expires_at > now() RETURNING profiled_at`,
      [teamId, sampleId, JSON.stringify(profile), rows],
    ),
  );
  if (!row) throw sampleNotFound(sampleId);
  return dateOf(row.profiled_at);
}

/** Deletes the row (files rows cascade) and answers the blob keys the caller removes next. */
export async function deleteSampleRow(db: Db, teamId: string, sampleId: string): Promise<string[]> {
  if (!UUID.test(sampleId)) throw sampleNotFound(sampleId);
  return db.withTeam(teamId, async (tx) => {
    const files = await tx.query('SELECT blob_key FROM sample_files WHERE team_id = $1 AND sample_id = $2', [
      teamId,
      sampleId,
    ]);
    const gone = await tx.query(
      'DELETE FROM samples WHERE team_id = $1 AND sample_id = $2 AND expires_at > now() RETURNING sample_id',
      [teamId, sampleId],
    );
    if (!gone[0]) throw sampleNotFound(sampleId);
    return files.map((f) => String(f.blob_key));
  });
}

/** Every team's expired samples (the purge's work list), across teams as the admin path. */
export async function expiredSamples(
  db: Db,
  limit = 500,
): Promise<Array<{ teamId: string; sampleId: string }>> {
  const rows = await db.withAdmin((tx) =>
    tx.query(
      'SELECT team_id, sample_id FROM samples WHERE expires_at <= now() ORDER BY expires_at LIMIT $1',
      [limit],
    ),
  );
  return rows.map((r) => ({ teamId: String(r.team_id), sampleId: String(r.sample_id) }));
}

/** Deletes an expired sample's row under its team's scope; answers its blob keys. */
export async function deleteExpiredSample(db: Db, teamId: string, sampleId: string): Promise<string[]> {
  return db.withTeam(teamId, async (tx) => {
    const files = await tx.query('SELECT blob_key FROM sample_files WHERE team_id = $1 AND sample_id = $2', [
      teamId,
      sampleId,
    ]);
    await tx.query('DELETE FROM samples WHERE team_id = $1 AND sample_id = $2 AND expires_at <= now()', [
      teamId,
      sampleId,
    ]);
    return files.map((f) => String(f.blob_key));
  });
}
