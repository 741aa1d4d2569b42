/**
 * @module CSV per RFC 4180: a header line, CRLF line ends, fields quoted when they hold a comma,
 * quote, CR or LF (quotes doubled). Null is an empty field; an empty string is `""`.
 */
import type { ColumnSpec } from '../compile/index.js';
import type { Value } from '../expr/index.js';
import { valueText } from './text-values.js';
import type { ChunkEncoder, TextFormat } from './types.js';

const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(s: string): string {
  if (s === '') return '""';
  return NEEDS_QUOTES.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

function headerField(s: string): string {
  return NEEDS_QUOTES.test(s) || s === '' ? '"' + s.replace(/"/g, '""') + '"' : s;
}

export const csvFormat: TextFormat = {
  kind: 'text',
  name: 'csv',
  extension: 'csv',
  encoder(table): ChunkEncoder {
    const cols: ColumnSpec[] = table.columns;
    const n = cols.length;
    // Hot path: numbers and booleans never need quoting; strings are checked once.
    const plain = cols.map(
      (c) =>
        c.kind === 'integer' ||
        c.kind === 'boolean' ||
        c.kind === 'decimal' ||
        c.kind === 'date' ||
        c.kind === 'timestamp' ||
        c.kind === 'time' ||
        c.kind === 'uuid',
    );
    return {
      header: () => cols.map((c) => headerField(c.name)).join(',') + '\r\n',
      row(values: readonly Value[]): string {
        let line = '';
        for (let i = 0; i < n; i++) {
          if (i > 0) line += ',';
          const v = values[i] as Value;
          if (v === null || v === undefined) continue;
          const col = cols[i] as ColumnSpec;
          if (typeof v === 'string' && col.kind === 'string') line += csvField(v);
          else if (plain[i] && col.kind === 'integer') line += String(v);
          else line += csvField(valueText(v, col));
        }
        return line + '\r\n';
      },
      footer: () => '',
    };
  },
};
