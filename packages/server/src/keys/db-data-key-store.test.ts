/**
 * @module The keyring over the real store (embedded PGlite): keys persist sealed, team keys
 * rotate, and master-key rotation re-seals every key while sealed data stays readable.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { Keyring, masterKeyFromBytes, rotateMasterKey, sealValue, unsealValue } from '../crypto/index.js';
import { createTeam, openStore, type Store } from '../store/index.js';
import { dbDataKeyStore } from './db-data-key-store.js';

let store: Store;
before(async () => {
  store = await openStore({ inMemory: true });
  await createTeam(store, { teamId: 'alpha', teamName: 'Alpha' });
  await createTeam(store, { teamId: 'beta', teamName: 'Beta' });
});
after(async () => {
  await store.close();
});

test('keys are created once per team, stored sealed, and survive a new keyring', async () => {
  const master = masterKeyFromBytes(randomBytes(32), 'env');
  const keys = dbDataKeyStore(store);
  const ring = new Keyring({ master, store: keys });
  const a = await ring.activeKey('alpha');
  const b = await ring.activeKey('beta');
  assert.notEqual(a.keyId, b.keyId);
  const secret = await sealValue(ring, 'alpha', 'postgres://user:hunter2@db/app');
  const rows = await store.withAdmin((tx) => tx.query('SELECT sealed_key FROM team_data_keys'));
  assert.equal(rows.length, 2);
  for (const r of rows)
    assert.ok(!Buffer.from(r['sealed_key'] as Uint8Array).includes(Buffer.from('hunter2')));
  const again = new Keyring({ master, store: keys });
  assert.equal((await again.activeKey('alpha')).keyId, a.keyId);
  assert.equal(await unsealValue(again, 'alpha', secret), 'postgres://user:hunter2@db/app');
});

test('rotating the master key re-seals every data key; old secrets stay readable', async () => {
  const oldMaster = masterKeyFromBytes(randomBytes(32), 'env');
  const newMaster = masterKeyFromBytes(randomBytes(32), 'env');
  const fresh = await openStore({ inMemory: true });
  try {
    await createTeam(fresh, { teamId: 'gamma', teamName: 'Gamma' });
    const keys = dbDataKeyStore(fresh);
    const ring = new Keyring({ master: oldMaster, store: keys });
    const secret = await sealValue(ring, 'gamma', 'token-123');
    await ring.rotateTeamDataKey('gamma');
    const changed = await rotateMasterKey(oldMaster, newMaster, keys);
    assert.equal(changed, 2);
    const rows = await fresh.withAdmin((tx) => tx.query('SELECT DISTINCT master_key_id FROM team_data_keys'));
    assert.deepEqual(
      rows.map((r) => r['master_key_id']),
      [newMaster.id],
    );
    const after = new Keyring({ master: newMaster, store: keys });
    assert.equal(await unsealValue(after, 'gamma', secret), 'token-123');
  } finally {
    await fresh.close();
  }
});
