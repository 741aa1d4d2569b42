/**
 * @module The team's pseudonymization secret: 32 random bytes made on first use, sealed in the
 * blob store under the team's data key, the row naming which blob holds it. Concurrent first uses
 * agree on one secret (the row's insert decides). Never returned by the API, never logged.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { BlobStore } from '../blob/index.js';
import type { Db } from '../store/index.js';

const NAME = 'pseudonym';

async function blobKeyOf(db: Db, teamId: string): Promise<string | null> {
  const [row] = await db.withTeam(teamId, (tx) =>
    tx.query('SELECT blob_key FROM team_secrets WHERE team_id = $1 AND name = $2', [teamId, NAME]),
  );
  return row ? String(row.blob_key) : null;
}

async function readSecret(blobs: BlobStore, teamId: string, key: string): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of await blobs.getBlob(teamId, key)) parts.push(chunk as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

/** The team's secret, created on first use. */
export async function teamPseudonymSecret(
  deps: { db: Db; blobs: BlobStore },
  teamId: string,
): Promise<string> {
  const { db, blobs } = deps;
  const existing = await blobKeyOf(db, teamId);
  if (existing) return readSecret(blobs, teamId, existing);
  const key = `secrets/${NAME}-${randomUUID()}`;
  const w = await blobs.putBlob(teamId, key);
  await w.write(Buffer.from(randomBytes(32).toString('base64url'), 'utf8'));
  await w.close();
  const [won] = await db.withTeam(teamId, (tx) =>
    tx.query(
      `INSERT INTO team_secrets (team_id, name, blob_key) VALUES ($1, $2, $3)
         ON CONFLICT (team_id, name) DO NOTHING RETURNING blob_key`,
      [teamId, NAME, key],
    ),
  );
  if (won) return readSecret(blobs, teamId, key);
  // Another request made it first: use theirs, drop ours.
  await blobs.deleteBlob(teamId, key).catch(() => undefined);
  return readSecret(blobs, teamId, (await blobKeyOf(db, teamId)) as string);
}
