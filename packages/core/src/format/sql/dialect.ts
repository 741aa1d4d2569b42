/**
 * @module What differs between SQL dialects, as one small interface: identifier quoting, column
 * types, literals and the statements around the data. `makeLiteral` holds what they share: the
 * canonical text of each column kind (text-values), with dialect-specific strings, booleans and
 * timestamps plugged in.
 */
import type { ColumnSpec, ForeignKeySpec, TablePlan } from '../../compile/index.js';
import type { Value } from '../../expr/index.js';
import { formatDate, formatTime, valueText } from '../text-values.js';
import type { SqlDialect } from '../types.js';

export interface Dialect {
  name: SqlDialect;
  /** A quoted identifier: reserved words (`order`, `group`) and any characters load as named. */
  ident(name: string): string;
  /** The column type; `keyed` is true for columns in a primary key, unique or foreign key. */
  columnType(col: ColumnSpec, keyed: boolean): string;
  /** The SQL literal of a non-null value. */
  literal(v: Exclude<Value, null>, col: ColumnSpec): string;
  /** Text after `CREATE TABLE t (...)`, e.g. the MySQL engine and charset. */
  tableSuffix: string;
  /** How a cycle-closing foreign key is declared (see sql/ddl.ts). */
  deferredForeignKeys: 'inline-deferrable' | 'alter-deferrable' | 'alter-after-data';
  schemaPreamble: string;
  dataPreamble: string;
  dataPostamble: string;
}

/** Precision and scale of a DECIMAL column: the scale plus 20 integer digits (MySQL caps 65/30). */
export function decimalType(col: ColumnSpec, name: string): string {
  const scale = Math.min(col.scale ?? 2, 30);
  return `${name}(${Math.min(65, scale + 20)},${scale})`;
}

/** `'text'` with single quotes doubled: the one string escape every dialect accepts. */
export function quoteText(s: string): string {
  return "'" + (s.includes("'") ? s.replaceAll("'", "''") : s) + "'";
}

export interface LiteralParts {
  /** A string literal. */
  str(s: string): string;
  bool(b: boolean): string;
  /** The text of a timestamp (epoch ms), without quotes. */
  timestamp(ms: number): string;
}

/**
 * Builds a dialect's literal function. Non-finite numbers become NULL (no dialect has a literal
 * for NaN in a numeric column). Values of an unexpected JS type are written as strings of their
 * canonical text, so the database reports a type error rather than the file being malformed.
 */
export function makeLiteral(p: LiteralParts): (v: Exclude<Value, null>, col: ColumnSpec) => string {
  return (v, col) => {
    switch (col.kind) {
      case 'integer':
        if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'NULL';
        break;
      case 'decimal':
        if (typeof v === 'number') return Number.isFinite(v) ? valueText(v, col) : 'NULL';
        break;
      case 'boolean':
        if (typeof v === 'boolean') return p.bool(v);
        break;
      case 'date':
        if (typeof v === 'number') return "'" + formatDate(v) + "'";
        break;
      case 'time':
        if (typeof v === 'number') return "'" + formatTime(v) + "'";
        break;
      case 'timestamp':
        if (typeof v === 'number') return "'" + p.timestamp(v) + "'";
        break;
      case 'json':
        return p.str(valueText(v, col));
    }
    return p.str(typeof v === 'string' ? v : valueText(v, col));
  };
}

/** Every column that takes part in a key of its own table or in a reference to another table. */
export function keyedColumns(table: TablePlan, tables: readonly TablePlan[]): Set<string> {
  const keyed = new Set<string>(table.primaryKey);
  for (const u of table.uniques) for (const c of u) keyed.add(c);
  for (const fk of table.foreignKeys) for (const c of fk.columns) keyed.add(c);
  for (const t of tables)
    for (const fk of t.foreignKeys)
      if (fk.refTable === table.name) for (const c of fk.refColumns) keyed.add(c);
  return keyed;
}

/** `FOREIGN KEY (a) REFERENCES t (b)` for a dialect. */
export function foreignKeyClause(d: Dialect, fk: ForeignKeySpec): string {
  const cols = fk.columns.map((c) => d.ident(c)).join(', ');
  const refs = fk.refColumns.map((c) => d.ident(c)).join(', ');
  return `FOREIGN KEY (${cols}) REFERENCES ${d.ident(fk.refTable)} (${refs})`;
}
