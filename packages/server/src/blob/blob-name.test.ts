import assert from 'node:assert/strict';
import { sep } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { isCryptoError } from '../crypto/index.js';
import { blobPath, teamDirectory, validateBlobName } from './blob-name.js';
import { drain, testBlobStore } from './blob-test-support.js';

const cases: Array<[string, string]> = [
  ['../etc/passwd', 'blob name "../etc/passwd" has a ".." segment'],
  ['a/../../b', 'blob name "a/../../b" has a ".." segment'],
  ['a/./b', 'blob name "a/./b" has a "." segment'],
  ['/etc/passwd', 'blob name "/etc/passwd" is absolute (names are relative to the team)'],
  ['a\\..\\b', 'blob name "a\\\\..\\\\b" contains a backslash (use `/` to separate segments)'],
  ['a\u0000b', 'blob name "a\\u0000b" contains a NUL character'],
  ['', 'blob name "" is empty'],
  ['a//b', 'blob name "a//b" has an empty segment (`//` or a trailing `/`)'],
  ['a/', 'blob name "a/" has an empty segment (`//` or a trailing `/`)'],
  ['.tmp-123', 'blob name ".tmp-123" has a segment outside [A-Za-z0-9._-] or starting with `.`'],
  ['C:x', 'blob name "C:x" has a segment outside [A-Za-z0-9._-] or starting with `.`'],
  ['a'.repeat(513), `blob name "${'a'.repeat(80)}…" is longer than 512 characters`],
  ['b'.repeat(201), 'blob name "' + 'b'.repeat(80) + '…" has a segment longer than 200 characters'],
];

test('traversal and malformed names are rejected with BLOB_NAME_INVALID and an exact message', () => {
  for (const [name, message] of cases) {
    assert.throws(
      () => validateBlobName(name),
      (e: unknown) => isCryptoError(e, 'BLOB_NAME_INVALID') && e.message === message,
      JSON.stringify(name),
    );
  }
});

test('the store refuses bad names on every operation', async () => {
  const { blobs } = await testBlobStore();
  const bad = '../x';
  const ops = [
    () => blobs.putBlob('alpha', bad),
    () => blobs.getBlob('alpha', bad),
    () => blobs.hasBlob('alpha', bad),
    () => blobs.deleteBlob('alpha', bad),
    () => blobs.listBlobs('alpha', bad),
  ];
  for (const op of ops) await assert.rejects(op(), (e: unknown) => isCryptoError(e, 'BLOB_NAME_INVALID'));
});

const segmentChar = fc.constantFrom(...'abcXYZ019._-'.split(''));
const validName = fc
  .array(
    fc
      .tuple(fc.constantFrom(...'aZ0_-'.split('')), fc.array(segmentChar, { maxLength: 12 }))
      .map(([h, t]) => h + t.join('')),
    { minLength: 1, maxLength: 4 },
  )
  .map((segments) => segments.join('/'));
const nastyChar = fc.constantFrom('.', '/', '\\', '\u0000', ':', ' ', 'é', '\n', 'a', '-', '%');
const anyName = fc.oneof(
  validName,
  fc.array(nastyChar, { maxLength: 20 }).map((c) => c.join('')),
  fc.string(),
);

test('property: every name is either valid and inside the team directory, or BLOB_NAME_INVALID', () => {
  const team = teamDirectory('/srv/tdm/blobs', 'alpha');
  fc.assert(
    fc.property(anyName, (name) => {
      let path: string;
      try {
        path = blobPath(team, name);
      } catch (e) {
        return isCryptoError(e, 'BLOB_NAME_INVALID');
      }
      return (
        path.startsWith(team + sep) &&
        path
          .slice(team.length + 1)
          .split(sep)
          .join('/') === name
      );
    }),
    { numRuns: 2000 },
  );
});

test('property: valid names round trip through the store', async () => {
  const { blobs } = await testBlobStore();
  await fc.assert(
    fc.asyncProperty(validName, fc.uint8Array({ maxLength: 300 }), async (name, bytes) => {
      // A name that is a directory of an earlier blob (or under an earlier blob) cannot be a file.
      const w = await blobs.putBlob('alpha', name).catch(() => null);
      if (!w) return;
      await w.write(bytes);
      const closed = await w.close().then(
        () => true,
        () => false,
      );
      if (!closed) return;
      const back = await drain(await blobs.getBlob('alpha', name));
      assert.deepEqual(new Uint8Array(back.data), bytes);
      assert.ok((await blobs.listBlobs('alpha')).includes(name));
    }),
    { numRuns: 60 },
  );
});

test('team directories are distinct per team and never derived from the raw team id', () => {
  const dirs = ['alpha', 'Alpha', '../beta', 'a/b', '..'].map((t) => teamDirectory('/root', t));
  assert.equal(new Set(dirs).size, dirs.length);
  for (const d of dirs) assert.match(d, /^\/root\/t-[0-9a-f]{32}$/);
});
