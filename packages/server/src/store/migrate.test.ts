/** @module Migrations: applied once, re-open is a no-op, concurrent first starts on PostgreSQL both succeed. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { migrations } from './migrations/index.js';
import { openStore } from './open-store.js';
import { ENGINES, freshPlace } from './test-harness.js';

for (const engine of ENGINES) {
  test(`[${engine}] migrations apply once and re-open is a no-op`, async () => {
    const place = await freshPlace(engine);
    try {
      const first = await openStore(place.options);
      assert.deepEqual(
        first.applied,
        migrations.map((m) => m.id),
      );
      await first.close();
      const again = await openStore(place.options);
      assert.deepEqual(again.applied, []);
      const rows = await again.query<{ id: string }>('SELECT id FROM schema_migrations ORDER BY id');
      assert.deepEqual(
        rows.map((r) => r.id),
        migrations.map((m) => m.id),
      );
      await again.close();
    } finally {
      await place.dispose();
    }
  });
}

test('[postgres] two processes opening a fresh database at once both succeed', async () => {
  const place = await freshPlace('postgres');
  try {
    const stores = await Promise.all([
      openStore(place.options),
      openStore(place.options),
      openStore(place.options),
    ]);
    const applied = stores.flatMap((s) => s.applied);
    assert.deepEqual(
      applied,
      migrations.map((m) => m.id),
      'exactly one opener applied each migration',
    );
    await Promise.all(stores.map((s) => s.close()));
  } finally {
    await place.dispose();
  }
});

test('[postgres] an unreachable database gives STORE_UNAVAILABLE', async () => {
  await assert.rejects(openStore({ databaseUrl: 'postgres://postgres@127.0.0.1:1/none' }), {
    code: 'STORE_UNAVAILABLE',
  });
});
