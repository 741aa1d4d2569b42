/**
 * @module The Db port's scopes on both engines: withTeam runs as the app role with the team set
 * (RLS applies) and leaves neither behind; withAdmin clears the team; a bad team id runs no SQL.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { createSchema } from './repos/schemas.js';
import { createTeam } from './repos/teams.js';
import { APP_ROLE } from './scoped-db.js';
import { forEachEngine, rejectsWith } from './test-harness.js';

const WHO = `SELECT current_user AS role, coalesce(current_setting('tdm.team_id', true), '') AS team`;

forEachEngine('scoped db', (ctx) => {
  let owner: string;
  before(async () => {
    await createTeam(ctx.store, { teamId: 'sc-a', teamName: 'A' });
    await createTeam(ctx.store, { teamId: 'sc-b', teamName: 'B' });
    await createSchema(ctx.store, 'sc-a', { name: 's', document: 'x', format: 'yaml' });
    owner = String((await ctx.store.query(WHO))[0]?.role);
  });

  test('withTeam runs as the app role with the team set, and RLS limits it to that team', async () => {
    assert.notEqual(owner, APP_ROLE);
    const seen = await ctx.store.withTeam('sc-b', async (tx) => ({
      who: (await tx.query(WHO))[0],
      schemas: await tx.query(`SELECT team_id FROM schemas`),
    }));
    assert.deepEqual(seen, { who: { role: APP_ROLE, team: 'sc-b' }, schemas: [] });
    const own = await ctx.store.withTeam('sc-a', (tx) => tx.query(`SELECT team_id FROM schemas`));
    assert.deepEqual(own, [{ team_id: 'sc-a' }]);
  });

  test('role and team end with the transaction, also when it rolls back', async () => {
    await ctx.store.withTeam('sc-a', (tx) => tx.query('SELECT 1'));
    await assert.rejects(
      ctx.store.withTeam('sc-a', async () => {
        throw new Error('boom');
      }),
      /boom/,
    );
    // A pool may hand out another connection: ask several times, each must be clean.
    for (let i = 0; i < 5; i++) assert.deepEqual((await ctx.store.query(WHO))[0], { role: owner, team: '' });
    assert.deepEqual(await ctx.store.withAdmin(async (tx) => (await tx.query(WHO))[0]), {
      role: owner,
      team: '',
    });
  });

  test('a team id outside the pattern is refused before any SQL', async () => {
    for (const bad of [`x', true), set_config('role', 'postgres`, "sc-a'--", 'SC-A', '', 'a']) {
      const e = await rejectsWith(
        ctx.store.withTeam(bad, () => Promise.reject(new Error('must not run'))),
        'TEAM_ID_INVALID',
      );
      assert.match(e.message, /^teamId: ".*" is not a valid team id$/);
    }
  });
});
