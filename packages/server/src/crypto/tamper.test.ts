import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { isCryptoError } from './errors.js';
import { sealBuffer, unsealBuffer } from './stream-test-support.js';
import { testKeyring } from './test-keyring.js';

const K = 64 * 1024;
const SEG = K + 16;

async function fixture() {
  const { keyring } = testKeyring();
  const key = await keyring.activeKey('alpha');
  const data = randomBytes(4 * K + 1000); // 5 segments: 4 full, 1 short final
  const sealed = await sealBuffer(key, 'orders.csv', data);
  const headerLength = 10 + 5 + 1 + key.keyId.length + 12;
  const segment = (i: number) =>
    sealed.subarray(headerLength + i * SEG, Math.min(sealed.length, headerLength + (i + 1) * SEG));
  const open = (bytes: Buffer, teamId = 'alpha', name = 'orders.csv') =>
    unsealBuffer({ teamId, name, keys: keyring }, bytes);
  return { data, sealed, headerLength, segment, open };
}

/** Tampering must error with BLOB_TAMPERED after emitting at most the segments before `firstBad`. */
function assertTampered(
  r: { plain: Buffer; error: unknown },
  data: Buffer,
  firstBad: number,
  what: string,
): void {
  assert.ok(
    isCryptoError(r.error, 'BLOB_TAMPERED'),
    `${what}: expected BLOB_TAMPERED, got ${String(r.error)}`,
  );
  assert.ok(
    r.plain.length <= firstBad * K,
    `${what}: emitted ${r.plain.length} bytes, past segment ${firstBad}`,
  );
  assert.ok(
    data.subarray(0, r.plain.length).equals(r.plain),
    `${what}: emitted bytes are not the authentic prefix`,
  );
}

function flip(buf: Buffer, at: number): Buffer {
  const copy = Buffer.from(buf);
  copy[at] = (copy[at] ?? 0) ^ 0x01;
  return copy;
}

test('flipping any header byte is detected before anything is emitted', async () => {
  const { data, sealed, headerLength, open } = await fixture();
  for (let at = 0; at < headerLength; at++)
    assertTampered(await open(flip(sealed, at)), data, 0, `header byte ${at}`);
});

test('flipping bytes in the first, a middle and the last segment (body and tag) is detected at that segment', async () => {
  const { data, sealed, headerLength, open } = await fixture();
  for (const i of [0, 2, 4]) {
    const start = headerLength + i * SEG;
    const end = Math.min(sealed.length, start + SEG);
    for (const at of [start, start + 500, end - 17, end - 1]) {
      assertTampered(await open(flip(sealed, at)), data, i, `segment ${i} byte ${at - start}`);
    }
  }
});

test('truncation at each segment boundary, dropping the final segment, and extension are detected', async () => {
  const { data, sealed, headerLength, segment, open } = await fixture();
  for (let k = 0; k <= 4; k++) {
    assertTampered(
      await open(sealed.subarray(0, headerLength + k * SEG)),
      data,
      Math.max(0, k - 1),
      `cut after ${k} segments`,
    );
  }
  assertTampered(await open(sealed.subarray(0, 7)), data, 0, 'cut inside the header');
  assertTampered(await open(Buffer.alloc(0)), data, 0, 'empty file');
  assertTampered(await open(sealed.subarray(0, sealed.length - 1)), data, 4, 'last byte cut');
  assertTampered(await open(Buffer.concat([sealed, segment(4)])), data, 4, 'final segment repeated');
  assertTampered(await open(Buffer.concat([sealed, Buffer.of(0)])), data, 4, 'one byte appended');
});

test('swapping two segments is detected at the first swapped one', async () => {
  const { data, sealed, headerLength, segment, open } = await fixture();
  const swapped = Buffer.concat([
    sealed.subarray(0, headerLength),
    segment(0),
    segment(2),
    segment(1),
    segment(3),
    segment(4),
  ]);
  assertTampered(await open(swapped), data, 1, 'segments 1 and 2 swapped');
});

test('a blob opened as another team or under another name is refused', async () => {
  const { data, sealed, open } = await fixture();
  assertTampered(await open(sealed, 'beta'), data, 0, 'other team');
  assertTampered(await open(sealed, 'alpha', 'customers.csv'), data, 0, 'renamed');
});

test('no plaintext of a known value appears in the sealed bytes', async () => {
  const { keyring } = testKeyring();
  const marker = 'ZEBRA-7f3a-UNIQUE-canary@example.com';
  const text = Buffer.from(
    `id,email\n${Array.from({ length: 5000 }, (_, i) => `${i},${marker}`).join('\n')}`,
  );
  const sealed = await sealBuffer(await keyring.activeKey('alpha'), 'x.csv', text);
  assert.equal(sealed.indexOf(marker), -1);
  assert.equal(sealed.indexOf('ZEBRA'), -1);
});
