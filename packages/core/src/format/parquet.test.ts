/**
 * @module Parquet writer: row groups stream to the sink as they fill (memory holds one group),
 * typed schema, empty tables, option and value errors, sink failures passed through.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import type { ColumnSpec, TablePlan } from '../compile/index.js';
import { TdmError } from '../errors/index.js';
import type { Value } from '../expr/index.js';
import { parquetFormat } from './parquet.js';
import type { ByteSink, FormatOptions } from './types.js';

const columns: ColumnSpec[] = [
  { name: 'id', kind: 'integer', nullable: false },
  { name: 'name', kind: 'string', nullable: true },
  { name: 'price', kind: 'decimal', scale: 2, nullable: false },
  { name: 'day', kind: 'date', nullable: false },
  { name: 'at', kind: 'timestamp', nullable: true },
  { name: 'clock', kind: 'time', nullable: false },
  { name: 'ok', kind: 'boolean', nullable: false },
  { name: 'key', kind: 'uuid', nullable: false },
  { name: 'doc', kind: 'json', nullable: true },
];

const table = (rowCount: number): TablePlan => ({
  name: 't',
  rowCount,
  columns,
  primaryKey: ['id'],
  uniques: [],
  foreignKeys: [],
  xml: { element: 't', row: 'r' },
});

const DAY = 86_400_000;
const rowOf = (i: number): Value[] => [
  i,
  i % 3 === 0 ? null : `name ${i} 😀`,
  i * 1.25,
  (18_000 + i) * DAY,
  i % 4 === 0 ? null : Date.UTC(2024, 0, 1) + i * 1001,
  i * 1000,
  i % 2 === 0,
  `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  i % 5 === 0 ? null : { i, tags: ['a', 'b'] },
];

class MemorySink implements ByteSink {
  readonly chunks: Uint8Array[] = [];
  async write(chunk: Uint8Array | string): Promise<void> {
    this.chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  }
  bytes(): ArrayBuffer {
    const b = Buffer.concat(this.chunks);
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  }
}

async function write(
  rowCount: number,
  options: FormatOptions,
  sink: ByteSink,
  onGroup?: () => void,
): Promise<void> {
  const w = parquetFormat.open(table(rowCount), options, sink);
  for (let start = 0; start < rowCount; start += 4) {
    const rows: Value[][] = [];
    for (let i = start; i < Math.min(rowCount, start + 4); i++) rows.push(rowOf(i));
    await w.writeRows(rows);
    onGroup?.();
  }
  await w.close();
}

test('row groups reach the sink before the table is finished', async () => {
  const sink = new MemorySink();
  const seen: number[] = [];
  await write(30, { rowGroupRows: 8 }, sink, () => seen.push(sink.chunks.length));
  // After 8, 16 and 24 rows a row group was flushed: bytes left before close; the rest at close.
  assert.deepEqual(seen, [0, 1, 1, 2, 2, 3, 3, 3]);
  const meta = parquetMetadata(sink.bytes());
  assert.deepEqual(
    meta.row_groups.map((g) => Number(g.num_rows)),
    [8, 8, 8, 6],
  );
});

test('typed columns read back (hyparquet)', async () => {
  const sink = new MemorySink();
  await write(10, {}, sink);
  const file = sink.bytes();
  const schema = parquetMetadata(file).schema.slice(1);
  assert.deepEqual(
    schema.map((e) => [e.name, e.type, e.converted_type ?? null, e.repetition_type]),
    [
      ['id', 'INT64', null, 'REQUIRED'],
      ['name', 'BYTE_ARRAY', 'UTF8', 'OPTIONAL'],
      ['price', 'INT64', 'DECIMAL', 'REQUIRED'],
      ['day', 'INT32', 'DATE', 'REQUIRED'],
      ['at', 'INT64', 'TIMESTAMP_MILLIS', 'OPTIONAL'],
      ['clock', 'INT32', 'TIME_MILLIS', 'REQUIRED'],
      ['ok', 'BOOLEAN', null, 'REQUIRED'],
      ['key', 'BYTE_ARRAY', 'UTF8', 'REQUIRED'],
      ['doc', 'BYTE_ARRAY', 'JSON', 'OPTIONAL'],
    ],
  );
  const rows = await parquetReadObjects({ file });
  assert.equal(rows.length, 10);
  const r4 = rows[4] as Record<string, unknown>;
  assert.equal(r4.id, 4n);
  assert.equal(r4.name, 'name 4 😀');
  assert.equal(r4.price, 5);
  assert.equal(r4.ok, true);
  assert.equal(r4.key, '00000000-0000-4000-8000-000000000004');
  assert.deepEqual(r4.doc, { i: 4, tags: ['a', 'b'] });
  assert.equal(r4.at, null);
  assert.equal((rows[3] as Record<string, unknown>).name, null);
});

test('a table with no rows is a valid file with the schema and no row groups', async () => {
  const sink = new MemorySink();
  await write(0, {}, sink);
  const meta = parquetMetadata(sink.bytes());
  assert.equal(meta.row_groups.length, 0);
  assert.equal(meta.schema.length, columns.length + 1);
});

test('bad rowGroupRows is FORMAT_OPTION_INVALID', () => {
  assert.throws(
    () => parquetFormat.open(table(1), { rowGroupRows: 0 }, new MemorySink()),
    (e: unknown) =>
      e instanceof TdmError &&
      e.code === 'FORMAT_OPTION_INVALID' &&
      e.message === 'rowGroupRows must be an integer from 1 to 10000000, got 0',
  );
});

test('a decimal beyond DECIMAL(18, scale) is FORMAT_UNSUPPORTED naming the column', async () => {
  const w = parquetFormat.open(table(1), {}, new MemorySink());
  const row = rowOf(1);
  row[2] = 1e17;
  await assert.rejects(
    w.writeRows([row]),
    (e: unknown) =>
      e instanceof TdmError &&
      e.code === 'FORMAT_UNSUPPORTED' &&
      e.message === 'parquet: column price holds 100000000000000000, outside DECIMAL(18,2)',
  );
});

test('a failing sink fails the write with its own error', async () => {
  const boom = new Error('disk full');
  const w = parquetFormat.open(table(3), { rowGroupRows: 2 }, { write: () => Promise.reject(boom) });
  await assert.rejects(w.writeRows([rowOf(0), rowOf(1)]), (e: unknown) => e === boom);
});
