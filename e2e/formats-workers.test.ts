/**
 * @module Text formats are encoded in independent chunks: tiny chunks on several worker threads
 * must give byte-identical files to one thread with the default chunk size, for every format and
 * every option that changes the text (sql dialects, COPY, small INSERT batches).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { FormatName, FormatOptions } from '@tdm/core';
import { exampleSchemas, generateSmall } from './helpers/examples.js';
import { cycleSchema, hostileSchema } from './helpers/fixtures.js';
import { makeTempDir, removeDir } from './helpers/temp-output.js';

const shop = exampleSchemas().find((s) => s.name === 'shop.yaml');
const schemas = [
  ...(shop ? [shop] : []),
  { name: 'hostile', doc: hostileSchema },
  { name: 'cycle', doc: cycleSchema },
];
const variants: { format: FormatName; options?: FormatOptions }[] = [
  { format: 'csv' },
  { format: 'json' },
  { format: 'ndjson' },
  { format: 'xml' },
  { format: 'sql', options: { dialect: 'postgres', batchSize: 4 } },
  { format: 'sql', options: { dialect: 'postgres', copy: true } },
  { format: 'sql', options: { dialect: 'mysql', batchSize: 3 } },
  { format: 'sql', options: { dialect: 'sqlite', batchSize: 5 } },
];

let dir = '';
before(async () => {
  dir = await makeTempDir('workers');
});
after(() => removeDir(dir));

function filesOf(d: string): Map<string, Buffer> {
  return new Map(readdirSync(d).map((f) => [f, readFileSync(join(d, f))]));
}

for (const { name, doc } of schemas) {
  for (const [k, v] of variants.entries()) {
    test(`${name} ${v.format} ${JSON.stringify(v.options ?? {})}: 3 workers, 7-row chunks = 1 thread`, async () => {
      const one = join(dir, `${name}-${k}-one`);
      const many = join(dir, `${name}-${k}-many`);
      await mkdir(one);
      await mkdir(many);
      const opts = v.options ? { formatOptions: v.options } : {};
      await generateSmall({ doc, dir: one, format: v.format, ...opts });
      await generateSmall({ doc, dir: many, format: v.format, workers: 3, chunkRows: 7, ...opts });
      const a = filesOf(one);
      const b = filesOf(many);
      assert.deepEqual([...b.keys()].sort(), [...a.keys()].sort());
      for (const [f, bytes] of a) assert.ok(bytes.equals(b.get(f) as Buffer), `${f} is byte-identical`);
    });
  }
}
