/**
 * @module openDataset on data the real generator wrote: every readable format yields the same
 * typed rows, with and without the schema; refused formats and mismatches are coded errors.
 */
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { compileSchema } from '../../compile/index.js';
import { parseSchema, type SchemaDoc } from '../../dsl/index.js';
import { TdmError } from '../../errors/index.js';
import { inferSchema, openDataset, openDatasetEntities, type CellValue } from './index.js';
import { collect, generateInto, tempDir } from './testing.js';

const schema = parseSchema({
  name: 'shop',
  seed: 5,
  entities: {
    customers: {
      count: 300,
      fields: {
        id: { type: 'uuid', primaryKey: true },
        zip: { type: 'regex', pattern: '0[0-9]{4}' },
        name: { type: 'person.firstName' },
        note: { type: 'enum', values: ['a,b', 'say "x"', 'two\nlines'], nullRate: 0.2 },
        vip: { type: 'boolean' },
        born: { type: 'date', min: '1950-01-01', max: '2000-12-31' },
        joined: { type: 'timestamp', min: '2020-01-01', max: '2025-12-31' },
        limit: { type: 'decimal', min: 0, max: 1000, scale: 2 },
      },
    },
    orders: {
      count: { per: 'customers', distribution: 'uniform', min: 0, max: 6 },
      fields: {
        id: { type: 'integer', primaryKey: true, sequence: 1 },
        customer_id: { ref: 'customers.id' },
        status: { type: 'enum', values: { placed: 1, paid: 2, shipped: 6 } },
        items: { type: 'integer', min: 1, max: 5 },
        meta: { type: 'json', shape: { gift: { type: 'boolean' } } },
      },
    },
  },
});

async function rowsOf(dir: string, doc?: SchemaDoc): Promise<Record<string, CellValue[][]>> {
  const ds = await openDataset([dir], doc ? { schema: doc } : {});
  const out: Record<string, CellValue[][]> = {};
  for (const e of ds.entities) {
    const names = e.columns.map((c) => c.name);
    // Rows keyed by name so formats with other column orders compare equal.
    const order = [
      'id',
      'zip',
      'name',
      'note',
      'vip',
      'born',
      'joined',
      'limit',
      'customer_id',
      'status',
      'items',
      'meta',
    ]
      .map((n) => names.indexOf(n))
      .filter((i) => i >= 0);
    out[e.name] = (await collect(e.batches())).map((r) => order.map((i) => r[i]!));
  }
  return out;
}

test('csv, csv.gz, json, ndjson and parquet of one dataset read as the same typed rows', async (t) => {
  const root = await tempDir(t);
  const dirs: Record<string, string> = {};
  for (const [name, options] of [
    ['csv', { format: 'csv' }],
    ['csvgz', { format: 'csv', gzip: true }],
    ['json', { format: 'json' }],
    ['ndjson', { format: 'ndjson' }],
    ['parquet', { format: 'parquet' }],
  ] as const) {
    dirs[name] = join(root, name);
    await mkdir(dirs[name]);
    await generateInto(dirs[name], schema, options);
  }
  const reference = await rowsOf(dirs.csv!, schema);
  const customers = reference.customers!;
  assert.equal(customers.length, 300);
  // Typed by the schema: leading-zero text, booleans, ISO dates and timestamps, numbers, nulls.
  for (const [id, zip, name, note, vip, born, joined, limit] of customers) {
    assert.match(String(id), /^[0-9a-f-]{36}$/);
    assert.match(String(zip), /^0\d{4}$/);
    assert.equal(typeof name, 'string');
    assert.ok(note === null || ['a,b', 'say "x"', 'two\nlines'].includes(note as string), String(note));
    assert.equal(typeof vip, 'boolean');
    assert.match(String(born), /^\d{4}-\d{2}-\d{2}$/);
    assert.match(String(joined), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/);
    assert.equal(typeof limit, 'number');
  }
  assert.ok(customers.some((r) => r[3] === null) && customers.some((r) => r[3] === 'two\nlines'));
  for (const name of ['csvgz', 'json', 'ndjson', 'parquet']) {
    assert.deepEqual(await rowsOf(dirs[name]!, schema), reference, name);
  }
  // Without the schema the same values come back: types are inferred from the sample.
  const inferred = await rowsOf(dirs.csv!);
  assert.deepEqual(inferred.customers, customers);
  assert.deepEqual(inferred.orders, reference.orders);
});

test('inferSchema finds keys, the foreign key, enums and ranges; the result compiles', async (t) => {
  const dir = await tempDir(t);
  await generateInto(dir, schema, { format: 'csv' });
  const ds = await openDataset([dir]);
  const doc = await inferSchema(ds);
  const customers = doc.entities.customers!;
  const orders = doc.entities.orders!;
  assert.equal(customers.count, 300);
  assert.deepEqual(customers.fields.id, { type: 'uuid', primaryKey: true });
  assert.equal(customers.fields.zip!.type, 'string');
  assert.equal(customers.fields.vip!.type, 'boolean');
  assert.deepEqual(Object.keys(customers.fields.note!.values as object).sort(), [
    'a,b',
    'say "x"',
    'two\nlines',
  ]);
  assert.ok((customers.fields.note!.nullRate ?? 0) > 0.1);
  assert.equal(customers.fields.born!.type, 'date');
  assert.ok(String(customers.fields.born!.min) >= '1950-01-01');
  assert.equal(customers.fields.limit!.type, 'decimal');
  assert.deepEqual(orders.fields.id, { type: 'integer', min: 1, max: orders.count, primaryKey: true });
  assert.deepEqual(orders.fields.customer_id, { ref: 'customers.id' });
  assert.deepEqual(Object.keys(orders.fields.status!.values as object).sort(), ['paid', 'placed', 'shipped']);
  assert.deepEqual(orders.fields.items, { type: 'integer', min: 1, max: 5 });
  assert.deepEqual(orders.fields.meta, { type: 'json', shape: { gift: { type: 'boolean' } } });
  // The inferred schema is a valid DSL document: it parses, compiles, and regenerates.
  const compiled = compileSchema(parseSchema(doc), { now: Date.UTC(2026, 0, 1) });
  assert.deepEqual(
    compiled.tables.map((tb) => tb.name),
    ['customers', 'orders'],
  );
});

