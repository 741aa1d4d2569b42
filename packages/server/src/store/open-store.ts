/** @module openStore: PostgreSQL when a DATABASE_URL is given, else embedded PGlite under `<dataDir>/pg`. */
import { join } from 'node:path';
import type { Db, Driver } from './db.js';
import { migrate } from './migrate.js';
import { pgDriver } from './pg-driver.js';
import { pgliteDriver } from './pglite-driver.js';
import { scopedDb } from './scoped-db.js';

export interface OpenStoreOptions {
  /** `postgres://...`; when absent the embedded store is used. */
  databaseUrl?: string | undefined;
  /** tdm's data directory (default `./.tdm`); the embedded store lives in its `pg` folder. */
  dataDir?: string | undefined;
  /** Keep the embedded store in memory (tests, one-off runs); ignored with a databaseUrl. */
  inMemory?: boolean;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
}

export interface Store extends Db {
  /** Migration ids this open applied (empty when the schema was already current). */
  readonly applied: readonly string[];
  /** The PostgreSQL URL it was opened with (other components, e.g. the job queue, reuse it). */
  readonly databaseUrl: string | undefined;
}

/**
 * Opens the store and brings its schema up to date.
 * @example
 * const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir: '.tdm' });
 */
export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  const driver: Driver = options.databaseUrl
    ? pgDriver({ databaseUrl: options.databaseUrl, ...(options.poolSize ? { max: options.poolSize } : {}) })
    : await pgliteDriver(options.inMemory ? undefined : join(options.dataDir ?? '.tdm', 'pg'));
  try {
    const applied = await migrate(driver);
    return { ...scopedDb(driver), applied, databaseUrl: options.databaseUrl };
  } catch (e) {
    await driver.close().catch(() => undefined);
    throw e;
  }
}
