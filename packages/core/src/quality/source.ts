/**
 * @module The dataset shape the checker reads (defined by the reader, `quality/read`), and an
 * in-memory dataset for tests and already-parsed uploads.
 */
import type { CellValue, ColumnInfo, DatasetSource } from './read/index.js';

export type { CellValue, ColumnInfo, ColumnType, DatasetSource, EntitySource } from './read/index.js';

const BATCH = 1024;

/** An in-memory dataset (tests, API uploads already parsed). */
export function memoryDataset(
  entities: { name: string; columns: ColumnInfo[]; rows: CellValue[][] }[],
): DatasetSource {
  return {
    entities: entities.map((e) => ({
      name: e.name,
      file: `${e.name}.mem`,
      files: [`${e.name}.mem`],
      format: 'ndjson' as const,
      columns: e.columns,
      async *rows(): AsyncIterable<CellValue[]> {
        yield* e.rows;
      },
      async *batches(): AsyncIterable<CellValue[][]> {
        for (let i = 0; i < e.rows.length; i += BATCH) yield e.rows.slice(i, i + BATCH);
      },
    })),
  };
}
