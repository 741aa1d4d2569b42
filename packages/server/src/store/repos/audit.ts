/** @module The audit trail: who did what, when, from where, with what outcome. Append-only. */
import { ServerError } from '../../errors.js';
import type { Db, Row } from '../db.js';
import { checkInt, checkOptionalText, checkText, json } from '../validate.js';
import { date, num, str, strOrNull } from './columns.js';

export type AuditOutcome = 'success' | 'denied' | 'error';

export interface AuditEntry {
  /** null for platform-level actions (team management, platform keys, failed authentication). */
  teamId: string | null;
  /** Key id or JWT subject. */
  actor: string;
  actorRole?: string | null;
  /** verb-noun, e.g. `dataset.download`, `team.create`. */
  action: string;
  resource?: string | null;
  outcome: AuditOutcome;
  requestId?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditRecord extends Required<AuditEntry> {
  id: number;
  at: Date;
}

const COLS = 'id, team_id, actor, actor_role, action, resource, outcome, request_id, ip, details, at';

function toRecord(r: Row): AuditRecord {
  return {
    id: num(r.id),
    teamId: strOrNull(r.team_id),
    actor: str(r.actor),
    actorRole: strOrNull(r.actor_role),
    action: str(r.action),
    resource: strOrNull(r.resource),
    outcome: str(r.outcome) as AuditOutcome,
    requestId: strOrNull(r.request_id),
    ip: strOrNull(r.ip),
    details: (r.details ?? {}) as Record<string, unknown>,
    at: date(r.at),
  };
}

export async function recordAudit(db: Db, e: AuditEntry): Promise<AuditRecord> {
  if (!['success', 'denied', 'error'].includes(e.outcome)) {
    throw new ServerError(
      'STORE_INPUT_INVALID',
      `outcome: "${String(e.outcome)}" is not success, denied or error`,
    );
  }
  const params = [
    e.teamId,
    checkText(e.actor, 'actor'),
    checkOptionalText(e.actorRole, 'actorRole', 50),
    checkText(e.action, 'action', 100),
    checkOptionalText(e.resource, 'resource', 1000),
    e.outcome,
    checkOptionalText(e.requestId, 'requestId', 200),
    checkOptionalText(e.ip, 'ip', 100),
    json(e.details ?? {}),
  ];
  const insert = `INSERT INTO audit_log (team_id, actor, actor_role, action, resource, outcome, request_id, ip, details)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::text::jsonb) RETURNING ${COLS}`;
  const rows =
    e.teamId === null
      ? await db.withAdmin((tx) => tx.query(insert, params))
      : await db.withTeam(e.teamId, (tx) => tx.query(insert, params));
  return toRecord(rows[0] as Row);
}

export interface AuditQuery {
  limit?: number;
  /** Keyset paging: records with a smaller id. */
  beforeId?: number;
  action?: string;
}

function where(q: AuditQuery, first: number): { sql: string; params: unknown[] } {
  const limit = checkInt(q.limit ?? 100, 'limit', 1, 1000);
  const before =
    q.beforeId === undefined ? null : checkInt(q.beforeId, 'beforeId', 1, Number.MAX_SAFE_INTEGER);
  const action = checkOptionalText(q.action, 'action', 100);
  return {
    sql: `($${first}::bigint IS NULL OR id < $${first}) AND ($${first + 1}::text IS NULL OR action = $${first + 1})
      ORDER BY id DESC LIMIT $${first + 2}`,
    params: [before, action, limit],
  };
}

/** A team's audit records, newest first. */
export async function listAudit(db: Db, teamId: string, q: AuditQuery = {}): Promise<AuditRecord[]> {
  const w = where(q, 2);
  const rows = await db.withTeam(teamId, (tx) =>
    tx.query(`SELECT ${COLS} FROM audit_log WHERE team_id = $1 AND ${w.sql}`, [teamId, ...w.params]),
  );
  return rows.map(toRecord);
}

/** Platform admin: every audit record (all teams and platform-level ones), newest first. */
export async function listAllAudit(db: Db, q: AuditQuery = {}): Promise<AuditRecord[]> {
  const w = where(q, 1);
  const rows = await db.withAdmin((tx) => tx.query(`SELECT ${COLS} FROM audit_log WHERE ${w.sql}`, w.params));
  return rows.map(toRecord);
}
