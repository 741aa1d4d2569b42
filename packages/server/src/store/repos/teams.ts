/** @module Teams: creation and management by platform admins; a team reads and updates only itself. */
import { ServerError } from '../../errors.js';
import { announceApiKeyChange } from '../api-key-changes.js';
import type { Db, Row } from '../db.js';
import { refine } from '../db-errors.js';
import { assertTeamId, checkText, json } from '../validate.js';
import { date, dateOrNull, str } from './columns.js';

/** A team's environment settings (the brief's TeamConfig beyond id and name). */
export interface TeamConfig {
  namespace?: string;
  accessControls?: Record<string, unknown>;
  customizations?: { defaultLocale?: string; defaultFormats?: string[]; qualityLevel?: string };
  refresh?: { schedule?: string; timezone?: string; retainVersions?: number };
}

export interface Team {
  teamId: string;
  teamName: string;
  config: TeamConfig;
  createdAt: Date;
  updatedAt: Date;
  archivedAt: Date | null;
}

const CONFIG_MAX = 64 * 1024;
const COLS = 'team_id, team_name, config, created_at, updated_at, archived_at';

function toTeam(r: Row): Team {
  return {
    teamId: str(r.team_id),
    teamName: str(r.team_name),
    config: (r.config ?? {}) as TeamConfig,
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
    archivedAt: dateOrNull(r.archived_at),
  };
}

function checkConfig(config: unknown): TeamConfig {
  if (config === undefined) return {};
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw new ServerError('STORE_INPUT_INVALID', 'config: an object is required', {
      details: { path: 'config' },
    });
  }
  if (json(config).length > CONFIG_MAX) {
    throw new ServerError('STORE_INPUT_INVALID', `config: larger than ${CONFIG_MAX} bytes`, {
      details: { path: 'config', max: CONFIG_MAX },
    });
  }
  return config as TeamConfig;
}

function teamNotFound(teamId: string): ServerError {
  return new ServerError('TEAM_NOT_FOUND', `team "${teamId}" not found`, { details: { teamId } });
}

/** Platform admin: creates a team; TEAM_EXISTS when the id is taken. */
export async function createTeam(
  db: Db,
  input: { teamId: string; teamName: string; config?: TeamConfig },
): Promise<Team> {
  assertTeamId(input.teamId);
  const name = checkText(input.teamName, 'teamName');
  const config = checkConfig(input.config);
  try {
    const [row] = await db.withAdmin((tx) =>
      tx.query(
        `INSERT INTO teams (team_id, team_name, config) VALUES ($1, $2, $3::text::jsonb) RETURNING ${COLS}`,
        [input.teamId, name, json(config)],
      ),
    );
    return toTeam(row as Row);
  } catch (e) {
    return refine(e, { teams_pkey: ['TEAM_EXISTS', `team "${input.teamId}" already exists`] });
  }
}

/** The team itself, read under its own scope (RLS shows a team only its own row). */
export async function getTeam(db: Db, teamId: string): Promise<Team> {
  const rows = await db.withTeam(teamId, (tx) =>
    tx.query(`SELECT ${COLS} FROM teams WHERE team_id = $1`, [teamId]),
  );
  if (!rows[0]) throw teamNotFound(teamId);
  return toTeam(rows[0]);
}

/** Platform admin: every team, oldest first; archived ones only on request. */
export async function listTeams(db: Db, options: { includeArchived?: boolean } = {}): Promise<Team[]> {
  const where = options.includeArchived ? '' : 'WHERE archived_at IS NULL';
  const rows = await db.withAdmin((tx) =>
    tx.query(`SELECT ${COLS} FROM teams ${where} ORDER BY created_at, team_id`),
  );
  return rows.map(toTeam);
}

/** Renames a team or replaces its config (team admin or platform admin). */
export async function updateTeam(
  db: Db,
  teamId: string,
  patch: { teamName?: string; config?: TeamConfig },
): Promise<Team> {
  const name = patch.teamName === undefined ? null : checkText(patch.teamName, 'teamName');
  const config = patch.config === undefined ? null : json(checkConfig(patch.config));
  const rows = await db.withTeam(teamId, (tx) =>
    tx.query(
      `UPDATE teams SET team_name = coalesce($2, team_name), config = coalesce($3::text::jsonb, config),
         updated_at = now() WHERE team_id = $1 RETURNING ${COLS}`,
      [teamId, name, config],
    ),
  );
  if (!rows[0]) throw teamNotFound(teamId);
  return toTeam(rows[0]);
}

/** Platform admin: archives (`archived = true`) or restores a team; its data stays. */
export async function setTeamArchived(db: Db, teamId: string, archived: boolean): Promise<Team> {
  assertTeamId(teamId);
  const rows = await db.withAdmin((tx) =>
    tx.query(
      `UPDATE teams SET archived_at = CASE WHEN $2 THEN coalesce(archived_at, now()) END, updated_at = now()
         WHERE team_id = $1 RETURNING ${COLS}`,
      [teamId, archived],
    ),
  );
  if (!rows[0]) throw teamNotFound(teamId);
  return toTeam(rows[0]);
}

/** Platform admin: deletes a team and, by cascade, everything it owns (its keys too; audit records stay). */
export async function deleteTeam(db: Db, teamId: string): Promise<void> {
  assertTeamId(teamId);
  const rows = await db
    .withAdmin((tx) => tx.query('DELETE FROM teams WHERE team_id = $1 RETURNING team_id', [teamId]))
    .finally(() => announceApiKeyChange({ kind: 'team', teamId }));
  if (!rows[0]) throw teamNotFound(teamId);
}
