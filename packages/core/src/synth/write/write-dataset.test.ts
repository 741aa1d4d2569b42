/**
 * @module writeDataset round trips: hostile tables (dates, timestamps with milliseconds, nulls,
 * leading-zero identifiers, unicode, quotes and line breaks, JSON, doubles) written in every
 * format read back by openDataset to the same typed values; SQL loads the same rows; bad options
 * and unfit values are coded errors that leave no files.
 */
import assert from 'node:assert/strict';
import { appendFile, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { TdmError } from '../../errors/index.js';
import type { OutputPort } from '../../generate/index.js';
import {
  openDataset,
  type CellValue,
  type ColumnInfo,
  type DatasetSource,
} from '../../quality/read/index.js';
import { collect, tempDir } from '../../quality/read/testing.js';
import { memoryDataset } from '../../quality/source.js';
import { loadSample } from '../table.js';
import { columnsSchema } from './plan.js';
import { sampleDataset } from './sample-source.js';
import { writeDataset, WRITE_FORMATS } from './write-dataset.js';

function dirOutput(dir: string): OutputPort {
  return {
    async create(name) {
      const path = join(dir, name);
      await writeFile(path, '');
      return { write: (chunk) => appendFile(path, chunk), close: async () => {} };
    },
    remove: (name) => rm(join(dir, name), { force: true }),
  };
}

const customerColumns: ColumnInfo[] = [
  { name: 'id', type: 'integer' },
  { name: 'code', type: 'string' },
  { name: 'name', type: 'string' },
  { name: 'score', type: 'number' },
  { name: 'active', type: 'boolean' },
  { name: 'born', type: 'date' },
  { name: 'seen', type: 'timestamp' },
  { name: 'meta', type: 'json' },
];
const customerRows: CellValue[][] = [
  [
    1,
    '00123',
    'Zoë "Z" O\'Brien, Jr.\nsecond line',
    0.1,
    true,
    '1980-02-29',
    '2024-03-01T10:00:00Z',
    '{"a":1,"b":[1,2]}',
  ],
  [2, '0456', '東京 😀', -2.5, false, '0999-12-31', '2024-03-01T10:00:00.123Z', '{"nested":{"x":"y"}}'],
  [3, 'A-7', ' spaced , "quoted" ', 3, null, null, null, null],
  [9007199254740991, null, null, 1e-7, true, '2038-01-19', '1969-12-31T23:59:59.999Z', '[]'],
  [-4, '000', 'tab\there\r\nCRLF', 12345.678, false, '2000-01-01', '2000-01-01T00:00:00Z', '{"q":"\\"\\n"}'],
];
const orderColumns: ColumnInfo[] = [
  { name: 'id', type: 'integer' },
  { name: 'customer_id', type: 'integer' },
  { name: 'amount', type: 'number' },
];
const orderRows: CellValue[][] = Array.from({ length: 2500 }, (_, i) => [i + 1, (i % 5) + 1, i / 8]);

const sample = (): DatasetSource =>
  memoryDataset([
    { name: 'customers', columns: customerColumns, rows: customerRows },
    { name: 'orders', columns: orderColumns, rows: orderRows },
  ]);

async function readBack(dir: string): Promise<Map<string, { columns: ColumnInfo[]; rows: CellValue[][] }>> {
  const ds = await openDataset([dir]);
  const out = new Map<string, { columns: ColumnInfo[]; rows: CellValue[][] }>();
  for (const e of ds.entities) out.set(e.name, { columns: e.columns, rows: await collect(e.batches()) });
  return out;
}

for (const format of ['csv', 'json', 'ndjson', 'parquet'] as const) {
  for (const gzip of format === 'parquet' ? [false] : [false, true]) {
    test(`${format}${gzip ? ' (gzip)' : ''}: read back to the same typed values`, async (t) => {
      const dir = await tempDir(t);
      const files = await writeDataset(sample(), { output: dirOutput(dir), format, gzip });
      const ext = `.${format}${gzip ? '.gz' : ''}`;
      assert.deepEqual(
        files.map((f) => [f.name, f.entity, f.rows]),
        [
          [`customers${ext}`, 'customers', 5],
          [`orders${ext}`, 'orders', 2500],
          ['manifest.json', null, 0],
        ],
      );
      const back = await readBack(dir);
      assert.deepEqual(back.get('customers')?.columns, customerColumns);
      assert.deepEqual(back.get('customers')?.rows, customerRows.map(canonicalJsonCells));
      assert.deepEqual(back.get('orders')?.columns, orderColumns);
      assert.deepEqual(back.get('orders')?.rows, orderRows);
    });
  }
}

/** JSON cells come back compact (JSON.stringify of the parsed value). */
function canonicalJsonCells(row: CellValue[]): CellValue[] {
  return row.map((v, i) => (i === 7 && typeof v === 'string' ? JSON.stringify(JSON.parse(v)) : v));
}

test('the manifest lists entities, files with sha256, and the columns as written', async (t) => {
  const dir = await tempDir(t);
  await writeDataset(sample(), {
    output: dirOutput(dir),
    format: 'ndjson',
    name: 'shop-synthetic',
    producedBy: 'synthesize',
    seed: 7,
  });
  const m = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
  assert.equal(m.generator, 'tdm');
  assert.equal(m.name, 'shop-synthetic');
  assert.equal(m.producedBy, 'synthesize');
  assert.equal(m.seed, 7);
  assert.equal(m.totalRows, 2505);
  assert.deepEqual(m.entities.orders.columns, orderColumns);
  assert.match(m.entities.orders.files[0].sha256, /^[0-9a-f]{64}$/);
});

test('any strings, digit strings included, read back exactly from CSV with the columns schema', async (t) => {
  const dir = await tempDir(t);
  const nullToken = /^(|NA|N\/A|n\/a|na|#N\/A|null|NULL|Null|NaN|nan|\.|-)$/;
  // The reader refuses NUL bytes (a binary file) and reads null tokens (NA, -, ...) as null.
  const cell = fc.option(
    fc.string({ unit: 'binary', minLength: 1 }).filter((s) => !nullToken.test(s) && !s.includes('\0')),
    { nil: null, freq: 6 },
  );
  const columns: ColumnInfo[] = [
    { name: 'a', type: 'string' },
    { name: 'b', type: 'string' },
  ];
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 30 }), async (rows) => {
      await rm(join(dir, 't.csv'), { force: true });
      await writeDataset(memoryDataset([{ name: 't', columns, rows }]), {
        output: dirOutput(dir),
        manifest: false,
      });
      const ds = await openDataset([join(dir, 't.csv')], { schema: columnsSchema([{ name: 't', columns }]) });
      assert.deepEqual(await collect(ds.entities[0]!.batches()), rows);
    }),
    { numRuns: 100 },
  );
});

