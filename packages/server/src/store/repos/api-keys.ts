/** @module API keys: stored by hash only; team keys live in their team's scope, platform keys in none. */
import { randomUUID } from 'node:crypto';
import { ServerError } from '../../errors.js';
import { announceApiKeyChange } from '../api-key-changes.js';
import type { Db, Queryable, Row } from '../db.js';
import { refine } from '../db-errors.js';
import { checkText, notFound } from '../validate.js';
import { date, dateOrNull, str, strOrNull } from './columns.js';

export const API_KEY_ROLES = ['read', 'write', 'admin', 'platform-admin'] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

/** A key's record; the hash never leaves the store. */
export interface ApiKey {
  keyId: string;
  teamId: string | null;
  name: string;
  role: ApiKeyRole;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

const COLS = 'key_id, team_id, name, role, created_at, expires_at, revoked_at, last_used_at';

function toKey(r: Row): ApiKey {
  return {
    keyId: str(r.key_id),
    teamId: strOrNull(r.team_id),
    name: str(r.name),
    role: str(r.role) as ApiKeyRole,
    createdAt: date(r.created_at),
    expiresAt: dateOrNull(r.expires_at),
    revokedAt: dateOrNull(r.revoked_at),
    lastUsedAt: dateOrNull(r.last_used_at),
  };
}

/** Team keys run in the team's scope; platform-admin keys (no team) in the admin scope. */
function scope<R>(db: Db, teamId: string | null, fn: (tx: Queryable) => Promise<R>): Promise<R> {
  return teamId === null ? db.withAdmin(fn) : db.withTeam(teamId, fn);
}

export interface NewApiKey {
  /** Public id (often embedded in the key text); a UUID when omitted. */
  keyId?: string;
  /** null for a platform-admin key. */
  teamId: string | null;
  name: string;
  role: ApiKeyRole;
  /** The key's hash (e.g. HMAC-SHA256 with a pepper); the key itself is never stored. */
  hash: string;
  expiresAt?: Date | null;
}

export async function createApiKey(db: Db, input: NewApiKey): Promise<ApiKey> {
  const keyId = input.keyId === undefined ? randomUUID() : checkText(input.keyId, 'keyId', 100);
  const name = checkText(input.name, 'name');
  const hash = checkText(input.hash, 'hash', 512);
  if (!API_KEY_ROLES.includes(input.role) || (input.role === 'platform-admin') !== (input.teamId === null)) {
    throw new ServerError('STORE_INPUT_INVALID', `role: "${String(input.role)}" does not fit this key`, {
      details: {
        path: 'role',
        allowed: input.teamId === null ? ['platform-admin'] : ['read', 'write', 'admin'],
      },
    });
  }
  try {
    const [row] = await scope(db, input.teamId, (tx) =>
      tx.query(
        `INSERT INTO api_keys (key_id, team_id, name, role, hash, expires_at) VALUES ($1, $2, $3, $4, $5, $6)
           RETURNING ${COLS}`,
        [keyId, input.teamId, name, input.role, hash, input.expiresAt ?? null],
      ),
    );
    return toKey(row as Row);
  } catch (e) {
    return refine(
      e,
      {
        api_keys_pkey: ['STORE_CONFLICT', `api key id "${keyId}" already exists`],
        api_keys_hash_key: ['STORE_CONFLICT', 'an api key with this hash already exists'],
      },
      input.teamId ?? undefined,
    );
  }
}

/**
 * Authentication lookup, before any team is known (admin scope). Returns the key whatever its
 * state; the caller checks revokedAt and expiresAt.
 */
export async function findApiKeyByHash(db: Db, hash: string): Promise<ApiKey | null> {
  if (typeof hash !== 'string' || hash.length === 0 || hash.length > 512) return null;
  const rows = await db.withAdmin((tx) => tx.query(`SELECT ${COLS} FROM api_keys WHERE hash = $1`, [hash]));
  return rows[0] ? toKey(rows[0]) : null;
}

/** A team's keys (or, with null, the platform-admin keys), newest first. */
export async function listApiKeys(db: Db, teamId: string | null): Promise<ApiKey[]> {
  const rows = await scope(db, teamId, (tx) =>
    tx.query(
      `SELECT ${COLS} FROM api_keys WHERE team_id IS NOT DISTINCT FROM $1 ORDER BY created_at DESC, key_id`,
      [teamId],
    ),
  );
  return rows.map(toKey);
}

/**
 * Revokes a key of the team (null: a platform key); revoking twice keeps the first time. Lookup
 * caches in this process drop the key (also when the update fails: dropping is always safe).
 */
export async function revokeApiKey(db: Db, teamId: string | null, keyId: string): Promise<ApiKey> {
  if (typeof keyId !== 'string' || keyId.length > 100) throw notFound('api key', keyId);
  const rows = await scope(db, teamId, (tx) =>
    tx.query(
      `UPDATE api_keys SET revoked_at = coalesce(revoked_at, now())
         WHERE key_id = $1 AND team_id IS NOT DISTINCT FROM $2 RETURNING ${COLS}`,
      [keyId, teamId],
    ),
  ).finally(() => announceApiKeyChange({ kind: 'key', keyId }));
  if (!rows[0]) throw notFound('api key', keyId);
  return toKey(rows[0]);
}

/** Records a successful authentication (admin scope, like the lookup). */
export async function touchApiKey(db: Db, keyId: string): Promise<void> {
  await db.withAdmin((tx) => tx.query('UPDATE api_keys SET last_used_at = now() WHERE key_id = $1', [keyId]));
}

/** Any constant shared by every tdm process: the lock that makes the first platform key one. */
const BOOTSTRAP_LOCK = 'tdm-bootstrap-platform-admin';

/**
 * Platform bootstrap: stores `input` as a platform-admin key only if no usable one exists (none
 * unrevoked and unexpired at `now`). Check and insert run in one transaction under an advisory
 * lock, so of several processes starting at once on an empty store exactly one creates its key;
 * the others get null.
 */
export async function createFirstPlatformKey(
  db: Db,
  input: { keyId: string; name: string; hash: string },
  now: Date,
): Promise<ApiKey | null> {
  const keyId = checkText(input.keyId, 'keyId', 100);
  const name = checkText(input.name, 'name');
  const hash = checkText(input.hash, 'hash', 512);
  return db.withAdmin(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [BOOTSTRAP_LOCK]);
    const usable = await tx.query(
      `SELECT 1 FROM api_keys WHERE team_id IS NULL AND role = 'platform-admin' AND revoked_at IS NULL
         AND (expires_at IS NULL OR expires_at > $1) LIMIT 1`,
      [now],
    );
    if (usable.length > 0) return null;
    const [row] = await tx.query(
      `INSERT INTO api_keys (key_id, team_id, name, role, hash) VALUES ($1, NULL, $2, 'platform-admin', $3)
         RETURNING ${COLS}`,
      [keyId, name, hash],
    );
    return toKey(row as Row);
  });
}
