import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { copyFile, readFile, rename, writeFile } from 'node:fs/promises';
import { test } from 'node:test';
import { Keyring, isCryptoError, masterKeyFromBytes, rotateMasterKey } from '../crypto/index.js';
import { blobPath, teamDirectory } from './blob-name.js';
import { BlobStore } from './blob-store.js';
import { allFiles, drain, testBlobStore } from './blob-test-support.js';

async function put(blobs: BlobStore, teamId: string, name: string, data: Buffer): Promise<void> {
  const w = await blobs.putBlob(teamId, name);
  const chunk = new Uint8Array(10_000);
  for (let i = 0; i < data.length; i += chunk.length) {
    const n = data.copy(chunk, 0, i, i + chunk.length);
    await w.write(chunk.subarray(0, n));
    chunk.fill(0xee); // the OutputFile contract: the caller may reuse the chunk once write resolves
  }
  await w.close();
}

test('put, get, has, list and delete round trip per team', async () => {
  const { blobs } = await testBlobStore();
  const data = randomBytes(200_000);
  await put(blobs, 'alpha', 'ds1/v1/orders.csv', data);
  await put(blobs, 'alpha', 'ds1/v1/empty.csv', Buffer.alloc(0));
  await put(blobs, 'beta', 'ds1/v1/orders.csv', Buffer.from('beta'));
  assert.ok((await drain(await blobs.getBlob('alpha', 'ds1/v1/orders.csv'))).data.equals(data));
  assert.equal((await drain(await blobs.getBlob('alpha', 'ds1/v1/empty.csv'))).data.length, 0);
  assert.equal((await drain(await blobs.getBlob('beta', 'ds1/v1/orders.csv'))).data.toString(), 'beta');
  assert.deepEqual(await blobs.listBlobs('alpha'), ['ds1/v1/empty.csv', 'ds1/v1/orders.csv']);
  assert.deepEqual(await blobs.listBlobs('alpha', 'ds1'), ['ds1/v1/empty.csv', 'ds1/v1/orders.csv']);
  assert.deepEqual(await blobs.listBlobs('gamma'), []);
  assert.equal(await blobs.hasBlob('alpha', 'ds1/v1/orders.csv'), true);
  assert.equal(await blobs.deleteBlob('alpha', 'ds1/v1/orders.csv'), true);
  assert.equal(await blobs.deleteBlob('alpha', 'ds1/v1/orders.csv'), false);
  assert.equal(await blobs.hasBlob('alpha', 'ds1/v1/orders.csv'), false);
  await assert.rejects(
    blobs.getBlob('alpha', 'ds1/v1/orders.csv'),
    (e: unknown) =>
      isCryptoError(e, 'BLOB_NOT_FOUND') && e.message === 'team "alpha" has no blob "ds1/v1/orders.csv"',
  );
});

test('no plaintext of a known value is anywhere on disk', async () => {
  const { blobs, dir } = await testBlobStore();
  const marker = 'CANARY-4411-platypus@tdm.test';
  await put(blobs, 'alpha', 'people.csv', Buffer.from(`id,email\n1,${marker}\n`.repeat(20_000)));
  const port = blobs.outputPort('alpha', 'ds2/v1');
  const f = await port.create('x.json');
  await f.write(Buffer.from(JSON.stringify({ marker })));
  await f.close();
  const files = await allFiles(dir);
  assert.equal(files.length, 2);
  for (const { path, bytes } of files) {
    assert.equal(bytes.indexOf(marker), -1, path);
    assert.equal(bytes.indexOf('platypus'), -1, path);
    assert.ok(!path.includes('alpha'));
  }
});

