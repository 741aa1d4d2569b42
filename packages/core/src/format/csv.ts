/**
 * @module CSV per RFC 4180: a header line, CRLF line ends, fields quoted when they hold a comma,
 * quote, CR or LF (quotes doubled). Null is an empty field; an empty string is `""`.
 */
import type { ColumnSpec } from '../compile/index.js';
import type { Value } from '../expr/index.js';
import { utf8Into, type ByteRowEncoder, type ByteWriter } from './byte-writer.js';
import {
  valueText,
  writeDate,
  writeDecimal,
  writeInteger,
  writeTime,
  writeTimestamp,
} from './text-values.js';
import type { ChunkEncoder, TextFormat } from './types.js';

const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(s: string): string {
  if (s === '') return '""';
  return NEEDS_QUOTES.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

function headerField(s: string): string {
  return NEEDS_QUOTES.test(s) || s === '' ? '"' + s.replace(/"/g, '""') + '"' : s;
}

const QUOTE = 34;
const COMMA = 44;

/**
 * csvField(s) as UTF-8 bytes. Hot path: one charCode scan copies plain ASCII (nearly every value)
 * and bails out to the general path on the first non-ASCII or special character.
 */
export function writeCsvField(w: ByteWriter, s: string): void {
  const n = s.length;
  // Room for the worst case: every code unit 3 bytes (or a doubled quote), plus the quotes.
  w.ensure(3 * n + 2);
  const buf = w.buf;
  const start = w.pos;
  if (n === 0) {
    buf[start] = QUOTE;
    buf[start + 1] = QUOTE;
    w.pos = start + 2;
    return;
  }
  let p = start;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80 || c === COMMA || c === QUOTE || c === 10 || c === 13) {
      w.pos = fieldSlow(buf, start, s);
      return;
    }
    buf[p++] = c;
  }
  w.pos = p;
}

/** The general case: UTF-8, and quoting with doubled quotes when needed. */
function fieldSlow(buf: Uint8Array, start: number, s: string): number {
  const n = s.length;
  if (!NEEDS_QUOTES.test(s)) return utf8Into(buf, start, s, 0, n);
  let p = start;
  buf[p++] = QUOTE;
  let from = 0;
  for (let i = 0; i < n; i++) {
    if (s.charCodeAt(i) !== QUOTE) continue;
    p = utf8Into(buf, p, s, from, i + 1);
    buf[p++] = QUOTE;
    from = i + 1;
  }
  p = utf8Into(buf, p, s, from, n);
  buf[p++] = QUOTE;
  return p;
}

/** How each column's values are written (small ints so the row loop is one switch). */
const ColumnCode = { other: 0, string: 1, integer: 2, decimal: 3, date: 4, timestamp: 5, time: 6 } as const;

function columnCode(c: ColumnSpec): number {
  switch (c.kind) {
    case 'string':
    case 'uuid':
      return ColumnCode.string;
    case 'integer':
      return ColumnCode.integer;
    case 'decimal':
      return ColumnCode.decimal;
    case 'date':
      return ColumnCode.date;
    case 'timestamp':
      return ColumnCode.timestamp;
    case 'time':
      return ColumnCode.time;
    default:
      return ColumnCode.other;
  }
}

export const csvFormat: TextFormat = {
  kind: 'text',
  name: 'csv',
  extension: 'csv',
  encoder(table): ChunkEncoder {
    const cols: ColumnSpec[] = table.columns;
    const n = cols.length;
    const codes = Int32Array.from(cols, columnCode);
    const scales = Int32Array.from(cols, (c) => c.scale ?? 2);
    const factors = Float64Array.from(cols, (c) => 10 ** (c.scale ?? 2));
    const encoder: ChunkEncoder & ByteRowEncoder = {
      header: () => cols.map((c) => headerField(c.name)).join(',') + '\r\n',
      row(values: readonly Value[]): string {
        let line = '';
        for (let i = 0; i < n; i++) {
          if (i > 0) line += ',';
          const v = values[i] as Value;
          if (v === null || v === undefined) continue;
          const col = cols[i] as ColumnSpec;
          if (typeof v === 'string' && col.kind === 'string') line += csvField(v);
          else if (col.kind === 'integer') line += String(v);
          else line += csvField(valueText(v, col));
        }
        return line + '\r\n';
      },
      // Hot path: the same bytes as `row`, written without building strings. Numbers and instants
      // take the digit writers; anything unusual falls back to the text form.
      rowBytes(values: readonly unknown[], _index: number, w: ByteWriter): void {
        for (let i = 0; i < n; i++) {
          if (i > 0) w.byte(COMMA);
          const v = values[i] as Value | undefined;
          if (v === null || v === undefined) continue;
          switch (codes[i]) {
            case ColumnCode.string:
              if (typeof v === 'string') {
                writeCsvField(w, v);
                continue;
              }
              break;
            case ColumnCode.integer:
              // Integers are never quoted (as in `row`).
              if (typeof v !== 'number' || !writeInteger(w, v)) w.text(String(v));
              continue;
            case ColumnCode.decimal:
              if (typeof v === 'number' && writeDecimal(w, v, scales[i] as number, factors[i] as number))
                continue;
              break;
            case ColumnCode.date:
              if (typeof v === 'number' && writeDate(w, v)) continue;
              break;
            case ColumnCode.timestamp:
              if (typeof v === 'number' && writeTimestamp(w, v)) continue;
              break;
            case ColumnCode.time:
              if (typeof v === 'number' && writeTime(w, v)) continue;
              break;
          }
          writeCsvField(w, valueText(v, cols[i] as ColumnSpec));
        }
        w.ensure(2);
        w.buf[w.pos++] = 13;
        w.buf[w.pos++] = 10;
      },
      footer: () => '',
    };
    return encoder;
  },
};
