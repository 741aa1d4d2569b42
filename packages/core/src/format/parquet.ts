/**
 * @module Parquet through hyparquet-writer, streaming: rows are collected into per-column arrays
 * and written as one row group every `rowGroupRows` rows (default 65,536) with the library's
 * incremental `ParquetWriter`. After each row group the writer's `flush` hands the encoded bytes to
 * the ByteSink and awaits it, so memory holds one row group, not the table. Only the footer's
 * metadata (a few hundred bytes per row group) grows with the table.
 */
import { ByteWriter, ParquetWriter, type ColumnSource, type SchemaElement } from 'hyparquet-writer';
import type { ColumnSpec, TablePlan } from '../compile/index.js';
import { TdmError } from '../errors/index.js';
import type { Value } from '../expr/index.js';
import { ENGINE_VERSION } from '../version.js';
import { parquetColumn, type ParquetColumn } from './parquet-schema.js';
import type { ByteSink, FormatOptions, RowSink, RowSinkFormat } from './types.js';

export const DEFAULT_ROW_GROUP_ROWS = 65_536;

/** A ByteWriter whose flush moves the bytes written so far to the sink (and resets the buffer). */
class SinkWriter extends ByteWriter {
  /** An error the sink raised: passed on as is, unlike the library's own errors. */
  failure: unknown = undefined;

  constructor(private readonly sink: ByteSink) {
    super(1 << 16);
  }

  flush(): Promise<void> {
    if (this.index === 0) return Promise.resolve();
    // Copy: the buffer is reused for the next row group while the sink may still hold the bytes.
    const bytes = new Uint8Array(this.buffer.slice(0, this.index));
    this.index = 0;
    return this.sink.write(bytes).catch((e: unknown) => {
      this.failure = e;
      throw e;
    });
  }

  override finish(): Promise<void> {
    return this.flush();
  }
}

function rowGroupRows(options: FormatOptions): number {
  const n = options.rowGroupRows ?? DEFAULT_ROW_GROUP_ROWS;
  if (!Number.isInteger(n) || n < 1 || n > 10_000_000) {
    throw new TdmError(
      'FORMAT_OPTION_INVALID',
      `rowGroupRows must be an integer from 1 to 10000000, got ${String(n)}`,
    );
  }
  return n;
}

class ParquetRowSink implements RowSink {
  private readonly columns: ParquetColumn[];
  private readonly pq: ParquetWriter;
  private readonly writer: SinkWriter;
  private buffers: unknown[][];
  private filled = 0;

  constructor(
    private readonly table: TablePlan,
    private readonly groupRows: number,
    sink: ByteSink,
  ) {
    this.columns = table.columns.map(parquetColumn);
    const schema: SchemaElement[] = [
      { name: 'root', num_children: this.columns.length },
      ...this.columns.map((c) => c.element),
    ];
    this.writer = new SinkWriter(sink);
    this.pq = new ParquetWriter({
      writer: this.writer,
      schema,
      createdBy: `tdm ${ENGINE_VERSION} (hyparquet-writer)`,
    });
    this.buffers = this.freshBuffers();
  }

  private freshBuffers(): unknown[][] {
    return this.columns.map(() => new Array<unknown>(this.groupRows));
  }

  // Hot path: one converted value stored per cell; conversions are plain functions chosen per column.
  async writeRows(rows: readonly (readonly Value[])[]): Promise<void> {
    const cols = this.table.columns;
    const n = cols.length;
    for (const row of rows) {
      const at = this.filled;
      for (let c = 0; c < n; c++) {
        const v = row[c] ?? null;
        (this.buffers[c] as unknown[])[at] = (this.columns[c] as ParquetColumn).convert(
          v,
          cols[c] as ColumnSpec,
        );
      }
      this.filled = at + 1;
      if (this.filled === this.groupRows) await this.flushGroup();
    }
  }

  private async flushGroup(): Promise<void> {
    const size = this.filled;
    if (size === 0) return;
    const columnData: ColumnSource[] = this.columns.map((c, i) => {
      const data = this.buffers[i] as unknown[];
      if (data.length !== size) data.length = size;
      return { name: c.element.name, data: data as ColumnSource['data'] };
    });
    this.buffers = this.freshBuffers();
    this.filled = 0;
    try {
      await this.pq.write({ columnData, rowGroupSize: size });
    } catch (e) {
      throw this.failed(e);
    }
  }

  /** Sink and TdmError failures pass through; anything the library throws is a bug of ours. */
  private failed(e: unknown): unknown {
    if (e instanceof TdmError || e === this.writer.failure) return e;
    const message = e instanceof Error ? e.message : String(e);
    return new TdmError('INTERNAL_ERROR', `parquet writer failed on ${this.table.name}: ${message}`, {
      cause: e,
    });
  }

  async close(): Promise<void> {
    await this.flushGroup();
    try {
      await this.pq.finish();
    } catch (e) {
      throw this.failed(e);
    }
  }
}

export const parquetFormat: RowSinkFormat = {
  kind: 'rows',
  name: 'parquet',
  extension: 'parquet',
  open(table, options, sink) {
    return new ParquetRowSink(table, rowGroupRows(options), sink);
  },
};
