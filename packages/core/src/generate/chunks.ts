/**
 * @module Encoding a range of rows of one table: the inner loop every thread runs.
 *
 * Hot path: one reused row buffer, one string grown per chunk, no per-row objects.
 */
import type { EntityRuntime } from '../compile/index.js';
import type { Value } from '../expr/index.js';
import type { ChunkEncoder } from '../format/index.js';

/** Rows per chunk: big enough to amortize messaging, small enough to keep memory flat. */
export const CHUNK_ROWS = 16_384;

export function encodeChunk(rt: EntityRuntime, enc: ChunkEncoder, start: number, end: number): string {
  const row: Value[] = new Array<Value>(rt.slotCount).fill(null);
  let s = '';
  for (let i = start; i < end; i++) {
    rt.fill(i, row);
    s += enc.row(row, i);
  }
  return s;
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
