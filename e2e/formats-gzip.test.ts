/**
 * @module gzip output: for every format, each `.gz` file gunzips to exactly the bytes of the file
 * generated without gzip, and the manifest's sha256 is that of the bytes on disk.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { formatNames } from '@tdm/core';
import { exampleSchemas, generateSmall } from './helpers/examples.js';
import { hostileSchema } from './helpers/fixtures.js';
import { makeTempDir, removeDir } from './helpers/temp-output.js';

const shop = exampleSchemas().find((s) => s.name === 'shop.yaml');
const schemas = [...(shop ? [shop] : []), { name: 'hostile', doc: hostileSchema }];
let dir = '';
before(async () => {
  dir = await makeTempDir('gzip');
});
after(() => removeDir(dir));

for (const { name, doc } of schemas) {
  for (const format of formatNames) {
    test(`${name} ${format}: gunzipped files equal the plain files`, async () => {
      const plainDir = join(dir, `${name}-${format}-plain`);
      const gzDir = join(dir, `${name}-${format}-gz`);
      await mkdir(plainDir);
      await mkdir(gzDir);
      const plain = await generateSmall({ doc, dir: plainDir, format });
      const gz = await generateSmall({ doc, dir: gzDir, format, gzip: true });
      const plainFiles = [
        ...plain.manifest.files,
        ...Object.values(plain.manifest.entities).flatMap((e) => e.files),
      ];
      const gzFiles = [...gz.manifest.files, ...Object.values(gz.manifest.entities).flatMap((e) => e.files)];
      assert.deepEqual(
        gzFiles.map((f) => f.name),
        plainFiles.map((f) => `${f.name}.gz`),
      );
      for (const [i, f] of gzFiles.entries()) {
        const bytes = readFileSync(join(gzDir, f.name));
        assert.equal(f.sha256, createHash('sha256').update(bytes).digest('hex'));
        const expected = readFileSync(join(plainDir, (plainFiles[i] as { name: string }).name));
        assert.ok(gunzipSync(bytes).equals(expected), `${f.name} gunzips to the plain bytes`);
      }
    });
  }
}
