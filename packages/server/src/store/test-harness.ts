/**
 * @module Test support: runs a suite against both engines, each on a fresh store (PGlite in a temp
 * dir, and a new PostgreSQL database on 127.0.0.1:5432 that is dropped afterwards).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import pg from 'pg';
import type { Engine } from './db.js';
import { openStore, type OpenStoreOptions, type Store } from './open-store.js';

const ADMIN_URL = process.env.TDM_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A fresh, empty location for a store; `options` opens it, `dispose` removes it. */
export interface Place {
  engine: Engine;
  options: OpenStoreOptions;
  dispose(): Promise<void>;
}

export async function freshPlace(engine: Engine): Promise<Place> {
  if (engine === 'pglite') {
    const dir = await mkdtemp(join(tmpdir(), 'tdm-store-'));
    return { engine, options: { dataDir: dir }, dispose: () => rm(dir, { recursive: true, force: true }) };
  }
  const name = `tdm_store_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    engine,
    options: { databaseUrl: url.toString(), poolSize: 4 },
    dispose: () =>
      admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

export const ENGINES: readonly Engine[] = ['pglite', 'postgres'];

/**
 * Declares `suite` once per engine; `ctx.store` is open during the suite's tests and `ctx.place`
 * tells where it lives (to open a second connection).
 */
export function forEachEngine(title: string, suite: (ctx: { store: Store; place: Place }) => void): void {
  for (const engine of ENGINES) {
    describe(`${title} [${engine}]`, () => {
      const ctx = {} as { store: Store; place: Place };
      before(async () => {
        ctx.place = await freshPlace(engine);
        ctx.store = await openStore(ctx.place.options);
      });
      suite(ctx);
      // Registered after the suite's own hooks, so those (stopping job services, closing apps) run
      // first: after-hooks run in registration order, and the store must outlive its users.
      after(async () => {
        await ctx.store?.close();
        await ctx.place?.dispose();
      });
    });
  }
}

/** Asserts that `p` rejects with a coded error of `code`; returns it for further checks. */
export async function rejectsWith(
  p: Promise<unknown>,
  code: string,
): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    const got = (e as { code?: unknown }).code;
    if (got === code) return e as { code: string; message: string };
    throw new Error(`expected ${code}, got ${String(got)}: ${(e as Error).message}`, { cause: e });
  }
  throw new Error(`expected ${code}, but it resolved`);
}
