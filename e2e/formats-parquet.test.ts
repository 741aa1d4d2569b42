/**
 * @module Parquet row groups as parquet-wasm sees them: a table written with small row groups has
 * one group per `rowGroupRows` rows (the writer streams them) and still reads back row for row.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parquetRowGroups } from './helpers/arrow-ffi.js';
import { engineTables, exampleSchemas, generateSmall } from './helpers/examples.js';
import { hostileSchema } from './helpers/fixtures.js';
import { parquetExpected, readParquetFile } from './helpers/readers.js';
import { makeTempDir, removeDir } from './helpers/temp-output.js';

const shop = exampleSchemas().find((s) => s.name === 'shop.yaml');
const schemas = [...(shop ? [shop] : []), { name: 'hostile', doc: hostileSchema }];
let dir = '';
before(async () => {
  dir = await makeTempDir('parquet');
});
after(() => removeDir(dir));

const ROW_GROUP_ROWS = 6;

for (const { name, doc } of schemas) {
  test(`${name}: one row group per ${ROW_GROUP_ROWS} rows, rows unchanged`, async () => {
    const out = join(dir, name);
    await mkdir(out);
    await generateSmall({
      doc,
      dir: out,
      format: 'parquet',
      formatOptions: { rowGroupRows: ROW_GROUP_ROWS },
    });
    for (const t of engineTables(doc)) {
      const path = join(out, `${t.name}.parquet`);
      assert.equal(
        await parquetRowGroups(new Uint8Array(readFileSync(path))),
        Math.ceil(t.rows.length / ROW_GROUP_ROWS),
      );
      assert.deepEqual(
        readParquetFile(path).rows,
        t.rows.map((r) => t.columns.map((c, i) => parquetExpected(r[i] ?? null, c))),
      );
    }
  });
}
