/** @module Auth on the real embedded store: keys hashed and shown once, expiry, revocation, JWTs, bootstrap, pepper file. */
import assert from 'node:assert/strict';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { SignJWT } from 'jose';
import { createTeam, openStore, revokeApiKey, type Store } from '../store/index.js';
import { rejectsWith } from '../store/test-harness.js';
import { bootstrapAdmin, createAuthenticator, createJwtVerifier, issueApiKey, loadPepper } from './index.js';

let store: Store;
let dir: string;
const SECRET = 'a-jwt-secret-that-is-long-enough-1234';
before(async () => {
  store = await openStore({ inMemory: true });
  dir = await mkdtemp(join(tmpdir(), 'tdm-auth-'));
  await createTeam(store, { teamId: 'alpha', teamName: 'Alpha' });
});
after(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

test('the pepper file is created 0600 once and read back the same', async () => {
  const file = join(dir, 'key-pepper');
  const a = await loadPepper({ file });
  assert.equal((await stat(file)).mode & 0o777, 0o600);
  const b = await loadPepper({ file });
  assert.ok(a.equals(b));
  await rejectsWith(loadPepper({ env: 'short', file }), 'AUTH_CONFIG_INVALID');
});

test('keys are stored as peppered hashes; expiry, revocation and last use are honoured', async () => {
  const pepper = await loadPepper({ file: join(dir, 'key-pepper') });
  const auth = createAuthenticator({ db: store, pepper });
  const { key, record } = await issueApiKey(store, pepper, { teamId: 'alpha', role: 'write', name: 'ci' });
  assert.match(key, /^tdm_[0-9a-f]{16}_/);
  const rows = await store.withAdmin((tx) =>
    tx.query('SELECT hash FROM api_keys WHERE key_id = $1', [record.keyId]),
  );
  assert.equal(rows.length, 1);
  assert.ok(!String(rows[0]?.hash).includes(key.slice(21)), 'no part of the secret is stored');
  const p = await auth(`Bearer ${key}`);
  assert.deepEqual(p, { id: record.keyId, via: 'api-key', role: 'write', teamId: 'alpha' });
  const used = await store.withAdmin((tx) =>
    tx.query('SELECT last_used_at FROM api_keys WHERE key_id = $1', [record.keyId]),
  );
  assert.ok(used[0]?.last_used_at);
  await rejectsWith(auth(undefined), 'AUTH_REQUIRED');
  await rejectsWith(auth(`Bearer ${key}x`), 'AUTH_INVALID');
  await rejectsWith(auth('Basic abc'), 'AUTH_INVALID');
  const old = await issueApiKey(store, pepper, {
    teamId: 'alpha',
    role: 'read',
    name: 'old',
    expiresAt: new Date(Date.now() - 1000),
  });
  await rejectsWith(auth(`Bearer ${old.key}`), 'AUTH_EXPIRED');
  await revokeApiKey(store, 'alpha', record.keyId);
  await rejectsWith(auth(`Bearer ${key}`), 'AUTH_REVOKED');
});

test('JWTs: claims map to a principal; expired and badly signed tokens are rejected', async () => {
  const pepper = await loadPepper({ file: join(dir, 'key-pepper') });
  const jwt = await createJwtVerifier({ secret: SECRET, teamClaim: 'tdm_team' });
  const auth = createAuthenticator({ db: store, pepper, jwt });
  const sign = (claims: Record<string, unknown>, exp: string | number, secret = SECRET) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('ann')
      .setExpirationTime(exp)
      .sign(new TextEncoder().encode(secret));
  assert.deepEqual(await auth(`Bearer ${await sign({ tdm_team: 'alpha', role: 'admin' }, '5m')}`), {
    id: 'jwt:ann',
    via: 'jwt',
    role: 'admin',
    teamId: 'alpha',
  });
  await rejectsWith(
    auth(`Bearer ${await sign({ tdm_team: 'alpha', role: 'admin' }, Math.floor(Date.now() / 1000) - 60)}`),
    'AUTH_EXPIRED',
  );
  await rejectsWith(
    auth(`Bearer ${await sign({ tdm_team: 'alpha', role: 'admin' }, '5m', SECRET + 'x')}`),
    'AUTH_INVALID',
  );
  await rejectsWith(auth(`Bearer ${await sign({ tdm_team: 'alpha', role: 'owner' }, '5m')}`), 'AUTH_INVALID');
});

test('bootstrap: the env admin key works by hash; otherwise one platform key is created on first start', async () => {
  const pepper = await loadPepper({ file: join(dir, 'key-pepper') });
  const env = await bootstrapAdmin(store, pepper, { adminKey: 'env-admin-key-of-enough-length' });
  assert.equal(env.createdKey, null);
  const auth = createAuthenticator({ db: store, pepper, adminKeyHash: env.adminKeyHash });
  assert.equal((await auth('Bearer env-admin-key-of-enough-length')).role, 'platform-admin');
  const first = await bootstrapAdmin(store, pepper);
  assert.ok(first.createdKey);
  assert.equal((await auth(`Bearer ${first.createdKey}`)).role, 'platform-admin');
  assert.equal((await bootstrapAdmin(store, pepper)).createdKey, null, 'only when none exists');
});
