/**
 * @module The MySQL/MariaDB dialect: backquoted identifiers, utf8mb4 tables with a binary collation
 * (so uniqueness is case- and accent-sensitive, as generated), DATETIME(3) holding UTC.
 *
 * Strings are written so they load the same under any sql_mode: a string holding a backslash,
 * NUL or Ctrl-Z (which the mysql client or NO_BACKSLASH_ESCAPES would treat differently) becomes a
 * utf8mb4 hex literal `_utf8mb4 X'...'`; every other string is quoted with `''` doubling only.
 *
 * Key columns need a bounded VARCHAR (an index holds at most 3072 bytes, 768 utf8mb4 characters);
 * other strings use VARCHAR up to 255 characters and TEXT types beyond, so wide tables stay under
 * the 65,535-byte row limit.
 */
import type { ColumnSpec } from '../../compile/index.js';
import { formatTimestamp } from '../text-values.js';
import { decimalType, makeLiteral, quoteText, type Dialect } from './dialect.js';

const MAX_KEY_CHARS = 768;

/** True when `s` holds a character whose quoted form depends on sql_mode or the client. */
function needsHex(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x5c || c === 0 || c === 0x1a) return true;
  }
  return false;
}

export function mysqlString(s: string): string {
  return needsHex(s) ? "_utf8mb4 X'" + Buffer.from(s, 'utf8').toString('hex') + "'" : quoteText(s);
}

function stringType(col: ColumnSpec, keyed: boolean): string {
  const n = col.maxLength;
  if (keyed) return `VARCHAR(${Math.max(1, Math.min(n ?? MAX_KEY_CHARS, MAX_KEY_CHARS))})`;
  if (n !== undefined && n <= 255) return `VARCHAR(${Math.max(1, n)})`;
  return n !== undefined && n <= 16_383 ? 'TEXT' : 'MEDIUMTEXT';
}

function columnType(col: ColumnSpec, keyed: boolean): string {
  switch (col.kind) {
    case 'string':
      return stringType(col, keyed);
    case 'integer':
      return 'BIGINT';
    case 'decimal':
      return decimalType(col, 'DECIMAL');
    case 'boolean':
      return 'BOOLEAN';
    case 'date':
      return 'DATE';
    case 'time':
      return 'TIME(3)';
    case 'timestamp':
      return 'DATETIME(3)';
    case 'uuid':
      return 'CHAR(36)';
    case 'json':
      return 'JSON';
  }
}

export const mysqlDialect: Dialect = {
  name: 'mysql',
  ident: (name) => '`' + name.replaceAll('`', '``') + '`',
  columnType,
  literal: makeLiteral({
    str: mysqlString,
    bool: (b) => (b ? 'TRUE' : 'FALSE'),
    timestamp: (ms) => formatTimestamp(ms, ' ', ''),
  }),
  tableSuffix: ' ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin',
  deferredForeignKeys: 'alter-after-data',
  schemaPreamble: 'SET NAMES utf8mb4;\n',
  dataPreamble: 'SET NAMES utf8mb4;\nSTART TRANSACTION;\n',
  dataPostamble: 'COMMIT;\n',
};
