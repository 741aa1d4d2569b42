/**
 * @module Multi-row INSERT statements: `batchSize` rows per statement. Whether a row opens or
 * closes a statement depends only on its index (index % batchSize and the table's row count), so
 * chunks encoded on different threads concatenate into the same file.
 */
import type { ColumnSpec, TablePlan } from '../../compile/index.js';
import type { ChunkEncoder } from '../types.js';
import type { Dialect } from './dialect.js';

export function insertEncoder(d: Dialect, table: TablePlan, batchSize: number): ChunkEncoder {
  const cols: ColumnSpec[] = table.columns;
  const n = cols.length;
  const last = table.rowCount - 1;
  const head = `INSERT INTO ${d.ident(table.name)} (${cols.map((c) => d.ident(c.name)).join(', ')}) VALUES\n(`;
  const literal = d.literal;
  return {
    header: () => '',
    // Hot path: one string per row, literals appended in place, no per-value closures.
    row(values, index): string {
      let s = index % batchSize === 0 ? head : ',\n(';
      for (let i = 0; i < n; i++) {
        if (i > 0) s += ', ';
        const v = values[i];
        s += v === null || v === undefined ? 'NULL' : literal(v, cols[i] as ColumnSpec);
      }
      return (index + 1) % batchSize === 0 || index === last ? s + ');\n' : s + ')';
    },
    footer: () => '',
  };
}
