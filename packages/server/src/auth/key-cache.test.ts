/**
 * @module The authenticator's key cache on both engines. A key revoked straight in SQL (as another
 * process would) shows whether a request was answered from the cache or from the store.
 */
import assert from 'node:assert/strict';
import { createSecretKey, randomBytes } from 'node:crypto';
import { before, test } from 'node:test';
import {
  createApiKey,
  createTeam,
  deleteTeam,
  revokeApiKey,
  type ApiKey,
  type Store,
} from '../store/index.js';
import { forEachEngine, rejectsWith } from '../store/test-harness.js';
import { hashKey, issueApiKey } from './api-keys.js';
import { createAuthenticator, type AuthenticatorOptions } from './authenticator.js';
import { KeyCache } from './key-cache.js';

const pepper = createSecretKey(randomBytes(32));
const T0 = Date.parse('2026-03-01T12:00:00Z');

/** An authenticator whose clock the test moves; the cache lives 5 s unless `o` says otherwise. */
function authAt(store: Store, o: Partial<AuthenticatorOptions> = {}) {
  const clock = { ms: T0 };
  const auth = createAuthenticator({ db: store, pepper, now: () => new Date(clock.ms), ...o });
  return { auth, clock };
}

/** Revokes behind the process's back, as another node sharing the database would. */
async function revokeElsewhere(store: Store, keyId: string): Promise<void> {
  await store.withAdmin((tx) =>
    tx.query('UPDATE api_keys SET revoked_at = now() WHERE key_id = $1', [keyId]),
  );
}

