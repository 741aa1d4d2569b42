/**
 * @module Encoding a range of rows of one table: the inner loop every thread runs.
 *
 * Hot path: one reused row buffer and bytes written straight into a ByteWriter, so no per-row
 * objects or strings (a chunk built as one long string spent a third of its time in GC), and the
 * writer's memory is reused from chunk to chunk.
 */
import type { EntityRuntime } from '../compile/index.js';
import type { Value } from '../expr/index.js';
import type { ChunkEncoder } from '../format/index.js';
import { hasRowBytes, type ByteWriter } from '../format/byte-writer.js';

/** Rows per chunk: big enough to amortize messaging, small enough to keep memory flat. */
export const CHUNK_ROWS = 8_192;

/** Rows [start, end) as text (kept for callers that want a string). */
export function encodeChunk(rt: EntityRuntime, enc: ChunkEncoder, start: number, end: number): string {
  const row: Value[] = new Array<Value>(rt.slotCount).fill(null);
  let s = '';
  for (let i = start; i < end; i++) {
    rt.fill(i, row);
    s += enc.row(row, i);
  }
  return s;
}

/**
 * Writes rows [start, end) as UTF-8 into `w`, which starts over; read them with `w.view()` (in
 * place, no copy) or `w.take()` (a copy of their own).
 */
export function encodeRows(
  rt: EntityRuntime,
  enc: ChunkEncoder,
  start: number,
  end: number,
  w: ByteWriter,
): void {
  const row: Value[] = new Array<Value>(rt.slotCount).fill(null);
  w.reset();
  if (hasRowBytes(enc)) {
    for (let i = start; i < end; i++) {
      rt.fill(i, row);
      enc.rowBytes(row, i, w);
    }
  } else {
    for (let i = start; i < end; i++) {
      rt.fill(i, row);
      w.text(enc.row(row, i));
    }
  }
}

/** Fills rows [start, end) as fresh arrays (for row-sink formats and previews). */
export function rowsOf(rt: EntityRuntime, start: number, end: number): Value[][] {
  const rows: Value[][] = [];
  for (let i = start; i < end; i++) {
    const row = new Array<Value>(rt.slotCount).fill(null);
    rt.fill(i, row);
    rows.push(row);
  }
  return rows;
}
