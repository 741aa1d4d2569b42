/**
 * @module PostgreSQL COPY ... FROM stdin blocks in text format: tab-separated fields, `\N` for
 * null, backslash, tab, newline and carriage return escaped with a backslash, `\.` to end. Load the
 * file with psql (or any client that speaks the COPY sub-protocol). NUL is dropped, as PostgreSQL
 * text cannot hold it.
 */
import type { ColumnSpec, TablePlan } from '../../compile/index.js';
import type { Value } from '../../expr/index.js';
import { valueText } from '../text-values.js';
import type { ChunkEncoder } from '../types.js';
import type { Dialect } from './dialect.js';

/** Escapes one field for COPY text format. */
export function copyText(s: string): string {
  let i = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x5c || c === 0x09 || c === 0x0a || c === 0x0d || c === 0) break;
  }
  if (i === s.length) return s;
  let out = s.slice(0, i);
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x5c) out += '\\\\';
    else if (c === 0x09) out += '\\t';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c !== 0) out += s[i];
  }
  return out;
}

function fieldText(v: Exclude<Value, null>, col: ColumnSpec): string {
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number' && (col.kind === 'integer' || col.kind === 'decimal'))
    return Number.isFinite(v) ? valueText(v, col) : '\\N';
  return copyText(typeof v === 'string' && col.kind !== 'json' ? v : valueText(v, col));
}

export function copyEncoder(d: Dialect, table: TablePlan): ChunkEncoder {
  const cols: ColumnSpec[] = table.columns;
  const n = cols.length;
  const empty = table.rowCount === 0;
  return {
    header: () =>
      empty
        ? ''
        : `COPY ${d.ident(table.name)} (${cols.map((c) => d.ident(c.name)).join(', ')}) FROM stdin;\n`,
    // Hot path: one string per row, no per-value closures.
    row(values): string {
      let s = '';
      for (let i = 0; i < n; i++) {
        if (i > 0) s += '\t';
        const v = values[i];
        s += v === null || v === undefined ? '\\N' : fieldText(v, cols[i] as ColumnSpec);
      }
      return s + '\n';
    },
    footer: () => (empty ? '' : '\\.\n'),
  };
}
