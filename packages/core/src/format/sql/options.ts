/** @module Validation of the sql format's options, with coded errors naming the bad value. */
import { TdmError } from '../../errors/index.js';
import type { FormatOptions, SqlDialect } from '../types.js';
import type { Dialect } from './dialect.js';
import { mysqlDialect } from './mysql.js';
import { postgresDialect } from './postgres.js';
import { sqliteDialect } from './sqlite.js';

export const DEFAULT_BATCH_SIZE = 500;
const MAX_BATCH_SIZE = 100_000;

const dialects: Record<SqlDialect, Dialect> = {
  postgres: postgresDialect,
  mysql: mysqlDialect,
  sqlite: sqliteDialect,
};

export interface SqlOptions {
  dialect: Dialect;
  copy: boolean;
  batchSize: number;
}

export function resolveSqlOptions(options: FormatOptions): SqlOptions {
  const name = options.dialect ?? 'postgres';
  const dialect = Object.hasOwn(dialects, name) ? dialects[name] : undefined;
  if (!dialect) {
    throw new TdmError('FORMAT_OPTION_INVALID', `sql dialect "${String(name)}" is not supported`, {
      suggestedActions: [`Use one of: ${Object.keys(dialects).join(', ')}.`],
    });
  }
  const copy = options.copy === true;
  if (copy && dialect.name !== 'postgres') {
    throw new TdmError('FORMAT_OPTION_INVALID', `COPY output is PostgreSQL only, not ${dialect.name}`, {
      suggestedActions: ['Drop the copy option, or use the postgres dialect.'],
    });
  }
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
    throw new TdmError(
      'FORMAT_OPTION_INVALID',
      `batchSize must be an integer from 1 to ${MAX_BATCH_SIZE}, got ${String(batchSize)}`,
    );
  }
  return { dialect, copy, batchSize };
}
