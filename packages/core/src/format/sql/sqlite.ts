/**
 * @module The SQLite dialect: double-quoted identifiers, ISO-8601 text for dates, times and
 * timestamps (what SQLite's date functions read), 1/0 booleans, JSON as text. Strings holding NUL
 * are written as `CAST(X'...' AS TEXT)`, because a NUL would end the SQL text for C-string APIs.
 */
import type { ColumnSpec } from '../../compile/index.js';
import { formatTimestamp } from '../text-values.js';
import { decimalType, makeLiteral, quoteText, type Dialect } from './dialect.js';

function sqliteString(s: string): string {
  return s.includes('\0') ? "CAST(X'" + Buffer.from(s, 'utf8').toString('hex') + "' AS TEXT)" : quoteText(s);
}

function columnType(col: ColumnSpec): string {
  switch (col.kind) {
    case 'integer':
      return 'INTEGER';
    case 'decimal':
      return decimalType(col, 'NUMERIC');
    case 'boolean':
      return 'BOOLEAN';
    case 'uuid':
      return 'CHAR(36)';
    default:
      // string, json and temporal kinds: TEXT affinity keeps ISO text as written.
      return 'TEXT';
  }
}

export const sqliteDialect: Dialect = {
  name: 'sqlite',
  ident: (name) => '"' + name.replaceAll('"', '""') + '"',
  columnType,
  literal: makeLiteral({
    str: sqliteString,
    bool: (b) => (b ? '1' : '0'),
    timestamp: (ms) => formatTimestamp(ms),
  }),
  tableSuffix: '',
  deferredForeignKeys: 'inline-deferrable',
  schemaPreamble: '',
  dataPreamble: 'PRAGMA foreign_keys = ON;\nBEGIN;\n',
  dataPostamble: 'COMMIT;\n',
};
