/** @module Teams and API keys on both engines: CRUD, scoping, coded errors for bad input. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachEngine, rejectsWith } from '../test-harness.js';
import { createApiKey, findApiKeyByHash, listApiKeys, revokeApiKey, touchApiKey } from './api-keys.js';
import { createTeam, deleteTeam, getTeam, listTeams, setTeamArchived, updateTeam } from './teams.js';

forEachEngine('teams', (ctx) => {
  test('create, read, list, update, archive, delete', async () => {
    const t = await createTeam(ctx.store, {
      teamId: 'alpha',
      teamName: ' Alpha ',
      config: { namespace: 'alpha', customizations: { defaultLocale: 'de' } },
    });
    assert.equal(t.teamName, 'Alpha');
    assert.equal(t.archivedAt, null);
    await createTeam(ctx.store, { teamId: 'beta', teamName: 'Beta' });
    assert.deepEqual((await getTeam(ctx.store, 'alpha')).config.customizations, { defaultLocale: 'de' });
    const u = await updateTeam(ctx.store, 'alpha', { config: { namespace: 'a2' } });
    assert.equal(u.teamName, 'Alpha');
    assert.deepEqual(u.config, { namespace: 'a2' });
    await setTeamArchived(ctx.store, 'beta', true);
    assert.deepEqual(
      (await listTeams(ctx.store)).map((x) => x.teamId),
      ['alpha'],
    );
    assert.deepEqual(
      (await listTeams(ctx.store, { includeArchived: true })).map((x) => x.teamId),
      ['alpha', 'beta'],
    );
    await deleteTeam(ctx.store, 'beta');
    await rejectsWith(getTeam(ctx.store, 'beta'), 'TEAM_NOT_FOUND');
  });

  test('bad input answers with coded errors', async () => {
    await rejectsWith(createTeam(ctx.store, { teamId: 'alpha', teamName: 'again' }), 'TEAM_EXISTS');
    for (const bad of ['A', 'x', '-lead', 'has space', 'a'.repeat(50), "o'hara"]) {
      await rejectsWith(createTeam(ctx.store, { teamId: bad, teamName: 'n' }), 'TEAM_ID_INVALID');
      await rejectsWith(getTeam(ctx.store, bad), 'TEAM_ID_INVALID');
    }
    const long = await rejectsWith(
      createTeam(ctx.store, { teamId: 'gamma', teamName: 'n'.repeat(201) }),
      'STORE_INPUT_INVALID',
    );
    assert.equal(long.message, 'teamName: 201 characters, at most 200 allowed');
    await rejectsWith(createTeam(ctx.store, { teamId: 'gamma', teamName: '  ' }), 'STORE_INPUT_INVALID');
    await rejectsWith(updateTeam(ctx.store, 'nobody', { teamName: 'x' }), 'TEAM_NOT_FOUND');
    await rejectsWith(deleteTeam(ctx.store, 'nobody'), 'TEAM_NOT_FOUND');
  });

  test('api keys: created, found by hash, listed per team, revoked', async () => {
    await createTeam(ctx.store, { teamId: 'keys-a', teamName: 'A' });
    await createTeam(ctx.store, { teamId: 'keys-b', teamName: 'B' });
    const k = await createApiKey(ctx.store, { teamId: 'keys-a', name: 'ci', role: 'write', hash: 'h-a' });
    const p = await createApiKey(ctx.store, {
      teamId: null,
      name: 'root',
      role: 'platform-admin',
      hash: 'h-p',
    });
    assert.equal(p.teamId, null);
    assert.equal((await findApiKeyByHash(ctx.store, 'h-a'))?.keyId, k.keyId);
    assert.equal(await findApiKeyByHash(ctx.store, 'nope'), null);
    assert.equal(JSON.stringify(k).includes('h-a'), false, 'the hash never leaves the store');
    assert.deepEqual(
      (await listApiKeys(ctx.store, 'keys-a')).map((x) => x.keyId),
      [k.keyId],
    );
    assert.deepEqual(await listApiKeys(ctx.store, 'keys-b'), []);
    assert.deepEqual(
      (await listApiKeys(ctx.store, null)).map((x) => x.keyId),
      [p.keyId],
    );
    await rejectsWith(revokeApiKey(ctx.store, 'keys-b', k.keyId), 'STORE_NOT_FOUND');
    const r = await revokeApiKey(ctx.store, 'keys-a', k.keyId);
    assert.ok(r.revokedAt instanceof Date);
    await touchApiKey(ctx.store, k.keyId);
    assert.ok((await findApiKeyByHash(ctx.store, 'h-a'))?.lastUsedAt instanceof Date);
    await rejectsWith(
      createApiKey(ctx.store, { teamId: 'keys-a', name: 'dup', role: 'read', hash: 'h-a' }),
      'STORE_CONFLICT',
    );
    await rejectsWith(
      createApiKey(ctx.store, { teamId: 'keys-a', name: 'x', role: 'platform-admin', hash: 'h-x' }),
      'STORE_INPUT_INVALID',
    );
    await rejectsWith(
      createApiKey(ctx.store, { teamId: 'ghost', name: 'x', role: 'read', hash: 'h-g' }),
      'TEAM_NOT_FOUND',
    );
  });
});
