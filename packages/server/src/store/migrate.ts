/** @module Applies pending migrations in order, once, under an advisory lock (safe for concurrent starts). */
import { ServerError, isServerError } from '../errors.js';
import type { Driver } from './db.js';
import { migrations as all, type Migration } from './migrations/index.js';

// An arbitrary constant shared by every tdm process: the advisory lock that serialises migrations.
const MIGRATION_LOCK = 7_415_926_535;

/** Applies the migrations not yet recorded; returns the ids applied by this call. */
export async function migrate(driver: Driver, migrations: readonly Migration[] = all): Promise<string[]> {
  return driver.transaction(async (tx) => {
    // Taken first, so a second process waits here and then sees every migration already applied.
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      id text PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const done = new Set(
      (await tx.query<{ id: string }>('SELECT id FROM schema_migrations')).map((r) => r.id),
    );
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.id)) continue;
      try {
        await tx.exec(m.sql);
      } catch (e) {
        const why = isServerError(e) ? e.message : String(e);
        throw new ServerError('STORE_MIGRATION_FAILED', `migration ${m.id} failed: ${why}`, {
          details: { migration: m.id },
          cause: e,
        });
      }
      await tx.query('INSERT INTO schema_migrations (id) VALUES ($1)', [m.id]);
      applied.push(m.id);
    }
    return applied;
  });
}
