/** @module The PostgreSQL driver: a `pg` Pool; each transaction holds one pooled client. */
import pg from 'pg';
import type { Driver, Row, Tx } from './db.js';
import { toServerError } from './db-errors.js';

export interface PgDriverOptions {
  databaseUrl: string;
  /** Pool size; defaults to 10. */
  max?: number;
}

async function run<T extends Row>(c: pg.Pool | pg.PoolClient, sql: string, params?: readonly unknown[]) {
  try {
    const r = await c.query<T>(sql, params === undefined ? undefined : [...params]);
    return r.rows;
  } catch (e) {
    throw toServerError(e);
  }
}

export function pgDriver(options: PgDriverOptions): Driver {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.max ?? 10 });
  // An idle client losing its connection must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  return {
    engine: 'postgres',
    query: (sql, params) => run(pool, sql, params),
    async transaction(fn) {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (e) {
        throw toServerError(e);
      }
      const tx: Tx = {
        query: (sql, params) => run(client, sql, params),
        exec: async (sql) => void (await run(client, sql)),
      };
      let broken = false;
      try {
        await run(client, 'BEGIN');
        const result = await fn(tx);
        await run(client, 'COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        throw e;
      } finally {
        // A client whose ROLLBACK failed is in an unknown state: destroy it instead of reusing it.
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
