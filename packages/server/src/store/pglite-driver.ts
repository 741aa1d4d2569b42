/** @module The embedded driver: PGlite (PostgreSQL in WASM) persisted in a directory. */
import { mkdir } from 'node:fs/promises';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Driver, Row, Tx } from './db.js';
import { toServerError } from './db-errors.js';

type Target = PGlite | Transaction;

async function run<T extends Row>(c: Target, sql: string, params?: readonly unknown[]): Promise<T[]> {
  try {
    return (await c.query<T>(sql, params === undefined ? undefined : [...params])).rows;
  } catch (e) {
    throw toServerError(e);
  }
}

/** Opens (creating if needed) the embedded store in `dir`; `undefined` keeps it in memory. */
export async function pgliteDriver(dir: string | undefined): Promise<Driver> {
  let lite: PGlite;
  try {
    if (dir !== undefined) await mkdir(dir, { recursive: true });
    lite = await PGlite.create(dir === undefined ? {} : { dataDir: dir });
  } catch (e) {
    throw toServerError(e);
  }
  return {
    engine: 'pglite',
    query: (sql, params) => run(lite, sql, params),
    async transaction(fn) {
      // PGlite is one connection: its transaction() queues callers, so transactions never interleave.
      return lite.transaction(async (t) => {
        const tx: Tx = {
          query: (sql, params) => run(t, sql, params),
          exec: async (sql) => {
            try {
              await t.exec(sql);
            } catch (e) {
              throw toServerError(e);
            }
          },
        };
        return fn(tx);
      });
    },
    close: () => lite.close(),
  };
}