test('a tampered, moved or renamed blob errors with BLOB_TAMPERED, releasing nothing of the bad segment', async () => {
  const { blobs, dir } = await testBlobStore();
  const data = randomBytes(3 * 65536 + 5);
  await put(blobs, 'alpha', 'a.bin', data);
  await blobs.putBlob('beta', 'warmup').then((w) => w.close());
  const path = blobPath(teamDirectory(dir, 'alpha'), 'a.bin');
  const original = await readFile(path);

  const flipped = Buffer.from(original);
  flipped[original.length - 100] = (flipped[original.length - 100] ?? 0) ^ 0xff;
  await writeFile(path, flipped);
  const r = await drain(await blobs.getBlob('alpha', 'a.bin'));
  assert.ok(isCryptoError(r.error, 'BLOB_TAMPERED'));
  assert.ok(r.data.length <= 2 * 65536 && data.subarray(0, r.data.length).equals(r.data));
  await writeFile(path, original);

  const other = blobPath(teamDirectory(dir, 'beta'), 'a.bin');
  await copyFile(path, other);
  const moved = await drain(await blobs.getBlob('beta', 'a.bin'));
  assert.ok(isCryptoError(moved.error, 'BLOB_TAMPERED'), 'moved to another team');
  assert.equal(moved.data.length, 0);

  await rename(path, blobPath(teamDirectory(dir, 'alpha'), 'b.bin'));
  const renamed = await drain(await blobs.getBlob('alpha', 'b.bin'));
  assert.ok(isCryptoError(renamed.error, 'BLOB_TAMPERED'), 'renamed');
  assert.equal(renamed.data.length, 0);
});

test('an abandoned or destroyed writer leaves no file under the final name', async () => {
  const { blobs, dir } = await testBlobStore();
  const abandoned = await blobs.putBlob('alpha', 'never-closed.csv');
  await abandoned.write(randomBytes(300_000));
  const destroyed = await blobs.putBlob('alpha', 'destroyed.csv');
  await destroyed.write(randomBytes(300_000));
  await destroyed.abort();
  await assert.rejects(destroyed.write(Buffer.from('x')), (e: unknown) =>
    isCryptoError(e, 'BLOB_WRITE_FAILED'),
  );
  assert.equal(await blobs.hasBlob('alpha', 'never-closed.csv'), false);
  assert.equal(await blobs.hasBlob('alpha', 'destroyed.csv'), false);
  assert.deepEqual(await blobs.listBlobs('alpha'), []);
  // Only the abandoned writer's temp file remains; the sweep removes it once stale.
  assert.equal((await allFiles(dir)).length, 1);
  assert.equal(await blobs.removeStaleTemps('alpha', -1), 1);
  assert.equal((await allFiles(dir)).length, 0);
});

test('master and team key rotation keep every blob readable without rewriting any file', async () => {
  const keys = await testBlobStore();
  const { blobs, keyring, store, master, dir } = keys;
  await put(blobs, 'alpha', 'old.csv', Buffer.from('old rows'));
  await keyring.rotateTeamDataKey('alpha');
  await put(blobs, 'alpha', 'new.csv', Buffer.from('new rows'));
  const before = await allFiles(dir);
  const next = masterKeyFromBytes(randomBytes(32), 'env');
  await rotateMasterKey(master, next, store);
  assert.deepEqual(await allFiles(dir), before, 'no data file changed');
  const rotated = new BlobStore({ dir, keyring: new Keyring({ master: next, store }) });
  assert.equal((await drain(await rotated.getBlob('alpha', 'old.csv'))).data.toString(), 'old rows');
  assert.equal((await drain(await rotated.getBlob('alpha', 'new.csv'))).data.toString(), 'new rows');
  const stale = new BlobStore({ dir, keyring: new Keyring({ master, store }) });
  const r = await drain(await stale.getBlob('alpha', 'old.csv'));
  assert.ok(isCryptoError(r.error, 'CRYPTO_MASTER_KEY_MISMATCH'));
});

test('a directory or a path through a file is not a blob', async () => {
  const { blobs } = await testBlobStore();
  await put(blobs, 'alpha', 'a/b.csv', Buffer.from('x'));
  for (const name of ['a', 'a/b.csv/c']) {
    assert.equal(await blobs.hasBlob('alpha', name), false);
    await assert.rejects(blobs.getBlob('alpha', name), (e: unknown) => isCryptoError(e, 'BLOB_NOT_FOUND'));
  }
});
