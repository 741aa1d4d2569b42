/**
 * @module pg-boss on the store: on PostgreSQL through its own pool on the same database URL, on
 * PGlite through the store's `Db` port (PGlite is one connection in this process; a second handle
 * on its directory would corrupt it).
 */
import PgBoss from 'pg-boss';
import type { Db, Row } from '../store/index.js';

export const GENERATE_QUEUE = 'tdm-generate';

export interface BossOptions {
  /** PostgreSQL URL of the store; required when the store is PostgreSQL (pg-boss gets its own pool). */
  databaseUrl?: string | undefined;
  /** pg-boss schema (default `pgboss`). */
  schema?: string;
  /** Queue poll interval in seconds (pg-boss minimum 0.5; default 1). */
  pollingIntervalSeconds?: number;
  /** Connections pg-boss may open on PostgreSQL (default 4). */
  max?: number;
}

/*
 * pg-boss sends three kinds of SQL: parameterised single statements, parameterless single
 * statements, and `BEGIN; ...; COMMIT;` scripts (migrations, maintenance). PGlite's `query` takes
 * one statement only, so scripts run as their body inside one store transaction instead: the same
 * atomicity, without nesting BEGIN inside the transaction the port opens.
 */
const SCRIPT = /^\s*BEGIN;([\s\S]*);\s*COMMIT;\s*$/;

export function dbExecutor(db: Db): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[] = []): Promise<{ rows: Row[] }> {
      if (values.length > 0) return { rows: await db.query(text, values) };
      const script = SCRIPT.exec(text);
      if (script) {
        await db.transaction((tx) => tx.exec(script[1] ?? ''));
        return { rows: [] };
      }
      return { rows: (await db.query(text)) ?? [] };
    },
  };
}

/** A started pg-boss with the generation queue created. */
export async function startBoss(db: Db, options: BossOptions): Promise<PgBoss> {
  const common: PgBoss.ConstructorOptions = {
    schema: options.schema ?? 'pgboss',
    // Retries are the job service's (it knows which failures are worth retrying): pg-boss only
    // redelivers a handler that threw past our own error handling.
    retryLimit: 1,
    retryDelay: 2,
    // Our own leases detect dead workers; expiry is a backstop for a stuck, live one.
    expireInHours: 12,
    archiveCompletedAfterSeconds: 3600,
  };
  const boss =
    db.engine === 'postgres'
      ? new PgBoss({ ...common, connectionString: requireUrl(options), max: options.max ?? 4 })
      : new PgBoss({ ...common, db: dbExecutor(db), supervise: true });
  // pg-boss reports maintenance and polling failures as events; without a listener they would throw.
  boss.on('error', () => undefined);
  await boss.start();
  await boss.createQueue(GENERATE_QUEUE, { name: GENERATE_QUEUE, policy: 'standard' });
  return boss;
}

function requireUrl(options: BossOptions): string {
  if (!options.databaseUrl) {
    throw new Error('createJobService: boss.databaseUrl is required when the store is PostgreSQL');
  }
  return options.databaseUrl;
}
