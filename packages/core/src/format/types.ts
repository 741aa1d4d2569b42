/**
 * @module The writer contract. Text formats encode any range of rows independently (given each
 * row's global index), so chunks made on worker threads concatenate into byte-identical files.
 * Row-sink formats (Parquet) consume rows in order on one thread.
 */
import type { Value } from '../expr/index.js';
import type { TablePlan } from '../compile/index.js';

export type FormatName = 'csv' | 'json' | 'ndjson' | 'xml' | 'sql' | 'parquet';
export type SqlDialect = 'postgres' | 'mysql' | 'sqlite';

export interface FormatOptions {
  /** SQL dialect (sql format). */
  dialect?: SqlDialect;
  /** Postgres COPY blocks instead of INSERTs (sql format, postgres only). */
  copy?: boolean;
  /** Rows per multi-row INSERT (sql format, default 500). */
  batchSize?: number;
  /** Rows per Parquet row group, the unit of memory while writing (parquet format, default 65536). */
  rowGroupRows?: number;
}

/** Encodes one table's rows; `row` must not depend on any state but its arguments. */
export interface ChunkEncoder {
  header(): string;
  /** The text of row `index` (0-based, global), including separators and line end. */
  row(values: readonly Value[], index: number): string;
  footer(): string;
}

/** A place bytes go to, in order; `write` resolves when the bytes are accepted (backpressure). */
export interface ByteSink {
  write(chunk: Uint8Array | string): Promise<void>;
}

/** A stateful per-table writer for formats that cannot be encoded in independent chunks. */
export interface RowSink {
  /** Accepts rows in order; the arrays may be reused by the caller after the promise resolves. */
  writeRows(rows: readonly (readonly Value[])[]): Promise<void>;
  close(): Promise<void>;
}

export interface TextFormat {
  kind: 'text';
  name: FormatName;
  extension: string;
  /** True when all tables go to one file (sql: schema.sql + data.sql). */
  singleFile?: boolean;
  encoder(table: TablePlan, options: FormatOptions, tables: readonly TablePlan[]): ChunkEncoder;
  /** Extra files written once per dataset (sql: schema.sql). */
  extraFiles?(tables: readonly TablePlan[], options: FormatOptions): { name: string; content: string }[];
  /** Text written at the start/end of the single file (sql: transaction, deferred constraints). */
  preamble?(tables: readonly TablePlan[], options: FormatOptions): string;
  postamble?(tables: readonly TablePlan[], options: FormatOptions): string;
}

export interface RowSinkFormat {
  kind: 'rows';
  name: FormatName;
  extension: string;
  open(table: TablePlan, options: FormatOptions, sink: ByteSink): RowSink;
}

export type Format = TextFormat | RowSinkFormat;
