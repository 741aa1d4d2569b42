/**
 * @module The shapes the quality checker reads datasets through: entities with typed columns whose
 * rows stream in batches (constant memory, backpressure by async iteration).
 */
import type { ColumnReading } from './cells.js';

/** One cell. Dates and timestamps stay ISO strings; json cells are JSON text. */
export type CellValue = string | number | boolean | null;

export type ColumnType = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'timestamp' | 'json';

export interface ColumnInfo {
  name: string;
  type: ColumnType;
}

export type DatasetFormat = 'csv' | 'tsv' | 'json' | 'ndjson' | 'parquet';

/** How a local CSV/TSV entity's text is read: enough for a thread to read a byte range of it. */
export interface TextLayout {
  delimiter: string;
  header: boolean;
  /** Per column, how its cells are typed (plain data). */
  readings: ColumnReading[];
}

export interface EntitySource {
  /** Entity name: the file stem (customers.csv -> customers), or the manifest's entity. */
  name: string;
  /** The (first) file read. */
  file: string;
  /** Every file of the entity, read in order (a generation may split an entity into parts). */
  files: string[];
  format: DatasetFormat;
  columns: ColumnInfo[];
  /**
   * Streams rows as arrays aligned with `columns`, typed per column. A value that does not parse
   * as its column's type is yielded as its raw text, so validity rules can count it. Each call
   * re-reads from the start; gzip (.gz) is transparent.
   */
  rows(signal?: AbortSignal): AsyncIterable<CellValue[]>;
  /**
   * The same rows in batches (arrays of up to a few thousand rows): the fast path for checkers,
   * one await per batch instead of per row. Batches and their rows are fresh arrays the caller
   * may keep.
   */
  batches(signal?: AbortSignal): AsyncIterable<CellValue[][]>;
  /**
   * Set for plain local CSV/TSV files only: the checker may then read byte ranges of them on
   * several threads. A wrapper that changes what `batches` yields must drop it.
   */
  layout?: TextLayout;
}

export interface DatasetSource {
  entities: EntitySource[];
}
