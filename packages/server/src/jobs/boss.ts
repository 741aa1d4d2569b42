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

/**
 * pg-boss calls `complete`/`fail` after a handler settles without awaiting them, so their SQL may
 * still be running when the service stops. The executor tracks its statements; `drain` waits for
 * them, so the store is never closed under pg-boss's feet.
 */
export interface TrackedExecutor extends PgBoss.Db {
  drain(): Promise<void>;
}

export function dbExecutor(db: Db): TrackedExecutor {
  const inflight = new Set<Promise<unknown>>();
  const run = async (text: string, values: unknown[]): Promise<{ rows: Row[] }> => {
    if (values.length > 0) return { rows: await db.query(text, values) };
    const script = SCRIPT.exec(text);
    if (script) {
      await db.transaction((tx) => tx.exec(script[1] ?? ''));
      return { rows: [] };
    }
    return { rows: (await db.query(text)) ?? [] };
  };
  return {
    executeSql(text: string, values: unknown[] = []): Promise<{ rows: Row[] }> {
      const p = run(text, values);
      inflight.add(p);
      p.then(
        () => inflight.delete(p),
        () => inflight.delete(p),
      );
      return p;
    },
    async drain() {
      // A settled fetch can trigger its complete() a few ticks later: drain until quiet for a turn.
      do {
        await Promise.allSettled([...inflight]);
        await new Promise((r) => setTimeout(r, 20));
      } while (inflight.size > 0);
    },
  };
}

/** A started pg-boss with the generation queue created, and a way to wait for its last SQL. */
export async function startBoss(
  db: Db,
  options: BossOptions,
): Promise<{ boss: PgBoss; drain: () => Promise<void> }> {
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
  const executor = db.engine === 'postgres' ? null : dbExecutor(db);
  const boss = executor
    ? new PgBoss({ ...common, db: executor, supervise: true })
    : new PgBoss({ ...common, connectionString: requireUrl(options), max: options.max ?? 4 });
  // pg-boss reports maintenance and polling failures as events; without a listener they would throw.
  boss.on('error', () => undefined);
  await boss.start();
  await boss.createQueue(GENERATE_QUEUE, { name: GENERATE_QUEUE, policy: 'standard' });
  return {
    boss,
    drain: () => executor?.drain() ?? Promise.resolve(),
  };
}

function requireUrl(options: BossOptions): string {
  if (!options.databaseUrl) {
    throw new Error('createJobService: boss.databaseUrl is required when the store is PostgreSQL');
  }
  return options.databaseUrl;
}