async function rejects(p: Promise<unknown>, code: string, message: string | RegExp): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof TdmError, String(e));
    assert.equal(e.code, code);
    if (typeof message === 'string') assert.equal(e.message, message);
    else assert.match(e.message, message);
    return true;
  });
}

test('coded errors: refused formats, unknown files, missing paths, columns not matching the schema', async (t) => {
  const root = await tempDir(t);
  const sql = join(root, 'sql');
  await mkdir(sql);
  await generateInto(sql, schema, { format: 'sql' });
  await rejects(
    openDataset([sql]),
    'DATASET_FORMAT_UNSUPPORTED',
    `${sql}: SQL datasets cannot be checked: regenerate it with --format csv, ndjson or parquet`,
  );
  await writeFile(join(root, 'x.xml'), '<a/>');
  await rejects(
    openDataset([join(root, 'x.xml')]),
    'DATASET_FORMAT_UNSUPPORTED',
    /XML datasets cannot be checked: regenerate it/,
  );
  await writeFile(join(root, 'x.xlsx'), 'PK');
  await rejects(
    openDataset([join(root, 'x.xlsx')]),
    'DATASET_FORMAT_UNKNOWN',
    `${join(root, 'x.xlsx')}: unknown data file type`,
  );
  await rejects(
    openDataset([join(root, 'none')]),
    'DATASET_FILE_UNREADABLE',
    `${join(root, 'none')}: no such file`,
  );
  await writeFile(join(root, 'junk.parquet'), 'PAR1 this is not parquet PAR1');
  await rejects(
    openDataset([join(root, 'junk.parquet')]),
    'DATASET_ROW_MALFORMED',
    /junk\.parquet:1: not a valid Parquet file/,
  );
  const csv = join(root, 'customers.csv');
  await writeFile(csv, 'id,name,extra\n1,Ann,x\n');
  await rejects(
    openDataset([csv], { schema }),
    'DATASET_COLUMNS_MISMATCH',
    `${csv}: columns do not match entity "customers": missing "zip", "note", "vip", "born", "joined", "limit"; not in the schema "extra"`,
  );
  const other = join(root, 'people.csv');
  await writeFile(other, 'id\n1\n');
  await rejects(
    openDataset([other], { schema }),
    'DATASET_COLUMNS_MISMATCH',
    `${other}: no entity "people" in the schema (it has customers, orders)`,
  );
});

test('rows() re-reads from the start each call and stops when aborted', async (t) => {
  const dir = await tempDir(t);
  await generateInto(dir, schema, { format: 'ndjson' });
  const [customers] = (await openDataset([join(dir, 'customers.ndjson')])).entities;
  let n = 0;
  for await (const _r of customers!.rows()) n++;
  let again = 0;
  for await (const _r of customers!.rows()) again++;
  assert.equal(n, 300);
  assert.equal(again, 300);
  const ac = new AbortController();
  ac.abort();
  await assert.rejects(collect(customers!.batches(ac.signal)), { name: 'AbortError' });
});

test('openDatasetEntities reads through a DatasetFiles source: same rows as local files, gzip too, Parquet refused', async (t) => {
  const root = await tempDir(t);
  const local = join(root, 'csv');
  const gz = join(root, 'gz');
  await mkdir(local);
  await mkdir(gz);
  await generateInto(local, schema, { format: 'csv' });
  await generateInto(gz, schema, { format: 'csv', gzip: true });
  const reference = await rowsOf(local, schema);
  const { readFile } = await import('node:fs/promises');
  const served: string[] = [];
  // Bytes from memory in pieces of 7 bytes: chunk boundaries split records, quotes and characters.
  const access = {
    async *chunks(file: string) {
      served.push(file);
      const bytes = await readFile(join(file.endsWith('.gz') ? gz : local, file));
      for (let i = 0; i < bytes.length; i += 7) yield bytes.subarray(i, i + 7);
    },
  };
  for (const suffix of ['', '.gz']) {
    const ds = await openDatasetEntities(
      ['customers', 'orders'].map((name) => ({
        name,
        files: [`${name}.csv${suffix}`],
        format: 'csv' as const,
      })),
      { schema, access },
    );
    for (const e of ds.entities) {
      const rows = await collect(e.batches());
      assert.equal(rows.length, reference[e.name]!.length, e.name);
      assert.deepEqual(
        rows.map((r) => r[0]),
        reference[e.name]!.map((r) => r[0]),
      );
    }
  }
  assert.ok(served.includes('customers.csv') && served.includes('orders.csv.gz'));
  await assert.rejects(
    openDatasetEntities([{ name: 'customers', files: ['customers.parquet'], format: 'parquet' }], { access }),
    (e: unknown) => e instanceof TdmError && e.code === 'DATASET_FORMAT_UNSUPPORTED',
  );
});
