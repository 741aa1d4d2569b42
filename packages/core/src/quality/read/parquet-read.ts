/**
 * @module Parquet files through hyparquet: metadata first, then one row group at a time (the unit
 * of memory; tdm writes 65,536 rows per group), so a file of any size reads in bounded memory.
 */
import { open, type FileHandle } from 'node:fs/promises';
import {
  parquetMetadataAsync,
  parquetRead,
  parquetSchema,
  type AsyncBuffer,
  type FileMetaData,
} from 'hyparquet';
import { TdmError } from '../../errors/index.js';
import { malformed } from './errors.js';
import { readFailure } from './files.js';
import type { ColumnType } from './types.js';

const BATCH_ROWS = 4096;

async function fileBuffer(file: string): Promise<{ buffer: AsyncBuffer; handle: FileHandle }> {
  if (/\.gz$/i.test(file)) {
    throw new TdmError('DATASET_FORMAT_UNKNOWN', `${file}: gzipped Parquet cannot be read in place`, {
      suggestedActions: ['Gunzip it first: Parquet compresses its pages itself.'],
      details: { file },
    });
  }
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (e) {
    throw readFailure(file, e);
  }
  const { size } = await handle.stat();
  const buffer: AsyncBuffer = {
    byteLength: size,
    async slice(start: number, end?: number): Promise<ArrayBuffer> {
      const stop = end ?? size;
      const out = new Uint8Array(Math.max(0, stop - start));
      await handle.read(out, 0, out.length, start);
      return out.buffer;
    },
  };
  return { buffer, handle };
}

export interface ParquetTable {
  names: string[];
  /** Types the Parquet schema states (dates, timestamps, json); others are inferred. */
  declared: (ColumnType | undefined)[];
  rowCount: number;
}

async function withFile<T>(file: string, f: (b: AsyncBuffer, m: FileMetaData) => Promise<T>): Promise<T> {
  const { buffer, handle } = await fileBuffer(file);
  try {
    let metadata: FileMetaData;
    try {
      metadata = await parquetMetadataAsync(buffer);
    } catch (e) {
      throw malformed(file, 1, 'not a valid Parquet file: ' + (e instanceof Error ? e.message : String(e)));
    }
    return await f(buffer, metadata);
  } finally {
    await handle.close();
  }
}

export function parquetTable(file: string): Promise<ParquetTable> {
  return withFile(file, async (_b, metadata) => {
    const children = parquetSchema(metadata).children;
    return {
      names: children.map((c) => c.element.name),
      declared: children.map((c) => declaredType(c.element.logical_type?.type, c.element.converted_type)),
      rowCount: Number(metadata.num_rows),
    };
  });
}

function declaredType(logical: string | undefined, converted: string | undefined): ColumnType | undefined {
  const t = logical ?? converted;
  if (t === 'DATE') return 'date';
  if (t === 'TIMESTAMP' || t === 'TIMESTAMP_MILLIS' || t === 'TIMESTAMP_MICROS') return 'timestamp';
  if (t === 'JSON') return 'json';
  return undefined;
}

/** Rows (arrays in schema order) one row group at a time, cut into batches. */
export async function* parquetRows(file: string, signal?: AbortSignal): AsyncGenerator<unknown[][]> {
  const { buffer, handle } = await fileBuffer(file);
  try {
    let metadata: FileMetaData;
    try {
      metadata = await parquetMetadataAsync(buffer);
    } catch (e) {
      throw malformed(file, 1, 'not a valid Parquet file: ' + (e instanceof Error ? e.message : String(e)));
    }
    let rowStart = 0;
    for (const group of metadata.row_groups) {
      signal?.throwIfAborted();
      const rowEnd = rowStart + Number(group.num_rows);
      let rows: unknown[][] = [];
      try {
        await parquetRead({
          file: buffer,
          metadata,
          rowStart,
          rowEnd,
          rowFormat: 'array',
          onComplete: (r: unknown[][]) => (rows = r),
        });
      } catch (e) {
        throw malformed(
          file,
          rowStart + 1,
          'unreadable row group: ' + (e instanceof Error ? e.message : String(e)),
        );
      }
      for (let i = 0; i < rows.length; i += BATCH_ROWS) yield rows.slice(i, i + BATCH_ROWS);
      rowStart = rowEnd;
    }
  } finally {
    await handle.close();
  }
}
