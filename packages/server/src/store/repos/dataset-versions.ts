/**
 * @module Dataset versions: built invisibly ('building'), then published atomically by one UPDATE;
 * afterwards immutable except for their lifecycle status (archived, evicted).
 */
import { ServerError } from '../../errors.js';
import type { Db, Queryable, Row } from '../db.js';
import { refine } from '../db-errors.js';
import { checkId, checkInt, checkText, json, notFound } from '../validate.js';
import { date, dateOrNull, num, str, strOrNull } from './columns.js';

export type DatasetVersionStatus = 'building' | 'published' | 'archived' | 'evicted';

/** What reproduces a version exactly (decision 2 of DESIGN.md). */
export interface Recipe {
  schemaVersionId: string | null;
  seed: number | string;
  scale?: number;
  counts?: Record<string, number>;
  engineVersion: string;
  /** The generation's "now", ISO 8601. */
  now: string;
  format?: string;
  [extra: string]: unknown;
}

export interface DatasetVersion {
  datasetVersionId: string;
  datasetId: string;
  teamId: string;
  version: number;
  status: DatasetVersionStatus;
  recipe: Recipe;
  /** Files, row counts and sha256 checksums; null while building. */
  manifest: Record<string, unknown> | null;
  blobKeys: string[];
  jobId: string | null;
  createdAt: Date;
  publishedAt: Date | null;
}

const COLS = `dataset_version_id, dataset_id, team_id, version, status, recipe, manifest, blob_keys, job_id,
  created_at, published_at`;

function toVersion(r: Row): DatasetVersion {
  return {
    datasetVersionId: str(r.dataset_version_id),
    datasetId: str(r.dataset_id),
    teamId: str(r.team_id),
    version: num(r.version),
    status: str(r.status) as DatasetVersionStatus,
    recipe: r.recipe as Recipe,
    manifest: (r.manifest ?? null) as Record<string, unknown> | null,
    blobKeys: (r.blob_keys ?? []) as string[],
    jobId: strOrNull(r.job_id),
    createdAt: date(r.created_at),
    publishedAt: dateOrNull(r.published_at),
  };
}

/** Starts a new version (status 'building', next number); invisible to listings until published. */
export async function beginDatasetVersion(
  db: Db,
  teamId: string,
  datasetId: string,
  input: { recipe: Recipe; jobId?: string | null },
): Promise<DatasetVersion> {
  const id = checkId(datasetId, 'dataset');
  const jobId = input.jobId == null ? null : checkId(input.jobId, 'job');
  try {
    return await db.withTeam(teamId, async (tx) => {
      // Locking the dataset row serialises concurrent builds, so each gets its own number.
      const [ds] = await tx.query(
        'SELECT 1 FROM datasets WHERE team_id = $1 AND dataset_id = $2 FOR UPDATE',
        [teamId, id],
      );
      if (!ds) throw notFound('dataset', datasetId);
      const [row] = await tx.query(
        `INSERT INTO dataset_versions (team_id, dataset_id, version, recipe, job_id)
           SELECT $1, $2, coalesce(max(version), 0) + 1, $3::text::jsonb, $4 FROM dataset_versions
           WHERE team_id = $1 AND dataset_id = $2 RETURNING ${COLS}`,
        [teamId, id, json(input.recipe), jobId],
      );
      return toVersion(row as Row);
    });
  } catch (e) {
    return refine(e, {}, teamId);
  }
}

/** Why an UPDATE matched nothing: unknown id, or a state that forbids the change. */
async function explainMiss(tx: Queryable, teamId: string, id: string, wanted: string): Promise<never> {
  const [row] = await tx.query(
    'SELECT status FROM dataset_versions WHERE team_id = $1 AND dataset_version_id = $2',
    [teamId, id],
  );
  if (!row) throw notFound('dataset version', id);
  throw new ServerError('STORE_STATE_INVALID', `dataset version ${id} is ${str(row.status)}; ${wanted}`, {
    details: { status: str(row.status) },
  });
}

/**
 * Publishes a building version with its manifest and blob keys in one UPDATE: readers see either
 * nothing or the complete version.
 */
export async function publishDatasetVersion(
  db: Db,
  teamId: string,
  datasetVersionId: string,
  input: { manifest: Record<string, unknown>; blobKeys: string[] },
): Promise<DatasetVersion> {
  const id = checkId(datasetVersionId, 'dataset version');
  return db.withTeam(teamId, async (tx) => {
    const [row] = await tx.query(
      `UPDATE dataset_versions SET status = 'published', manifest = $3::text::jsonb, blob_keys = $4::text::jsonb,
         published_at = now() WHERE team_id = $1 AND dataset_version_id = $2 AND status = 'building'
         RETURNING ${COLS}`,
      [teamId, id, json(input.manifest), json(input.blobKeys)],
    );
    return row ? toVersion(row) : explainMiss(tx, teamId, id, 'only a building version can be published');
  });
}