forEachEngine('authenticator key cache', (ctx) => {
  before(async () => {
    await createTeam(ctx.store, { teamId: 'kc-a', teamName: 'A' });
  });
  const issue = (teamId = 'kc-a', expiresAt: Date | null = null) =>
    issueApiKey(ctx.store, pepper, { teamId, role: 'read', name: 'k', expiresAt });

  test('a hit answers from the cache until the TTL runs out, then the store decides', async () => {
    const { auth, clock } = authAt(ctx.store);
    const k = await issue();
    const principal = { id: k.record.keyId, via: 'api-key', role: 'read', teamId: 'kc-a' };
    assert.deepEqual(await auth(`Bearer ${k.key}`), principal);
    await revokeElsewhere(ctx.store, k.record.keyId);
    clock.ms += 4_999;
    assert.deepEqual(await auth(`Bearer ${k.key}`), principal, 'within the TTL the cached lookup stands');
    clock.ms += 1;
    const e = await rejectsWith(auth(`Bearer ${k.key}`), 'AUTH_REVOKED');
    assert.equal(e.message, `API key ${k.record.keyId} was revoked`);
  });

  test('the TTL is configurable and 0 turns the cache off', async () => {
    const { auth, clock } = authAt(ctx.store, { keyCacheTtlMs: 60_000 });
    const off = authAt(ctx.store, { keyCacheTtlMs: 0 }).auth;
    const k = await issue();
    await auth(`Bearer ${k.key}`);
    await off(`Bearer ${k.key}`);
    await revokeElsewhere(ctx.store, k.record.keyId);
    await rejectsWith(off(`Bearer ${k.key}`), 'AUTH_REVOKED');
    clock.ms += 59_000;
    assert.equal((await auth(`Bearer ${k.key}`)).id, k.record.keyId);
    clock.ms += 1_000;
    await rejectsWith(auth(`Bearer ${k.key}`), 'AUTH_REVOKED');
  });

  test("a cached key's expiry is still enforced on every request", async () => {
    const { auth, clock } = authAt(ctx.store);
    const k = await issue('kc-a', new Date(T0 + 1_000));
    assert.equal((await auth(`Bearer ${k.key}`)).id, k.record.keyId);
    clock.ms += 999;
    assert.equal((await auth(`Bearer ${k.key}`)).id, k.record.keyId);
    clock.ms += 1;
    const e = await rejectsWith(auth(`Bearer ${k.key}`), 'AUTH_EXPIRED');
    assert.equal(e.message, `API key ${k.record.keyId} has expired`);
  });

  test('revoking through this process applies to the next request at once', async () => {
    const { auth } = authAt(ctx.store, { keyCacheTtlMs: 60_000 });
    const k = await issue();
    const other = await issue();
    await auth(`Bearer ${k.key}`);
    await auth(`Bearer ${other.key}`);
    await revokeApiKey(ctx.store, 'kc-a', k.record.keyId);
    await rejectsWith(auth(`Bearer ${k.key}`), 'AUTH_REVOKED');
    // Only that key was dropped: the other is still served from the cache.
    await revokeElsewhere(ctx.store, other.record.keyId);
    assert.equal((await auth(`Bearer ${other.key}`)).id, other.record.keyId);
  });

  test('deleting a team through this process drops its keys from the cache', async () => {
    await createTeam(ctx.store, { teamId: 'kc-gone', teamName: 'Gone' });
    const { auth } = authAt(ctx.store, { keyCacheTtlMs: 60_000 });
    const k = await issue('kc-gone');
    await auth(`Bearer ${k.key}`);
    await deleteTeam(ctx.store, 'kc-gone');
    const e = await rejectsWith(auth(`Bearer ${k.key}`), 'AUTH_INVALID');
    assert.equal(e.message, 'unknown API key');
  });

  test('failures are not cached: a key that becomes usable works on the next request', async () => {
    const { auth } = authAt(ctx.store);
    const k = await issue();
    await revokeElsewhere(ctx.store, k.record.keyId);
    await rejectsWith(auth(`Bearer ${k.key}`), 'AUTH_REVOKED');
    await ctx.store.withAdmin((tx) =>
      tx.query('UPDATE api_keys SET revoked_at = NULL WHERE key_id = $1', [k.record.keyId]),
    );
    assert.equal((await auth(`Bearer ${k.key}`)).id, k.record.keyId);
    // An unknown key, stored afterwards under that very hash, is found at once too.
    const keyId = randomBytes(8).toString('hex');
    const text = `tdm_${keyId}_${randomBytes(32).toString('base64url')}`;
    await rejectsWith(auth(`Bearer ${text}`), 'AUTH_INVALID');
    await createApiKey(ctx.store, {
      keyId,
      teamId: 'kc-a',
      name: 'late',
      role: 'read',
      hash: hashKey(pepper, text),
    });
    assert.equal((await auth(`Bearer ${text}`)).id, keyId);
  });

  test('the cache holds at most keyCacheMaxEntries keys and evicts the oldest', async () => {
    const { auth } = authAt(ctx.store, { keyCacheMaxEntries: 2, keyCacheTtlMs: 60_000 });
    const keys = [await issue(), await issue(), await issue()];
    for (const k of keys) await auth(`Bearer ${k.key}`);
    for (const k of keys) await revokeElsewhere(ctx.store, k.record.keyId);
    await rejectsWith(auth(`Bearer ${keys[0]!.key}`), 'AUTH_REVOKED');
    assert.equal((await auth(`Bearer ${keys[1]!.key}`)).id, keys[1]!.record.keyId);
    assert.equal((await auth(`Bearer ${keys[2]!.key}`)).id, keys[2]!.record.keyId);
  });

  test('a cached key still records its use once touchAfterMs has passed', async () => {
    const { auth, clock } = authAt(ctx.store, { keyCacheTtlMs: 60_000, touchAfterMs: 1_000 });
    const k = await issue();
    const lastUsed = async () =>
      (
        await ctx.store.withAdmin((tx) =>
          tx.query('SELECT last_used_at::text AS t FROM api_keys WHERE key_id = $1', [k.record.keyId]),
        )
      )[0]?.t;
    await auth(`Bearer ${k.key}`);
    const first = await lastUsed();
    assert.ok(first);
    clock.ms += 500;
    await auth(`Bearer ${k.key}`);
    assert.equal(await lastUsed(), first, 'not rewritten within touchAfterMs');
    clock.ms += 500;
    await auth(`Bearer ${k.key}`);
    assert.notEqual(await lastUsed(), first, 'rewritten once touchAfterMs has passed');
  });
});

test('a lookup that raced a revocation is not cached; the bound holds for any number of keys', () => {
  const key = (keyId: string): ApiKey => ({
    keyId,
    teamId: 't',
    name: 'n',
    role: 'read',
    createdAt: new Date(T0),
    expiresAt: null,
    revokedAt: null,
    lastUsedAt: null,
  });
  const cache = new KeyCache(5_000, 100);
  const generation = cache.generation;
  cache.forget({ kind: 'key', keyId: 'unrelated' });
  cache.put('h1', key('k1'), generation, T0);
  assert.equal(cache.get('h1', T0), undefined);
  for (let i = 0; i < 1_000; i++) cache.put(`h${i}`, key(`k${i}`), cache.generation, T0);
  assert.equal(cache.size, 100);
  assert.equal(cache.get('h899', T0), undefined);
  assert.equal(cache.get('h999', T0)?.keyId, 'k999');
  assert.equal(cache.get('h999', T0 + 5_000), undefined, 'stale at the TTL');
  assert.equal(cache.size, 99, 'a stale entry is dropped when met');
});
