/** @module Data keys on both engines: one active key per team, retired keys stay readable, reseal all. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachEngine, rejectsWith } from '../test-harness.js';
import { activeDataKey, addDataKey, dataKey, resealAll } from './data-keys.js';
import { createTeam } from './teams.js';

forEachEngine('data keys', (ctx) => {
  test('add, rotate, read back, reseal all', async () => {
    await createTeam(ctx.store, { teamId: 'dk-a', teamName: 'A' });
    await createTeam(ctx.store, { teamId: 'dk-b', teamName: 'B' });
    assert.equal(await activeDataKey(ctx.store, 'dk-a'), null);
    await addDataKey(ctx.store, 'dk-a', {
      keyId: 'k1',
      sealedKey: new Uint8Array([1, 2, 3]),
      masterKeyId: 'm1',
    });
    const k2 = await addDataKey(ctx.store, 'dk-a', {
      keyId: 'k2',
      sealedKey: new Uint8Array([4, 5]),
      masterKeyId: 'm1',
    });
    assert.deepEqual([...k2.sealedKey], [4, 5]);
    assert.equal((await activeDataKey(ctx.store, 'dk-a'))?.keyId, 'k2');
    const old = await dataKey(ctx.store, 'dk-a', 'k1');
    assert.ok(old?.retiredAt instanceof Date);
    assert.deepEqual([...(old?.sealedKey ?? [])], [1, 2, 3]);
    assert.equal(await dataKey(ctx.store, 'dk-b', 'k1'), null, "another team's key is invisible");
    assert.equal(await activeDataKey(ctx.store, 'dk-b'), null);
    await rejectsWith(
      addDataKey(ctx.store, 'dk-a', { keyId: 'k1', sealedKey: new Uint8Array([9]), masterKeyId: 'm1' }),
      'STORE_CONFLICT',
    );
    await addDataKey(ctx.store, 'dk-b', { keyId: 'k1', sealedKey: new Uint8Array([7]), masterKeyId: 'm1' });
    const n = await resealAll(ctx.store, async (k) => ({
      sealedKey: new Uint8Array([...k.sealedKey].map((b) => b + 100)),
      masterKeyId: 'm2',
    }));
    assert.equal(n, 3);
    const after = await dataKey(ctx.store, 'dk-a', 'k1');
    assert.deepEqual([...(after?.sealedKey ?? [])], [101, 102, 103]);
    assert.equal(after?.masterKeyId, 'm2');
  });

  test('a failing reseal changes nothing', async () => {
    await assert.rejects(
      resealAll(ctx.store, async () => Promise.reject(new Error('master key unavailable'))),
    );
    assert.equal((await activeDataKey(ctx.store, 'dk-a'))?.masterKeyId, 'm2');
    await rejectsWith(
      addDataKey(ctx.store, 'ghost', { keyId: 'k', sealedKey: new Uint8Array([1]), masterKeyId: 'm' }),
      'TEAM_NOT_FOUND',
    );
  });
});
