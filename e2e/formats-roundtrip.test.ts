/**
 * @module Every example (and the hostile fixtures) generated in every file format and read back
 * with an independent reader: the rows must equal what the engine computes, value for value.
 */
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { compileSchema, xmlName, xmlNames, type FormatName } from '@tdm/core';
import {
  engineTables,
  exampleSchemas,
  generateSmall,
  NOW,
  smallCounts,
  type EngineTable,
} from './helpers/examples.js';
import { fixtureSchemas } from './helpers/fixtures.js';
import {
  arrowFormatExpected,
  csvExpected,
  jsonExpected,
  parquetExpected,
  readCsv,
  readJsonArray,
  readNdjson,
  readParquetFile,
  readXml,
  xmlExpected,
} from './helpers/readers.js';
import { makeTempDir, removeDir } from './helpers/temp-output.js';

const schemas = [...exampleSchemas(), ...fixtureSchemas];

function checkCsv(dir: string, t: EngineTable): void {
  const { header, rows } = readCsv(join(dir, `${t.name}.csv`));
  assert.deepEqual(
    header,
    t.columns.map((c) => c.name),
  );
  assert.deepEqual(
    rows,
    t.rows.map((r) => t.columns.map((c, i) => csvExpected(r[i] ?? null, c))),
  );
}

function checkJson(dir: string, t: EngineTable): void {
  const expected = t.rows.map((r) => jsonExpected(r, t.columns));
  assert.deepEqual(readJsonArray(join(dir, `${t.name}.json`)), expected);
}

function checkNdjson(dir: string, t: EngineTable): void {
  const expected = t.rows.map((r) => jsonExpected(r, t.columns));
  assert.deepEqual(readNdjson(join(dir, `${t.name}.ndjson`)), expected);
}

function checkXml(dir: string, t: EngineTable, xml: { element: string; row: string }): void {
  const names = xmlNames(t.columns.map((c) => c.name));
  const { declaration, rows } = readXml(join(dir, `${t.name}.xml`), xmlName(xml.element), xmlName(xml.row));
  assert.deepEqual(declaration, { '@_version': '1.0', '@_encoding': 'UTF-8' });
  assert.deepEqual(
    rows,
    t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [names[i], xmlExpected(r[i] ?? null, c)]))),
  );
}

function checkParquet(dir: string, t: EngineTable): void {
  const { columns, rows } = readParquetFile(join(dir, `${t.name}.parquet`));
  assert.deepEqual(
    columns,
    t.columns.map((c) => ({ name: c.name, format: arrowFormatExpected(c) })),
  );
  assert.deepEqual(
    rows,
    t.rows.map((r) => t.columns.map((c, i) => parquetExpected(r[i] ?? null, c))),
  );
}

const checks: Record<
  Exclude<FormatName, 'sql'>,
  (dir: string, t: EngineTable, xml: { element: string; row: string }) => void
> = {
  csv: checkCsv,
  json: checkJson,
  ndjson: checkNdjson,
  xml: checkXml,
  parquet: checkParquet,
};

for (const schema of schemas) {
  describe(`round trip: ${schema.name}`, () => {
    let dir = '';
    const tables = engineTables(schema.doc);
    const plans = compileSchema(schema.doc, { now: NOW, counts: smallCounts(schema.doc) }).tables;
    before(async () => {
      dir = await makeTempDir('roundtrip');
    });
    after(() => removeDir(dir));

    for (const [format, check] of Object.entries(checks) as [
      Exclude<FormatName, 'sql'>,
      (typeof checks)[Exclude<FormatName, 'sql'>],
    ][]) {
      test(format, async () => {
        const out = join(dir, format);
        await mkdir(out);
        const ds = await generateSmall({ doc: schema.doc, dir: out, format });
        for (const t of tables) {
          assert.equal(ds.manifest.entities[t.name]?.rows, t.rows.length);
          const plan = plans.find((p) => p.name === t.name);
          assert.ok(plan);
          check(out, t, plan.xml);
        }
      });
    }
  });
}
