/**
 * @module Authentication: turns an `Authorization: Bearer` value into a principal (bootstrap admin
 * key, API key or JWT) or a coded 401. Expiry and revocation are honoured; last use is recorded.
 * Successful key lookups are cached briefly by key hash (see `KeyCache`).
 */
import { timingSafeEqual, type KeyObject } from 'node:crypto';
import { ServerError } from '../errors.js';
import { findApiKeyByHash, touchApiKey, type Db } from '../store/index.js';
import { hashKey, parseKeyId } from './api-keys.js';
import type { JwtVerifier } from './jwt.js';
import { KeyCache } from './key-cache.js';
import type { Principal } from './principal.js';

export interface AuthenticatorOptions {
  db: Db;
  pepper: KeyObject;
  /** Hash of TDM_ADMIN_KEY, when set: that key acts as a platform admin. */
  adminKeyHash?: string | null;
  jwt?: JwtVerifier | null;
  /** How stale last_used_at may get before a use rewrites it (default one minute). */
  touchAfterMs?: number;
  /**
   * How long a successful key lookup is reused, ms (default 5,000; 0 turns the cache off). Expiry
   * is still checked on every request; a revocation (or team deletion) made through this process
   * applies at once, one made by another process sharing the database within this time.
   */
  keyCacheTtlMs?: number;
  /** Most keys the cache holds; the oldest entry makes room (default 10,000). */
  keyCacheMaxEntries?: number;
  now?: () => Date;
}

export type Authenticate = (authorization: string | undefined) => Promise<Principal>;

function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

export function createAuthenticator(o: AuthenticatorOptions): Authenticate {
  const now = o.now ?? (() => new Date());
  const touchAfter = o.touchAfterMs ?? 60_000;
  const cache = new KeyCache(o.keyCacheTtlMs ?? 5_000, o.keyCacheMaxEntries ?? 10_000);
  return async (authorization) => {
    if (!authorization) throw new ServerError('AUTH_REQUIRED', 'this route needs an API key or a JWT');
    const m = /^Bearer\s+(\S{1,8192})\s*$/i.exec(authorization);
    if (!m) throw new ServerError('AUTH_INVALID', 'the Authorization header must be "Bearer <key or token>"');
    const token = m[1] as string;
    const hash = hashKey(o.pepper, token);
    if (o.adminKeyHash && sameHash(hash, o.adminKeyHash)) {
      return { id: 'env-admin', via: 'bootstrap', role: 'platform-admin', teamId: null };
    }
    if (parseKeyId(token) !== null) {
      const t = now();
      let key = cache.get(hash, t.getTime());
      if (!key) {
        const generation = cache.generation;
        key = (await findApiKeyByHash(o.db, hash)) ?? undefined;
        if (!key || key.keyId !== parseKeyId(token)) throw new ServerError('AUTH_INVALID', 'unknown API key');
        if (key.revokedAt) throw new ServerError('AUTH_REVOKED', `API key ${key.keyId} was revoked`);
        cache.put(hash, key, generation, t.getTime());
      } else if (key.keyId !== parseKeyId(token)) {
        throw new ServerError('AUTH_INVALID', 'unknown API key');
      }
      if (key.expiresAt && key.expiresAt <= t)
        throw new ServerError('AUTH_EXPIRED', `API key ${key.keyId} has expired`);
      if (!key.lastUsedAt || t.getTime() - key.lastUsedAt.getTime() >= touchAfter) {
        // Marked first, so concurrent requests on a cached key do not all rewrite it.
        key.lastUsedAt = t;
        await touchApiKey(o.db, key.keyId);
      }
      return { id: key.keyId, via: 'api-key', role: key.role, teamId: key.teamId };
    }
    if (o.jwt && token.split('.').length === 3) return o.jwt(token);
    throw new ServerError('AUTH_INVALID', 'the credential is neither a tdm API key nor a valid token');
  };
}