test('sql: schema.sql has the schema’s keys and references, data.sql every row', async (t) => {
  const dir = await tempDir(t);
  const schema = {
    entities: {
      customers: {
        count: 1,
        fields: { id: { type: 'integer', primaryKey: true }, code: { type: 'string' } },
      },
      orders: {
        count: 1,
        fields: {
          id: { type: 'integer', primaryKey: true },
          customer_id: { ref: 'customers.id' },
          amount: { type: 'decimal' },
        },
      },
    },
  };
  const source = memoryDataset([
    { name: 'orders', columns: orderColumns, rows: orderRows.slice(0, 3) },
    { name: 'customers', columns: customerColumns.slice(0, 2), rows: customerRows.map((r) => r.slice(0, 2)) },
  ]);
  const files = await writeDataset(source, { output: dirOutput(dir), format: 'sql', schema });
  assert.deepEqual(
    files.map((f) => f.name),
    ['schema.sql', 'data.sql', 'manifest.json'],
  );
  // data.sql holds every table's rows (callers sum rows over files: it used to say 0).
  assert.deepEqual(
    files.map((f) => f.rows),
    [0, 3 + customerRows.length, 0],
  );
  const ddl = await readFile(join(dir, 'schema.sql'), 'utf8');
  // Parents first, whatever order the source lists them in.
  assert.ok(ddl.indexOf('CREATE TABLE "customers"') < ddl.indexOf('CREATE TABLE "orders"'));
  assert.match(ddl, /PRIMARY KEY \("id"\)/);
  assert.match(ddl, /FOREIGN KEY \("customer_id"\) REFERENCES "customers" \("id"\)/);
  const data = await readFile(join(dir, 'data.sql'), 'utf8');
  assert.match(data, /\(1, '00123'\),\n/);
  // Each table's last row closes its statement (the stream's length is known only at its end).
  assert.match(data, /\(-4, '000'\);\n/);
  assert.match(data, /\(3, 3, '0\.25'\);\nCOMMIT;\n$/);
});

test('bad options and values unfit for parquet are coded errors, and leave no files', async (t) => {
  const dir = await tempDir(t);
  const output = dirOutput(dir);
  await assert.rejects(writeDataset(sample(), { output, format: 'xml' as never }), {
    code: 'FORMAT_UNSUPPORTED',
  });
  await assert.rejects(writeDataset(sample(), { output, format: 'parquet', gzip: true }), {
    code: 'FORMAT_OPTION_INVALID',
  });
  await assert.rejects(writeDataset(sample(), { output, format: 'csv', dialect: 'mysql' }), {
    code: 'FORMAT_OPTION_INVALID',
  });
  const raw = memoryDataset([
    { name: 'ok', columns: orderColumns, rows: orderRows.slice(0, 2) },
    { name: 't', columns: [{ name: 'n', type: 'integer' }], rows: [[1], ['twelve']] },
  ]);
  await assert.rejects(writeDataset(raw, { output, format: 'parquet' }), (e: unknown) => {
    assert.ok(e instanceof TdmError);
    assert.equal(e.code, 'FORMAT_UNSUPPORTED');
    assert.equal(e.message, 'parquet: t.n is an integer column but holds "twelve"');
    return true;
  });
  const unsafe = memoryDataset([
    { name: 't', columns: [{ name: 'n', type: 'integer' }], rows: [[9142671237570272]] },
  ]);
  await assert.rejects(writeDataset(unsafe, { output, format: 'parquet' }), {
    message: 'parquet: t.n is an integer column but holds 9142671237570272 (beyond 2^53, not exact)',
  });
  assert.deepEqual(await readdir(dir), []);
  // The text formats keep a raw value as text.
  await writeDataset(raw, { output, format: 'csv', manifest: false });
  assert.equal(await readFile(join(dir, 't.csv'), 'utf8'), 'n\r\n1\r\ntwelve\r\n');
});

