/** @module Saved schemas on both engines: versions kept and immutable, team scoping, coded errors. */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { forEachEngine, rejectsWith } from '../test-harness.js';
import {
  addSchemaVersion,
  createSchema,
  getSchema,
  getSchemaVersion,
  getSchemaVersionById,
  listSchemaVersions,
  listSchemas,
} from './schemas.js';
import { createTeam } from './teams.js';

forEachEngine('schemas', (ctx) => {
  test('create, add versions, read any version', async () => {
    await createTeam(ctx.store, { teamId: 'sa', teamName: 'A' });
    await createTeam(ctx.store, { teamId: 'sb', teamName: 'B' });
    const { schema, version } = await createSchema(ctx.store, 'sa', {
      name: 'shop',
      document: 'name: shop',
      format: 'yaml',
    });
    assert.equal(version.version, 1);
    const v2 = await addSchemaVersion(ctx.store, 'sa', schema.schemaId, {
      document: '{"name":"shop"}',
      format: 'json',
    });
    assert.equal(v2.version, 2);
    assert.equal((await getSchema(ctx.store, 'sa', schema.schemaId)).latestVersion, 2);
    assert.equal((await getSchemaVersion(ctx.store, 'sa', schema.schemaId)).document, '{"name":"shop"}');
    assert.equal((await getSchemaVersion(ctx.store, 'sa', schema.schemaId, 1)).document, 'name: shop');
    assert.equal((await getSchemaVersionById(ctx.store, 'sa', version.schemaVersionId)).version, 1);
    assert.deepEqual(
      (await listSchemaVersions(ctx.store, 'sa', schema.schemaId)).map((v) => v.version),
      [2, 1],
    );
    assert.deepEqual(
      (await listSchemas(ctx.store, 'sa')).map((s) => s.name),
      ['shop'],
    );
    await createSchema(ctx.store, 'sb', { name: 'shop', document: 'x', format: 'yaml' });

    // Another team's id answers not-found, never the row.
    assert.deepEqual((await listSchemas(ctx.store, 'sb')).length, 1);
    await rejectsWith(getSchema(ctx.store, 'sb', schema.schemaId), 'STORE_NOT_FOUND');
    await rejectsWith(getSchemaVersionById(ctx.store, 'sb', version.schemaVersionId), 'STORE_NOT_FOUND');
    await rejectsWith(
      addSchemaVersion(ctx.store, 'sb', schema.schemaId, { document: 'y', format: 'yaml' }),
      'STORE_NOT_FOUND',
    );
    assert.equal((await getSchema(ctx.store, 'sa', schema.schemaId)).latestVersion, 2);
  });

  test('versions are immutable for the app role', async () => {
    const [s] = await listSchemas(ctx.store, 'sa');
    await rejectsWith(
      ctx.store.withTeam('sa', (tx) =>
        tx.query(`UPDATE schema_versions SET document = 'x' WHERE schema_id = $1`, [s?.schemaId]),
      ),
      'STORE_SCOPE_VIOLATION',
    );
  });

  test('bad input answers with coded errors', async () => {
    await rejectsWith(
      createSchema(ctx.store, 'sa', { name: 'shop', document: 'x', format: 'yaml' }),
      'STORE_CONFLICT',
    );
    await rejectsWith(
      createSchema(ctx.store, 'sa', { name: 'n'.repeat(300), document: 'x', format: 'yaml' }),
      'STORE_INPUT_INVALID',
    );
    await rejectsWith(
      createSchema(ctx.store, 'sa', { name: 'e', document: '', format: 'yaml' }),
      'STORE_INPUT_INVALID',
    );
    await rejectsWith(
      createSchema(ctx.store, 'ghost', { name: 'g', document: 'x', format: 'yaml' }),
      'TEAM_NOT_FOUND',
    );
    await rejectsWith(getSchema(ctx.store, 'sa', 'not-a-uuid'), 'STORE_NOT_FOUND');
    await rejectsWith(getSchema(ctx.store, 'sa', randomUUID()), 'STORE_NOT_FOUND');
    await rejectsWith(getSchemaVersion(ctx.store, 'sa', randomUUID(), 1), 'STORE_NOT_FOUND');
    await rejectsWith(getSchemaVersion(ctx.store, 'sa', randomUUID(), -1), 'STORE_INPUT_INVALID');
    await rejectsWith(listSchemaVersions(ctx.store, 'sa', randomUUID()), 'STORE_NOT_FOUND');
  });
});
