/**
 * @module Platform bootstrap: TDM_ADMIN_KEY (kept only as its hash) acts as platform admin; without
 * it, the first start creates a platform-admin key and hands it back to be printed once. Several
 * processes starting at once on an empty store create one key between them (the store serialises
 * the check and the insert).
 */
import { randomBytes, type KeyObject } from 'node:crypto';
import { ServerError } from '../errors.js';
import { createFirstPlatformKey, type Db } from '../store/index.js';
import { hashKey, KEY_PREFIX } from './api-keys.js';

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
  // The same key shape issueApiKey makes: `tdm_<keyId>_<secret>`.
  const keyId = randomBytes(8).toString('hex');
  const key = `${KEY_PREFIX}${keyId}_${randomBytes(32).toString('base64url')}`;
  const created = await createFirstPlatformKey(
    db,
    { keyId, name: 'bootstrap', hash: hashKey(pepper, key) },
    options.now ?? new Date(),
  );
  return { adminKeyHash: null, createdKey: created ? key : null };
}
