import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { isCryptoError } from './errors.js';
import { Keyring } from './keyring.js';
import { masterKeyFromBytes } from './master-key.js';
import { rotateMasterKey } from './rotate-master-key.js';
import { sealValue, unsealValue } from './sealed-value.js';
import { testKeyring } from './test-keyring.js';

test('a team gets one active data key on first use, sealed by the master key', async () => {
  const { store, keyring, master } = testKeyring();
  const [a, b] = await Promise.all([keyring.activeKey('alpha'), keyring.activeKey('alpha')]);
  assert.equal(a?.keyId, b?.keyId);
  const rows = store.all();
  assert.equal(rows.length, 1);
  assert.equal(rows[0]?.masterKeyId, master.id);
  assert.equal(rows[0]?.sealedKey.length, 1 + 12 + 32 + 16);
  assert.notEqual((await keyring.activeKey('beta')).keyId, a.keyId);
});

test('rotateTeamDataKey adds a new active key; the old one still opens old values', async () => {
  const { keyring, store } = testKeyring();
  const old = await sealValue(keyring, 'alpha', 'hunter2', 'target:1:password');
  const next = await keyring.rotateTeamDataKey('alpha');
  assert.equal((await keyring.activeKey('alpha')).keyId, next.keyId);
  assert.equal(await unsealValue(keyring, 'alpha', old, 'target:1:password'), 'hunter2');
  const rows = store.all();
  assert.deepEqual(
    rows.map((r) => r.retiredAt === null),
    [false, true],
  );
});

test('rotateMasterKey re-seals every data key and values stay readable under the new master key', async () => {
  const { keyring, store, master } = testKeyring();
  const sealed = await sealValue(keyring, 'alpha', 's3cret');
  await keyring.rotateTeamDataKey('alpha');
  await keyring.activeKey('beta');
  const before = store.all();
  const next = masterKeyFromBytes(randomBytes(32), 'env');
  assert.equal(await rotateMasterKey(master, next, store), 3);
  const after = store.all();
  for (const [i, row] of after.entries()) {
    assert.equal(row.masterKeyId, next.id);
    assert.notDeepEqual(row.sealedKey, before[i]?.sealedKey);
  }
  assert.equal(await rotateMasterKey(master, next, store), 0, 'a second run has nothing to do');
  const fresh = new Keyring({ master: next, store });
  assert.equal(await unsealValue(fresh, 'alpha', sealed), 's3cret');
});

test('a wrong master key fails with a coded error, and a rotation with a wrong old key changes nothing', async () => {
  const { keyring, store } = testKeyring();
  const sealed = await sealValue(keyring, 'alpha', 'x');
  const wrong = masterKeyFromBytes(randomBytes(32), 'env');
  await assert.rejects(unsealValue(new Keyring({ master: wrong, store }), 'alpha', sealed), (e: unknown) =>
    isCryptoError(e, 'CRYPTO_MASTER_KEY_MISMATCH'),
  );
  const before = store.all();
  await assert.rejects(
    rotateMasterKey(wrong, masterKeyFromBytes(randomBytes(32), 'env'), store),
    (e: unknown) => isCryptoError(e, 'CRYPTO_MASTER_KEY_MISMATCH'),
  );
  assert.deepEqual(store.all(), before);
});

test('a sealed data key moved to another team or altered does not open', async () => {
  const { keyring, store, master } = testKeyring();
  await keyring.activeKey('alpha');
  const row = store.all()[0];
  assert.ok(row);
  const other = testKeyring(master);
  await other.store.addDataKey({ ...row, teamId: 'beta' });
  await assert.rejects(other.keyring.activeKey('beta'), (e: unknown) =>
    isCryptoError(e, 'CRYPTO_DATA_KEY_CORRUPT'),
  );
});

test('sealed values: compact, bound to team and context, tampering coded', async () => {
  const { keyring } = testKeyring();
  const sealed = await sealValue(keyring, 'alpha', 'pässword', 'hook:1');
  assert.match(sealed, /^tdm1\.[0-9a-f]{16}\.[A-Za-z0-9_-]+$/);
  assert.ok(!sealed.includes('pässword'));
  assert.equal(await unsealValue(keyring, 'alpha', sealed, 'hook:1'), 'pässword');
  const flipped = sealed.slice(0, -2) + (sealed.at(-2) === 'A' ? 'B' : 'A') + sealed.slice(-1);
  for (const [value, context] of [
    [sealed, 'hook:2'],
    [flipped, 'hook:1'],
    ['garbage', 'hook:1'],
  ] as const) {
    await assert.rejects(unsealValue(keyring, 'alpha', value, context), (e: unknown) =>
      isCryptoError(e, 'CRYPTO_VALUE_TAMPERED'),
    );
  }
  await keyring.activeKey('beta');
  await assert.rejects(unsealValue(keyring, 'beta', sealed, 'hook:1'), (e: unknown) =>
    isCryptoError(e, 'CRYPTO_DATA_KEY_NOT_FOUND'),
  );
});
