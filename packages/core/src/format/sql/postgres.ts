/**
 * @module The PostgreSQL dialect: double-quoted identifiers, standard strings (the data file sets
 * standard_conforming_strings, so backslashes are literal), timestamptz in UTC, uuid and jsonb.
 * PostgreSQL text cannot hold U+0000, so NUL characters are dropped from strings.
 */
import type { ColumnSpec } from '../../compile/index.js';
import { formatTimestamp } from '../text-values.js';
import { decimalType, makeLiteral, quoteText, type Dialect } from './dialect.js';

/** Strips NUL, which no PostgreSQL text value can contain. */
export function withoutNul(s: string): string {
  return s.includes('\0') ? s.replaceAll('\0', '') : s;
}

function columnType(col: ColumnSpec): string {
  switch (col.kind) {
    case 'string':
      return col.maxLength !== undefined ? `varchar(${Math.max(1, col.maxLength)})` : 'text';
    case 'integer':
      return 'bigint';
    case 'decimal':
      return decimalType(col, 'numeric');
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    case 'time':
      return 'time(3)';
    case 'timestamp':
      return 'timestamptz(3)';
    case 'uuid':
      return 'uuid';
    case 'json':
      return 'jsonb';
  }
}

export const postgresDialect: Dialect = {
  name: 'postgres',
  ident: (name) => '"' + withoutNul(name).replaceAll('"', '""') + '"',
  columnType,
  literal: makeLiteral({
    str: (s) => quoteText(withoutNul(s)),
    bool: (b) => (b ? 'TRUE' : 'FALSE'),
    timestamp: (ms) => formatTimestamp(ms),
  }),
  tableSuffix: '',
  deferredForeignKeys: 'alter-deferrable',
  schemaPreamble: "SET client_encoding = 'UTF8';\n",
  dataPreamble: "SET client_encoding = 'UTF8';\nSET standard_conforming_strings = on;\nBEGIN;\n",
  dataPostamble: 'COMMIT;\n',
};
