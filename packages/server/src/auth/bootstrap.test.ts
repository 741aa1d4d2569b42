/**
 * @module Bootstrap race on both engines: first starts at the same moment (on PostgreSQL through
 * separate connection pools, as separate processes would) create exactly one platform-admin key,
 * and it is the one that authenticates.
 */
import assert from 'node:assert/strict';
import { createSecretKey, randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { listApiKeys, openStore, type Store } from '../store/index.js';
import { forEachEngine } from '../store/test-harness.js';
import { createAuthenticator } from './authenticator.js';
import { bootstrapAdmin } from './bootstrap.js';

forEachEngine('bootstrap admin race', (ctx) => {
  const pepper = createSecretKey(randomBytes(32));
  const stores: Store[] = [];
  before(async () => {
    stores.push(ctx.store);
    // PGlite belongs to one process: concurrency there is several callers on the one store.
    if (ctx.place.engine === 'postgres') {
      for (let i = 0; i < 3; i++) stores.push(await openStore(ctx.place.options));
    }
  });
  after(async () => {
    for (const s of stores.slice(1)) await s.close();
  });

  test('concurrent first starts create one platform-admin key between them', async () => {
    for (let round = 0; round < 8; round++) {
      await ctx.store.query(`DELETE FROM api_keys WHERE team_id IS NULL`);
      const starts = Array.from({ length: 4 }, (_, i) =>
        bootstrapAdmin(stores[i % stores.length] as Store, pepper),
      );
      const results = await Promise.all(starts);
      const created = results.flatMap((r) => (r.createdKey ? [r.createdKey] : []));
      assert.equal(created.length, 1, `round ${round}: ${created.length} keys created`);
      const keys = await listApiKeys(ctx.store, null);
      assert.equal(keys.length, 1, `round ${round}: ${keys.length} platform keys stored`);
      const principal = await createAuthenticator({ db: ctx.store, pepper })(`Bearer ${created[0]}`);
      assert.equal(principal.role, 'platform-admin');
      assert.equal(principal.id, keys[0]?.keyId);
    }
  });

  test('a revoked or expired bootstrap key does not count: the next start makes a new one', async () => {
    await ctx.store.query(`UPDATE api_keys SET revoked_at = now() WHERE team_id IS NULL`);
    const again = await bootstrapAdmin(ctx.store, pepper);
    assert.ok(again.createdKey);
    await ctx.store.query(
      `UPDATE api_keys SET expires_at = now() - interval '1 day' WHERE revoked_at IS NULL`,
    );
    assert.ok((await bootstrapAdmin(ctx.store, pepper)).createdKey);
    assert.equal((await bootstrapAdmin(ctx.store, pepper)).createdKey, null);
  });
});
