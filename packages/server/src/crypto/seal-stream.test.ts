import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { test } from 'node:test';
import { sealStream } from './seal-stream.js';
import { sealBuffer, unsealBuffer } from './stream-test-support.js';
import { testKeyring } from './test-keyring.js';
import { unsealStream } from './unseal-stream.js';

const K = 64 * 1024;

test('round trip of sizes 0, 1, 64 KiB - 1, 64 KiB, 64 KiB + 1, 2 x 64 KiB and several MiB', async () => {
  const { keyring } = testKeyring();
  const key = await keyring.activeKey('alpha');
  for (const size of [0, 1, K - 1, K, K + 1, 2 * K, 3 * 1024 * 1024 + 17]) {
    const data = randomBytes(size);
    const sealed = await sealBuffer(key, 'v1/data.bin', data);
    const segments = Math.max(1, Math.ceil(size / K));
    const header = 10 + 'alpha'.length + 1 + key.keyId.length + 12;
    assert.equal(sealed.length, header + size + 16 * segments, `sealed size for ${size}`);
    const { plain, error } = await unsealBuffer(
      { teamId: 'alpha', name: 'v1/data.bin', keys: keyring },
      sealed,
    );
    assert.equal(error, null);
    assert.ok(plain.equals(data), `round trip of ${size} bytes`);
  }
});

test('the same plaintext seals differently each time (random base nonce)', async () => {
  const { keyring } = testKeyring();
  const key = await keyring.activeKey('alpha');
  const data = Buffer.alloc(1000, 1);
  assert.notDeepEqual(await sealBuffer(key, 'a', data), await sealBuffer(key, 'a', data));
});

test('sealing and unsealing 200 MB streams in constant memory', async () => {
  const { keyring } = testKeyring();
  const key = await keyring.activeKey('alpha');
  const total = 200 * 1024 * 1024;
  const block = randomBytes(1024 * 1024);
  const inHash = createHash('sha256');
  const outHash = createHash('sha256');
  const start = process.memoryUsage().rss;
  let peak = start;
  let seen = 0;
  const source = Readable.from(
    (function* () {
      for (let sent = 0; sent < total; sent += block.length) {
        const chunk = Buffer.from(block); // a fresh chunk each time: the stream may still hold the last
        chunk.writeUInt32BE(sent / block.length, 0);
        inHash.update(chunk);
        yield chunk;
      }
    })(),
  );
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      outHash.update(chunk);
      seen += chunk.length;
      if ((seen & 0xfffff) === 0) peak = Math.max(peak, process.memoryUsage().rss);
      done();
    },
  });
  await pipeline(
    source,
    sealStream({ key, name: 'big' }),
    unsealStream({ teamId: 'alpha', name: 'big', keys: keyring }),
    sink,
  );
  assert.equal(seen, total);
  assert.equal(outHash.digest('hex'), inHash.digest('hex'));
  const growthMb = (peak - start) / 1024 / 1024;
  assert.ok(growthMb < 96, `RSS grew ${growthMb.toFixed(1)} MB while streaming 200 MB`);
});
