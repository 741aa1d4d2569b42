/**
 * @module schema.sql: CREATE TABLE for every table in load order, with NOT NULL, the primary key,
 * unique constraints and foreign keys.
 *
 * A foreign key with `deferred: true` closes a reference cycle, so some rows are loaded before the
 * rows they reference. PostgreSQL declares it DEFERRABLE INITIALLY DEFERRED in an ALTER TABLE after
 * every table exists (it may point at a later table); SQLite declares it inline the same way
 * (SQLite resolves the parent table only when rows change, and cannot ALTER in constraints);
 * MySQL has no deferrable constraints, so it is added by ALTER TABLE at the end of data.sql, when
 * InnoDB validates the loaded rows against it.
 */
import type { TablePlan } from '../../compile/index.js';
import { foreignKeyClause, keyedColumns, type Dialect } from './dialect.js';

const DEFERRABLE = ' DEFERRABLE INITIALLY DEFERRED';

function sameColumns(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((c, i) => c === b[i]);
}

export function createTable(d: Dialect, table: TablePlan, tables: readonly TablePlan[]): string {
  const keyed = keyedColumns(table, tables);
  const lines = table.columns.map(
    (c) => `  ${d.ident(c.name)} ${d.columnType(c, keyed.has(c.name))}${c.nullable ? '' : ' NOT NULL'}`,
  );
  const list = (cols: readonly string[]): string => cols.map((c) => d.ident(c)).join(', ');
  if (table.primaryKey.length > 0) lines.push(`  PRIMARY KEY (${list(table.primaryKey)})`);
  const seen: string[][] = [table.primaryKey];
  for (const u of table.uniques) {
    // A unique constraint equal to the key or to an earlier one would only add a redundant index.
    if (seen.some((s) => sameColumns(s, u))) continue;
    seen.push(u);
    lines.push(`  UNIQUE (${list(u)})`);
  }
  for (const fk of table.foreignKeys) {
    if (!fk.deferred) lines.push(`  ${foreignKeyClause(d, fk)}`);
    else if (d.deferredForeignKeys === 'inline-deferrable')
      lines.push(`  ${foreignKeyClause(d, fk)}${DEFERRABLE}`);
  }
  return `CREATE TABLE ${d.ident(table.name)} (\n${lines.join(',\n')}\n)${d.tableSuffix};\n`;
}

/** `ALTER TABLE ... ADD FOREIGN KEY` for every cycle-closing reference (empty for SQLite). */
export function deferredForeignKeys(d: Dialect, tables: readonly TablePlan[]): string {
  if (d.deferredForeignKeys === 'inline-deferrable') return '';
  const suffix = d.deferredForeignKeys === 'alter-deferrable' ? DEFERRABLE : '';
  let s = '';
  for (const t of tables)
    for (const fk of t.foreignKeys)
      if (fk.deferred) s += `ALTER TABLE ${d.ident(t.name)} ADD ${foreignKeyClause(d, fk)}${suffix};\n`;
  return s;
}

export function schemaSql(d: Dialect, tables: readonly TablePlan[]): string {
  let s = `-- tdm schema (${d.name}); tables in load order\n${d.schemaPreamble}`;
  for (const t of tables) s += '\n' + createTable(d, t, tables);
  if (d.deferredForeignKeys === 'alter-deferrable') {
    const alters = deferredForeignKeys(d, tables);
    if (alters) s += '\n-- references that close a cycle, checked at commit\n' + alters;
  } else if (
    d.deferredForeignKeys === 'alter-after-data' &&
    tables.some((t) => t.foreignKeys.some((f) => f.deferred))
  ) {
    s += '\n-- references that close a cycle are added at the end of data.sql\n';
  }
  return s;
}
