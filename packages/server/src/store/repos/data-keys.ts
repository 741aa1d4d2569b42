/** @module Per-team data keys, sealed by the master key; the crypto module seals and opens them. */
import type { Db, Row } from '../db.js';
import { refine } from '../db-errors.js';
import { checkText } from '../validate.js';
import { bytes, date, dateOrNull, str } from './columns.js';

export interface DataKeyRecord {
  teamId: string;
  keyId: string;
  /** The data key sealed by the master key `masterKeyId`; never the plain key. */
  sealedKey: Uint8Array;
  masterKeyId: string;
  createdAt: Date;
  /** Set when a newer key replaced this one; retired keys still open old data. */
  retiredAt: Date | null;
}

const COLS = 'team_id, key_id, sealed_key, master_key_id, created_at, retired_at';

function toRecord(r: Row): DataKeyRecord {
  return {
    teamId: str(r.team_id),
    keyId: str(r.key_id),
    sealedKey: bytes(r.sealed_key),
    masterKeyId: str(r.master_key_id),
    createdAt: date(r.created_at),
    retiredAt: dateOrNull(r.retired_at),
  };
}

/** The team's current key for sealing new data, or null when it has none yet. */
export async function activeDataKey(db: Db, teamId: string): Promise<DataKeyRecord | null> {
  const rows = await db.withTeam(teamId, (tx) =>
    tx.query(`SELECT ${COLS} FROM team_data_keys WHERE team_id = $1 AND retired_at IS NULL`, [teamId]),
  );
  return rows[0] ? toRecord(rows[0]) : null;
}

/** A specific key of the team (active or retired), to open data sealed under it. */
export async function dataKey(db: Db, teamId: string, keyId: string): Promise<DataKeyRecord | null> {
  if (typeof keyId !== 'string' || keyId.length === 0 || keyId.length > 100) return null;
  const rows = await db.withTeam(teamId, (tx) =>
    tx.query(`SELECT ${COLS} FROM team_data_keys WHERE team_id = $1 AND key_id = $2`, [teamId, keyId]),
  );
  return rows[0] ? toRecord(rows[0]) : null;
}

/** Adds the team's new active key and retires the previous one, in one transaction. */
export async function addDataKey(
  db: Db,
  teamId: string,
  key: { keyId: string; sealedKey: Uint8Array; masterKeyId: string },
): Promise<DataKeyRecord> {
  const keyId = checkText(key.keyId, 'keyId', 100);
  const masterKeyId = checkText(key.masterKeyId, 'masterKeyId', 100);
  try {
    const [row] = await db.withTeam(teamId, async (tx) => {
      await tx.query(
        'UPDATE team_data_keys SET retired_at = now() WHERE team_id = $1 AND retired_at IS NULL',
        [teamId],
      );
      return tx.query(
        `INSERT INTO team_data_keys (team_id, key_id, sealed_key, master_key_id) VALUES ($1, $2, $3, $4)
           RETURNING ${COLS}`,
        [teamId, keyId, Buffer.from(key.sealedKey), masterKeyId],
      );
    });
    return toRecord(row as Row);
  } catch (e) {
    return refine(
      e,
      {
        team_data_keys_pkey: ['STORE_CONFLICT', `data key "${keyId}" already exists for team "${teamId}"`],
        team_data_keys_active_idx: ['STORE_CONFLICT', `team "${teamId}" changed its active key concurrently`],
      },
      teamId,
    );
  }
}

/**
 * Master-key rotation: re-seals every data key of every team through `reseal` in one
 * transaction (all or nothing). `reseal` must not use the store: it runs inside the transaction.
 * Returns how many keys were re-sealed.
 */
export async function resealAll(
  db: Db,
  reseal: (key: DataKeyRecord) => Promise<{ sealedKey: Uint8Array; masterKeyId: string }>,
): Promise<number> {
  return db.withAdmin(async (tx) => {
    const rows = await tx.query(`SELECT ${COLS} FROM team_data_keys ORDER BY team_id, created_at FOR UPDATE`);
    for (const row of rows) {
      const key = toRecord(row);
      const next = await reseal(key);
      await tx.query(
        'UPDATE team_data_keys SET sealed_key = $3, master_key_id = $4 WHERE team_id = $1 AND key_id = $2',
        [key.teamId, key.keyId, Buffer.from(next.sealedKey), checkText(next.masterKeyId, 'masterKeyId', 100)],
      );
    }
    return rows.length;
  });
}
