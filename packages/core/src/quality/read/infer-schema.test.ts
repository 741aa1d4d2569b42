/**
 * @module inferSchema on small hand-made files: widening on dirty values, null rates, uniqueness
 * with nulls, enum thresholds; and a property: any table of text infers a schema that parses.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseSchema } from '../../dsl/index.js';
import { csvField } from '../../format/index.js';
import { inferSchema, openDataset } from './index.js';
import { tempDir } from './testing.js';

async function inferCsv(dir: string, name: string, text: string) {
  const file = join(dir, `${name}.csv`);
  await writeFile(file, text);
  return (await inferSchema(await openDataset([file], { sampleRows: 50 }))).entities[name]!;
}

test('a few bad values keep the type (checks will count them); many widen it to text', async (t) => {
  const dir = await tempDir(t);
  const rows = (bad: number) =>
    'n\n' + Array.from({ length: 300 }, (_v, i) => (i >= 300 - bad ? 'oops' : String(i))).join('\n') + '\n';
  // The sample (50 rows) sees integers only; 2 of 300 are text: under 1%, still an integer field
  // (and not unique: "oops" twice).
  assert.deepEqual((await inferCsv(dir, 'few', rows(2))).fields.n, { type: 'integer', min: 0, max: 297 });
  assert.deepEqual((await inferCsv(dir, 'many', rows(30))).fields.n, { type: 'string' });
});

test('null rates, unique with nulls, enums only for repeating text, id-like keys first', async (t) => {
  const dir = await tempDir(t);
  const lines = ['code,id,color,note'];
  for (let i = 0; i < 40; i++)
    lines.push(`C${i},${i + 1},${['red', 'green', 'blue'][i % 3]},${i % 4 === 0 ? 'NA' : 'n' + i}`);
  const e = await inferCsv(dir, 'things', lines.join('\r\n') + '\r\n');
  assert.equal(e.count, 40);
  assert.deepEqual(e.fields.id, { type: 'integer', min: 1, max: 40, primaryKey: true });
  assert.deepEqual(e.fields.code, { type: 'string', minLength: 2, maxLength: 3, unique: true });
  assert.deepEqual(e.fields.color, { type: 'enum', values: { red: 14, green: 13, blue: 13 } });
  assert.deepEqual(e.fields.note, {
    type: 'string',
    minLength: 2,
    maxLength: 3,
    unique: true,
    nullRate: 0.25,
  });
});

test('any table of text infers without throwing, and the schema parses as DSL (property)', async (t) => {
  const dir = await tempDir(t);
  let run = 0;
  const cell = fc.option(
    fc.oneof(
      fc.string(),
      fc.integer().map(String),
      fc.double({ noNaN: true }).map(String),
      fc.constantFrom(
        'true',
        'no',
        '2024-01-05',
        'Jan 5 2024',
        '2024-01-05 10:00',
        '{"a":[1]}',
        '[]',
        '007',
        'NA',
      ),
    ),
    { nil: null },
  );
  await fc.assert(
    fc.asyncProperty(
      fc
        .integer({ min: 1, max: 4 })
        .chain((w) =>
          fc.array(fc.array(cell, { minLength: w, maxLength: w }), { minLength: 1, maxLength: 15 }),
        ),
      async (rows) => {
        const name = `t${run++}`;
        const header = rows[0]!.map((_c, i) => `c${i}`).join(',');
        const body = rows.map((r) => r.map((v) => (v === null ? '' : csvField(v))).join(',')).join('\n');
        const e = await inferCsv(dir, name, header + '\n' + body + '\n');
        // Every row counts, the all-null row of a one-column file (a blank line) too.
        assert.equal(e.count, rows.length);
        parseSchema({ entities: { [name]: e } });
      },
    ),
    { numRuns: 60 },
  );
});