/** Drops a version that never got published (failed or crashed build). */
export async function discardDatasetVersion(db: Db, teamId: string, datasetVersionId: string): Promise<void> {
  const id = checkId(datasetVersionId, 'dataset version');
  await db.withTeam(teamId, async (tx) => {
    const rows = await tx.query(
      `DELETE FROM dataset_versions WHERE team_id = $1 AND dataset_version_id = $2 AND status = 'building'
         RETURNING dataset_version_id`,
      [teamId, id],
    );
    if (!rows[0]) await explainMiss(tx, teamId, id, 'only a building version can be discarded');
  });
}

/** Moves a visible version through its lifecycle (archive, evict files, restore). */
export async function setDatasetVersionStatus(
  db: Db,
  teamId: string,
  datasetVersionId: string,
  status: Exclude<DatasetVersionStatus, 'building'>,
): Promise<DatasetVersion> {
  const id = checkId(datasetVersionId, 'dataset version');
  if (!['published', 'archived', 'evicted'].includes(status)) {
    throw new ServerError('STORE_INPUT_INVALID', `status: "${String(status)}" is not a lifecycle status`);
  }
  return db.withTeam(teamId, async (tx) => {
    const [row] = await tx.query(
      `UPDATE dataset_versions SET status = $3 WHERE team_id = $1 AND dataset_version_id = $2 AND status <> 'building'
         RETURNING ${COLS}`,
      [teamId, id, status],
    );
    return row ? toVersion(row) : explainMiss(tx, teamId, id, 'publish it first');
  });
}

/** The visible versions of a dataset, newest first (building versions are never listed). */
export async function listDatasetVersions(
  db: Db,
  teamId: string,
  datasetId: string,
): Promise<DatasetVersion[]> {
  const id = checkId(datasetId, 'dataset');
  const rows = await db.withTeam(teamId, (tx) =>
    tx.query(
      `SELECT ${COLS} FROM dataset_versions WHERE team_id = $1 AND dataset_id = $2 AND status <> 'building'
         ORDER BY version DESC`,
      [teamId, id],
    ),
  );
  return rows.map(toVersion);
}

/** A visible version by its number. */
export async function getDatasetVersion(
  db: Db,
  teamId: string,
  datasetId: string,
  version: number,
): Promise<DatasetVersion> {
  const id = checkId(datasetId, 'dataset');
  const v = checkInt(version, 'version', 1, 2_147_483_647);
  const rows = await db.withTeam(teamId, (tx) =>
    tx.query(
      `SELECT ${COLS} FROM dataset_versions WHERE team_id = $1 AND dataset_id = $2 AND version = $3
         AND status <> 'building'`,
      [teamId, id, v],
    ),
  );
  if (!rows[0]) throw notFound('dataset version', `${datasetId}@${v}`);
  return toVersion(rows[0]);
}

/** A version by id; building versions only when asked (the job that builds it). */
export async function getDatasetVersionById(
  db: Db,
  teamId: string,
  datasetVersionId: string,
  options: { includeBuilding?: boolean } = {},
): Promise<DatasetVersion> {
  const id = checkId(datasetVersionId, 'dataset version');
  const rows = await db.withTeam(teamId, (tx) =>
    tx.query(
      `SELECT ${COLS} FROM dataset_versions WHERE team_id = $1 AND dataset_version_id = $2
         AND ($3 OR status <> 'building')`,
      [teamId, id, options.includeBuilding === true],
    ),
  );
  if (!rows[0]) throw notFound('dataset version', datasetVersionId);
  return toVersion(rows[0]);
}

/**
 * Adds a complete version in one statement (distribution of another team's version): `published`
 * when its files are already stored, `evicted` when they are to be rebuilt from the recipe and
 * verified against the manifest on first use.
 */
