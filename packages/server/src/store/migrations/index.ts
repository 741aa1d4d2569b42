/** @module The ordered list of migrations, applied at open; ids are never renamed or reordered. */
import { sql as init } from './0001-init.js';
import { sql as quality } from './0002-quality.js';
import { sql as samples } from './0003-samples.js';

export interface Migration {
  /** `NNNN-name`, recorded in schema_migrations. */
  id: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  { id: '0001-init', sql: init },
  { id: '0002-quality', sql: quality },
  { id: '0003-samples', sql: samples },
];
