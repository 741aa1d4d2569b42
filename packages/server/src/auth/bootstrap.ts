/**
 * @module Platform bootstrap: TDM_ADMIN_KEY (kept only as its hash) acts as platform admin; without
 * it, the first start creates a platform-admin key and hands it back to be printed once.
 */
import type { KeyObject } from 'node:crypto';
import { ServerError } from '../errors.js';
import { listApiKeys, type Db } from '../store/index.js';
import { hashKey, issueApiKey } from './api-keys.js';

export interface Bootstrap {
  /** Hash of TDM_ADMIN_KEY for the authenticator, or null. */
  adminKeyHash: string | null;
  /** A platform-admin key created now (no usable one existed): print it once, then forget it. */
  createdKey: string | null;
}

export async function bootstrapAdmin(
  db: Db,
  pepper: KeyObject,
  options: { adminKey?: string | undefined; now?: Date } = {},
): Promise<Bootstrap> {
  if (options.adminKey !== undefined && options.adminKey !== '') {
    if (options.adminKey.length < 24) {
      throw new ServerError('AUTH_CONFIG_INVALID', 'TDM_ADMIN_KEY must be at least 24 characters');
    }
    return { adminKeyHash: hashKey(pepper, options.adminKey), createdKey: null };
  }
  const now = options.now ?? new Date();
  const usable = (await listApiKeys(db, null)).filter(
    (k) => !k.revokedAt && (!k.expiresAt || k.expiresAt > now),
  );
  if (usable.length > 0) return { adminKeyHash: null, createdKey: null };
  const { key } = await issueApiKey(db, pepper, { teamId: null, role: 'platform-admin', name: 'bootstrap' });
  return { adminKeyHash: null, createdKey: key };
}
