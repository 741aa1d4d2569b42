/** @module Builds the `Db` port (team scope, admin scope) on top of an engine driver. */
import type { Db, Driver, Queryable } from './db.js';
import { assertTeamId } from './validate.js';

/** The application role every team-scoped transaction switches to; RLS policies apply to it. */
export const APP_ROLE = 'tdm_app';

export function scopedDb(driver: Driver): Db {
  return {
    engine: driver.engine,
    query: (sql, params) => driver.query(sql, params),
    transaction: (fn) => driver.transaction(fn),
    async withTeam(teamId, fn) {
      assertTeamId(teamId);
      return driver.transaction(async (tx) => {
        // Role and team in one statement; `true` (is_local) ends both with the transaction, so a
        // pooled connection never leaks them. The team id is inlined, not a $1 parameter: the
        // simple protocol is one call into PGlite instead of five (~0.1 ms less per request), and
        // assertTeamId above admits only [a-z0-9-], so the literal cannot break out of its quotes.
        await tx.exec(
          `SELECT set_config('role', '${APP_ROLE}', true), set_config('tdm.team_id', '${teamId}', true)`,
        );
        return fn(tx satisfies Queryable);
      });
    },
    withAdmin(fn) {
      return driver.transaction(async (tx) => {
        await tx.exec(`SELECT set_config('tdm.team_id', '', true)`);
        return fn(tx);
      });
    },
    close: () => driver.close(),
  };
}
