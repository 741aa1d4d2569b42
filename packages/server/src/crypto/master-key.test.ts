import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { test } from 'node:test';
import { isCryptoError } from './errors.js';
import { loadMasterKey, parseMasterKey } from './master-key.js';

const raw = Buffer.alloc(32, 7);

test('TDM_MASTER_KEY accepts hex, base64 and base64url of 32 bytes, all naming the same key', () => {
  const ids = [
    raw.toString('hex'),
    raw.toString('base64'),
    raw.toString('base64url'),
    ` ${raw.toString('hex')}\n`,
  ].map((v) => parseMasterKey(v).id);
  assert.equal(new Set(ids).size, 1);
  assert.match(ids[0] ?? '', /^[0-9a-f]{8}$/);
});

test('TDM_MASTER_KEY rejects other lengths and alphabets with the exact code and message', () => {
  for (const bad of [
    'short',
    Buffer.alloc(31).toString('base64'),
    Buffer.alloc(33).toString('hex'),
    'z'.repeat(64),
  ]) {
    assert.throws(
      () => parseMasterKey(bad),
      (e: unknown) =>
        isCryptoError(e, 'CRYPTO_MASTER_KEY_INVALID') &&
        e.message ===
          `TDM_MASTER_KEY must be 32 bytes as 64 hex digits or 44 base64 characters (got ${bad.length} characters that are neither)` &&
        e.suggestedActions[0]?.includes('openssl rand -base64 32') === true &&
        !e.message.includes(bad),
    );
  }
});

test('no key material is printed or serialised', () => {
  const key = parseMasterKey(raw.toString('hex'));
  const text = inspect(key, { depth: 5 }) + JSON.stringify(key);
  assert.ok(!text.includes(raw.toString('hex')) && !text.includes(raw.toString('base64')));
});

test('without env: creates the key file with mode 0600, then reads the same key back', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tdm-mk-'));
  const keyFile = join(dir, 'nested', 'master.key');
  const created = await loadMasterKey({ env: undefined, keyFile });
  assert.equal(created.source, 'created');
  assert.equal((await stat(keyFile)).mode & 0o777, 0o600);
  assert.equal((await readFile(keyFile)).length, 32);
  const again = await loadMasterKey({ env: '', keyFile });
  assert.deepEqual([again.source, again.id], ['file', created.id]);
});

test('env wins over the key file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tdm-mk-'));
  const keyFile = join(dir, 'master.key');
  await writeFile(keyFile, randomBytes(32));
  const k = await loadMasterKey({ env: raw.toString('base64'), keyFile });
  assert.deepEqual([k.source, k.id], ['env', parseMasterKey(raw.toString('hex')).id]);
});

test('concurrent first starts end with one key', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tdm-mk-'));
  const keyFile = join(dir, 'master.key');
  const keys = await Promise.all(Array.from({ length: 16 }, () => loadMasterKey({ keyFile })));
  assert.equal(new Set(keys.map((k) => k.id)).size, 1);
  assert.equal(keys.filter((k) => k.source === 'created').length, 1);
});

test('a key file of the wrong size is refused with a coded error', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tdm-mk-'));
  const keyFile = join(dir, 'master.key');
  await writeFile(keyFile, 'not a key');
  await assert.rejects(
    loadMasterKey({ keyFile }),
    (e: unknown) =>
      isCryptoError(e, 'CRYPTO_MASTER_KEY_FILE_INVALID') &&
      e.message === `master key file ${keyFile} must hold exactly 32 bytes (it holds 9)`,
  );
});
