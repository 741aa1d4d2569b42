/**
 * @module The shape of a dataset the checker reads: entities with typed columns and a row stream.
 * The reader (`quality/read`) opens files into this shape; tests build it in memory.
 */
export type CellValue = string | number | boolean | null;
export type ColumnType = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'timestamp' | 'json';
export interface ColumnInfo {
  name: string;
  type: ColumnType;
}
export interface EntitySource {
  name: string;
  file: string;
  format: 'csv' | 'tsv' | 'json' | 'ndjson' | 'parquet';
  columns: ColumnInfo[];
  rows(signal?: AbortSignal): AsyncIterable<CellValue[]>;
}
export interface DatasetSource {
  entities: EntitySource[];
}

/** An in-memory dataset (tests, API uploads already parsed). */
export function memoryDataset(
  entities: { name: string; columns: ColumnInfo[]; rows: CellValue[][] }[],
): DatasetSource {
  return {
    entities: entities.map((e) => ({
      name: e.name,
      file: `${e.name}.mem`,
      format: 'ndjson' as const,
      columns: e.columns,
      async *rows(): AsyncIterable<CellValue[]> {
        yield* e.rows;
      },
    })),
  };
}
