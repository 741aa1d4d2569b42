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
        // SET LOCAL ends with the transaction, so a pooled connection never leaks the role or team.
        await tx.query(`SET LOCAL ROLE ${APP_ROLE}`);
        await tx.query(`SELECT set_config('tdm.team_id', $1, true)`, [teamId]);
        return fn(tx satisfies Queryable);
      });
    },
    withAdmin(fn) {
      return driver.transaction(async (tx) => {
        await tx.query(`SELECT set_config('tdm.team_id', '', true)`);
        return fn(tx);
      });
    },
    close: () => driver.close(),
  };
}
