/**
 * @module API keys as text: `tdm_<keyId>_<secret>`, random, shown once; stored as
 * HMAC-SHA256(pepper, key) so the store never holds anything that works as a key.
 */
import { createHmac, randomBytes, type KeyObject } from 'node:crypto';
import type { Role } from '@tdm/contract';
import { createApiKey, type ApiKey, type Db } from '../store/index.js';

export const KEY_PREFIX = 'tdm_';
const KEY_PATTERN = /^tdm_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

/** The stored form of a key: hex HMAC-SHA256 under the pepper. */
export function hashKey(pepper: KeyObject, key: string): string {
  return createHmac('sha256', pepper).update(key, 'utf8').digest('hex');
}

/** The key id a well-formed key carries, or null for text that cannot be one of our keys. */
export function parseKeyId(key: string): string | null {
  return KEY_PATTERN.exec(key)?.[1] ?? null;
}

export interface IssuedKey {
  record: ApiKey;
  /** The key text: return it to the caller once, never log or store it. */
  key: string;
}

/**
 * Creates a key (a team key, or with `teamId: null` a platform-admin key) and stores its hash.
 * @example const { key } = await issueApiKey(db, pepper, { teamId: 'alpha', role: 'write', name: 'ci' });
 */
export async function issueApiKey(
  db: Db,
  pepper: KeyObject,
  input: { teamId: string | null; role: Role | 'platform-admin'; name: string; expiresAt?: Date | null },
): Promise<IssuedKey> {
  const keyId = randomBytes(8).toString('hex');
  const key = `${KEY_PREFIX}${keyId}_${randomBytes(32).toString('base64url')}`;
  const record = await createApiKey(db, {
    keyId,
    teamId: input.teamId,
    name: input.name,
    role: input.role,
    hash: hashKey(pepper, key),
    expiresAt: input.expiresAt ?? null,
  });
  return { record, key };
}
