/**
 * @module The in-memory sample every part of sample-learning works on (profiling, synthesis,
 * the fidelity and privacy report): one table per entity, stored by column. A sample is small
 * by nature (a team hands over thousands to a few million rows), so it is loaded once, capped by
 * `maxRows`; work that scales with unbounded rows (masking) streams instead.
 */
import { TdmError } from '../errors/index.js';
import type { CellValue, ColumnInfo, ColumnType, DatasetSource } from '../quality/read/index.js';

/** Default cap on rows loaded per table. */
export const DEFAULT_MAX_SAMPLE_ROWS = 1_000_000;

export interface SampleColumn {
  name: string;
  type: ColumnType;
  /** One value per row; null is missing. Dates and timestamps are ISO strings, as the reader yields them. */
  values: CellValue[];
}

export interface SampleTable {
  name: string;
  rows: number;
  columns: SampleColumn[];
  /** True when the source had more rows than were loaded. */
  truncated: boolean;
}

export interface LoadSampleOptions {
  /** At most this many rows per table (default 1,000,000). */
  maxRows?: number;
  signal?: AbortSignal;
}

/** Reads every entity of a dataset into column-stored tables (the first `maxRows` rows each). */
export async function loadSample(
  source: DatasetSource,
  options: LoadSampleOptions = {},
): Promise<SampleTable[]> {
  const max = options.maxRows ?? DEFAULT_MAX_SAMPLE_ROWS;
  if (!Number.isInteger(max) || max < 1) {
    throw new TdmError('SAMPLE_INVALID', `maxRows must be a positive integer, got ${max}`, {
      suggestedActions: ['Pass a row cap of 1 or more.'],
    });
  }
  const tables: SampleTable[] = [];
  for (const e of source.entities) {
    const columns: SampleColumn[] = e.columns.map((c) => ({ name: c.name, type: c.type, values: [] }));
    const width = columns.length;
    let rows = 0;
    let truncated = false;
    read: for await (const batch of e.batches(options.signal)) {
      for (const row of batch) {
        if (rows >= max) {
          truncated = true;
          break read;
        }
        for (let i = 0; i < width; i++) columns[i]!.values.push(row[i] ?? null);
        rows++;
      }
    }
    tables.push({ name: e.name, rows, columns, truncated });
  }
  return tables;
}

/** Builds a table from row arrays (tests, synthesized output). */
export function tableFromRows(name: string, columns: ColumnInfo[], rows: CellValue[][]): SampleTable {
  return {
    name,
    rows: rows.length,
    truncated: false,
    columns: columns.map((c, i) => ({ name: c.name, type: c.type, values: rows.map((r) => r[i] ?? null) })),
  };
}

/** The table's rows as arrays aligned with its columns. */
export function* tableRows(table: SampleTable): Generator<CellValue[]> {
  for (let r = 0; r < table.rows; r++) yield table.columns.map((c) => c.values[r] ?? null);
}

/** Column infos of a table. */
export const tableColumns = (table: SampleTable): ColumnInfo[] =>
  table.columns.map((c) => ({ name: c.name, type: c.type }));

/** Whether a column is measured as numbers (ordered) rather than categories. */
export const isNumericType = (t: ColumnType): boolean =>
  t === 'integer' || t === 'number' || t === 'date' || t === 'timestamp';
