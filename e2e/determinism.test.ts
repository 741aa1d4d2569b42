/**
 * @module Reproducibility end to end: the same recipe gives the same sha256s, for every example,
 * every format and any worker count; another seed gives other bytes.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { formats, generateData, type FormatName, type Manifest, type OutputPort } from '@tdm/core';

/** An output port that keeps nothing but sizes: the manifest carries the checksums. */
const nullOutput: OutputPort = {
  create: async () => ({ write: async () => undefined, close: async () => undefined }),
  remove: async () => undefined,
};

const examples = readdirSync('examples').filter((f) => f.endsWith('.yaml'));
const NOW = Date.UTC(2026, 0, 15);

async function checksums(
  file: string,
  format: FormatName,
  workers: number,
  seed?: number,
): Promise<Manifest> {
  const ds = await generateData(await readFile(`examples/${file}`, 'utf8'), {
    output: nullOutput,
    format,
    workers,
    now: NOW,
    chunkRows: 257,
    writeManifest: false,
    ...(seed !== undefined ? { seed } : {}),
  });
  return ds.manifest;
}

for (const file of examples) {
  for (const format of Object.keys(formats) as FormatName[]) {
    test(`${file} as ${format}: 1 and 2 workers give the same bytes`, async () => {
      const one = await checksums(file, format, 1);
      const two = await checksums(file, format, 2);
      assert.deepEqual(two, one);
      assert.ok(one.totalRows > 0);
    });
  }
  test(`${file}: same seed, same bytes; another seed, other bytes`, async () => {
    const a = await checksums(file, 'csv', 1, 11);
    const b = await checksums(file, 'csv', 1, 11);
    const c = await checksums(file, 'csv', 1, 12);
    assert.deepEqual(a, b);
    assert.notDeepEqual(
      Object.values(a.entities).map((e) => e.files[0]?.sha256),
      Object.values(c.entities).map((e) => e.files[0]?.sha256),
    );
  });
}