test('an aborted write stops, removes its files and says so', async (t) => {
  const dir = await tempDir(t);
  const controller = new AbortController();
  const promise = writeDataset(sample(), {
    output: dirOutput(dir),
    signal: controller.signal,
    onProgress: (rows) => {
      if (rows > 1000) controller.abort();
    },
  });
  await assert.rejects(promise, { code: 'GENERATION_CANCELLED' });
  assert.deepEqual(await readdir(dir), []);
});

test('every format is accepted', () => {
  assert.deepEqual([...WRITE_FORMATS], ['csv', 'json', 'ndjson', 'parquet', 'sql']);
});

test('rows stream: between two writes the writer pulls at most what one write holds', async () => {
  let pulled = 0;
  let pulledAtLastWrite = 0;
  let ahead = 0;
  const columns: ColumnInfo[] = [{ name: 'n', type: 'integer' }];
  const source: DatasetSource = {
    entities: [
      {
        name: 'big',
        file: 'big.mem',
        files: ['big.mem'],
        format: 'ndjson',
        columns,
        async *rows() {},
        async *batches() {
          for (let b = 0; b < 200; b++) {
            pulled++;
            yield Array.from({ length: 1000 }, (_, i) => [b * 1000 + i]);
          }
        },
      },
    ],
  };
  const output: OutputPort = {
    async create() {
      return {
        write: async () => {
          ahead = Math.max(ahead, pulled - pulledAtLastWrite);
          pulledAtLastWrite = pulled;
          await new Promise<void>((r) => setImmediate(r));
        },
        close: async () => {},
      };
    },
    remove: async () => {},
  };
  for (const format of ['ndjson', 'parquet'] as const) {
    pulled = 0;
    pulledAtLastWrite = 0;
    const files = await writeDataset(source, { output, format, manifest: false });
    assert.equal(files[0]?.rows, 200_000);
  }
  // ndjson writes one chunk per batch; parquet one per 65,536-row group (66 batches).
  assert.ok(ahead <= 66, `the writer pulled ${ahead} batches between two writes`);
});

test('sample tables write through sampleDataset and read back as loaded', async (t) => {
  const dir = await tempDir(t);
  const tables = await loadSample(sample());
  await writeDataset(sampleDataset(tables), { output: dirOutput(dir), format: 'parquet' });
  const back = await loadSample(await openDataset([dir]));
  assert.deepEqual(
    back.map((b) => [b.name, b.rows, b.columns.map((c) => c.type)]),
    tables.map((b) => [b.name, b.rows, b.columns.map((c) => c.type)]),
  );
  assert.deepEqual(back[1]!.columns[2]!.values, tables[1]!.columns[2]!.values);
});

test('sql: references make parent keys and foreign keys, parents loaded first', async (t) => {
  const dir = await tempDir(t);
  const source = memoryDataset([
    { name: 'orders', columns: orderColumns, rows: orderRows.slice(0, 3) },
    { name: 'customers', columns: customerColumns.slice(0, 2), rows: customerRows.map((r) => r.slice(0, 2)) },
  ]);
  await writeDataset(source, {
    output: dirOutput(dir),
    format: 'sql',
    dialect: 'sqlite',
    references: [
      { from: { table: 'orders', column: 'customer_id' }, to: { table: 'customers', column: 'id' } },
    ],
  });
  const ddl = await readFile(join(dir, 'schema.sql'), 'utf8');
  assert.ok(ddl.indexOf('CREATE TABLE "customers"') < ddl.indexOf('CREATE TABLE "orders"'));
  assert.match(ddl, /"id" INTEGER NOT NULL,[\s\S]*PRIMARY KEY \("id"\)/);
  assert.match(ddl, /FOREIGN KEY \("customer_id"\) REFERENCES "customers" \("id"\)/);
  const data = await readFile(join(dir, 'data.sql'), 'utf8');
  assert.ok(data.indexOf('INSERT INTO "customers"') < data.indexOf('INSERT INTO "orders"'));
  await assert.rejects(
    writeDataset(source, {
      output: dirOutput(dir),
      references: [{ from: { table: 'orders', column: 'nope' }, to: { table: 'customers', column: 'id' } }],
    }),
    { code: 'DATASET_COLUMNS_MISMATCH', message: 'references[0].from: table "orders" has no column "nope"' },
  );
});
