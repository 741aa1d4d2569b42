/**
 * @module SQL: `schema.sql` (CREATE TABLE in load order) and `data.sql` (multi-row INSERTs, or
 * PostgreSQL COPY blocks with `copy: true`) for postgres (default), mysql or sqlite. Load
 * schema.sql, then data.sql. data.sql runs in one transaction, so references that close a cycle
 * (deferred constraints in postgres and sqlite) are checked once everything is in; mysql adds those
 * references after the commit, which validates the loaded rows.
 */
import type { TextFormat } from '../types.js';
import { copyEncoder } from './copy.js';
import { deferredForeignKeys, schemaSql } from './ddl.js';
import { insertEncoder } from './insert.js';
import { resolveSqlOptions } from './options.js';

export const sqlFormat: TextFormat = {
  kind: 'text',
  name: 'sql',
  extension: 'sql',
  singleFile: true,
  extraFiles(tables, options) {
    const { dialect } = resolveSqlOptions(options);
    return [{ name: 'schema.sql', content: schemaSql(dialect, tables) }];
  },
  preamble(_tables, options) {
    const { dialect, copy } = resolveSqlOptions(options);
    return `-- tdm data (${dialect.name}${copy ? ', COPY: load with psql' : ''}); load schema.sql first\n${dialect.dataPreamble}`;
  },
  encoder(table, options) {
    const { dialect, copy, batchSize } = resolveSqlOptions(options);
    return copy ? copyEncoder(dialect, table) : insertEncoder(dialect, table, batchSize);
  },
  postamble(tables, options) {
    const { dialect } = resolveSqlOptions(options);
    const alters =
      dialect.deferredForeignKeys === 'alter-after-data' ? deferredForeignKeys(dialect, tables) : '';
    return dialect.dataPostamble + (alters ? '-- references that close a cycle\n' + alters : '');
  },
};

export { resolveSqlOptions, DEFAULT_BATCH_SIZE, type SqlOptions } from './options.js';
export { schemaSql, createTable } from './ddl.js';
export type { Dialect } from './dialect.js';
