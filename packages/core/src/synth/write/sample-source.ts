/**
 * @module A DatasetSource over in-memory sample tables (synthesized data), so they are written by
 * the same streaming writer as files: rows are cut from the columns one batch at a time, never
 * copied whole.
 */
import type { CellValue, DatasetSource } from '../../quality/read/index.js';
import { tableColumns, type SampleTable } from '../table.js';

const BATCH = 4096;

function batchOf(t: SampleTable, start: number, end: number): CellValue[][] {
  const out: CellValue[][] = [];
  for (let r = start; r < end; r++) out.push(t.columns.map((c) => c.values[r] ?? null));
  return out;
}

/** The tables as a dataset: one entity per table, rows in batches of 4,096. */
export function sampleDataset(tables: readonly SampleTable[]): DatasetSource {
  return {
    entities: tables.map((t) => ({
      name: t.name,
      file: `${t.name}.mem`,
      files: [`${t.name}.mem`],
      format: 'ndjson' as const,
      columns: tableColumns(t),
      async *rows(signal?: AbortSignal): AsyncIterable<CellValue[]> {
        for (let s = 0; s < t.rows; s += BATCH) {
          signal?.throwIfAborted();
          yield* batchOf(t, s, Math.min(t.rows, s + BATCH));
        }
      },
      async *batches(signal?: AbortSignal): AsyncIterable<CellValue[][]> {
        for (let s = 0; s < t.rows; s += BATCH) {
          signal?.throwIfAborted();
          yield batchOf(t, s, Math.min(t.rows, s + BATCH));
        }
      },
    })),
  };
}