export async function addCompleteVersion(
  db: Db,
  teamId: string,
  datasetId: string,
  input: {
    recipe: Recipe;
    manifest: Record<string, unknown>;
    /** The keys, or a function of the version number the new version gets. */
    blobKeys: string[] | ((version: number) => string[]);
    status: 'published' | 'evicted';
  },
): Promise<DatasetVersion> {
  const id = checkId(datasetId, 'dataset');
  if (input.status !== 'published' && input.status !== 'evicted') {
    throw new ServerError(
      'STORE_INPUT_INVALID',
      `status: "${String(input.status)}" is not published or evicted`,
    );
  }
  try {
    return await db.withTeam(teamId, async (tx) => {
      const [ds] = await tx.query(
        'SELECT 1 FROM datasets WHERE team_id = $1 AND dataset_id = $2 FOR UPDATE',
        [teamId, id],
      );
      if (!ds) throw notFound('dataset', datasetId);
      // The dataset row is locked: no other version of it can take this number meanwhile.
      const [next] = await tx.query(
        'SELECT coalesce(max(version), 0) + 1 AS n FROM dataset_versions WHERE team_id = $1 AND dataset_id = $2',
        [teamId, id],
      );
      const version = num(next?.n);
      const keys = typeof input.blobKeys === 'function' ? input.blobKeys(version) : input.blobKeys;
      const [row] = await tx.query(
        `INSERT INTO dataset_versions (team_id, dataset_id, version, status, recipe, manifest, blob_keys, published_at)
           VALUES ($1, $2, $3, $4, $5::text::jsonb, $6::text::jsonb, $7::text::jsonb, now()) RETURNING ${COLS}`,
        [teamId, id, version, input.status, json(input.recipe), json(input.manifest), json(keys)],
      );
      return toVersion(row as Row);
    });
  } catch (e) {
    return refine(e, {}, teamId);
  }
}

/** What getTeamData filters on; every filter is optional and they combine with AND. */
export interface VersionSearch {
  /** Exact dataset name. */
  name?: string;
  datasetId?: string;
  /** Lifecycle statuses to include (default: published, archived and evicted; never building). */
  status?: ReadonlyArray<Exclude<DatasetVersionStatus, 'building'>>;
  /** Versions published at or after this instant. */
  since?: Date;
  /** Only the newest matching version of each dataset. */
  latestOnly?: boolean;
  /** Include datasets that are archived (default false). */
  includeArchivedDatasets?: boolean;
  /** At most this many versions (default 1000). */
  limit?: number;
}

const VISIBLE = ['published', 'archived', 'evicted'] as const;

/** A team's versions matching `q`, by dataset name then newest version first. */
export async function searchDatasetVersions(
  db: Db,
  teamId: string,
  q: VersionSearch = {},
): Promise<DatasetVersion[]> {
  const status = q.status ?? VISIBLE;
  for (const s of status) {
    if (!(VISIBLE as readonly string[]).includes(s)) {
      throw new ServerError(
        'STORE_INPUT_INVALID',
        `status: "${String(s)}" is not one of ${VISIBLE.join(', ')}`,
        {
          details: { path: 'status', allowed: VISIBLE },
        },
      );
    }
  }
  const since = q.since === undefined ? null : q.since;
  if (since !== null && !(since instanceof Date && Number.isFinite(since.getTime()))) {
    throw new ServerError('STORE_INPUT_INVALID', 'since: a valid date is required', {
      details: { path: 'since' },
    });
  }
  const params = [
    teamId,
    q.name === undefined ? null : checkText(q.name, 'name'),
    q.datasetId === undefined ? null : checkId(q.datasetId, 'dataset'),
    json(status),
    since,
    q.includeArchivedDatasets === true,
    checkInt(q.limit ?? 1000, 'limit', 1, 10_000),
  ];
  const cols = COLS.split(',')
    .map((c) => `v.${c.trim()}`)
    .join(', ');
  const matching = `SELECT ${cols}, d.name AS dataset_name FROM dataset_versions v
    JOIN datasets d ON d.team_id = v.team_id AND d.dataset_id = v.dataset_id
    WHERE v.team_id = $1 AND ($2::text IS NULL OR d.name = $2) AND ($3::uuid IS NULL OR d.dataset_id = $3)
      AND v.status IN (SELECT jsonb_array_elements_text($4::text::jsonb))
      AND ($5::timestamptz IS NULL OR v.published_at >= $5) AND ($6 OR d.archived_at IS NULL)`;
  const sql = q.latestOnly
    ? `SELECT * FROM (SELECT DISTINCT ON (dataset_id) * FROM (${matching}) m ORDER BY dataset_id, version DESC) l
         ORDER BY dataset_name, version DESC LIMIT $7`
    : `${matching} ORDER BY d.name, v.version DESC LIMIT $7`;
  const rows = await db.withTeam(teamId, (tx) => tx.query(sql, params));
  return rows.map(toVersion);
}
