/**
 * @module A sample version's manifest counts every entity's rows whatever the format, on both
 * engines: a synthesize job in SQL (every entity in data.sql, no file per entity) records the same
 * rows per entity and in total as the same job in CSV, and the version's files list schema.sql and
 * data.sql.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { getDatasetVersionById } from '../store/index.js';
import { forEachEngine } from '../store/test-harness.js';
import { bearer, buildFixture, type Fixture } from '../http/test-support.js';
import { seedSample } from './test-support.js';

interface Manifest {
  format: string;
  totalRows: number;
  entities: Record<string, { rows: number; files: { name: string }[]; columns: unknown[] }>;
  files: { name: string }[];
}

let customers = 'customer_id,region,age\n';
for (let i = 1; i <= 40; i++)
  customers += `${i},${['north', 'south', 'east'][i % 3]},${20 + ((i * 7) % 50)}\n`;
let orders = 'order_id,customer_id,total\n';
for (let i = 1; i <= 90; i++) orders += `${1000 + i},${1 + ((i * 13) % 40)},${(i % 9) * 10 + 5}\n`;

forEachEngine('sample version files', (ctx) => {
  let fx: Fixture;
  const T = '/api/v1/teams/alpha';
  before(async () => {
    fx = await buildFixture(ctx.store);
  });
  after(() => fx.close());
  const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
    fx.app.inject({
      method,
      url,
      headers: bearer(fx.teams.alpha.keys.write),
      ...(payload ? { payload } : {}),
    });

  async function synthesized(sampleId: string, format: string): Promise<Manifest> {
    const res = await call('POST', `${T}/samples/${sampleId}/jobs`, {
      kind: 'synthesize',
      rows: 25,
      seed: 9,
      format,
    });
    assert.equal(res.statusCode, 202, res.body);
    let job = res.json();
    for (let i = 0; i < 600 && ['pending', 'running'].includes(job.status); i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = (await call('GET', `${T}/sample-jobs/${job.jobId}`)).json();
    }
    assert.equal(job.status, 'completed', JSON.stringify(job.error));
    const v = await getDatasetVersionById(fx.deps.db, 'alpha', job.datasetVersionId);
    return v.manifest as unknown as Manifest;
  }

  test('a SQL version counts each entity’s rows as the CSV version of the same job does', async () => {
    const s = await seedSample(fx.deps, 'alpha', { entity: 'customers', csv: customers });
    await seedSample(fx.deps, 'alpha', { name: s.name, entity: 'orders', csv: orders });
    const csv = await synthesized(s.sampleId, 'csv');
    const sql = await synthesized(s.sampleId, 'sql');
    assert.equal(sql.format, 'sql');
    assert.deepEqual(Object.keys(sql.entities).sort(), ['customers', 'orders']);
    for (const name of ['customers', 'orders']) {
      const [a, b] = [csv.entities[name]!, sql.entities[name]!];
      assert.ok(a.rows > 0, name);
      assert.equal(b.rows, a.rows, name);
      assert.deepEqual(b.files, [], 'data.sql holds every entity: no file of its own');
      assert.deepEqual(b.columns, a.columns, 'the column types as written');
      assert.deepEqual(
        a.files.map((f) => f.name),
        [`${name}.csv`],
      );
    }
    assert.equal(sql.totalRows, csv.totalRows);
    assert.equal(sql.totalRows, sql.entities.customers!.rows + sql.entities.orders!.rows);
    assert.deepEqual(sql.files.map((f) => f.name).sort(), ['data.sql', 'schema.sql']);
  });
});
