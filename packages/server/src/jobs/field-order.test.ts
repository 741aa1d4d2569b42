/**
 * @module Field order survives the store: an inline schema given as a JSON object (which jsonb
 * would reorder, shortest key first) generates, refreshes and recompiles with the columns in the
 * order the team wrote them.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTeam, getDatasetVersionById } from '../store/index.js';
import { forEachEngine } from '../store/test-harness.js';
import { compileRecipe } from '../http/download/index.js';
import { jobHarness, settled, type Harness } from './jobs-test-support.js';
import type { JobService } from './service.js';
import { versionPrefix } from './version-files.js';

const ORDER = ['zeta_long_name', 'id', 'b', 'alpha'];
const schema = {
  name: 'ordered',
  seed: 1,
  entities: {
    things: {
      count: 5,
      fields: {
        zeta_long_name: { type: 'person.firstName' },
        id: { type: 'integer', primaryKey: true, sequence: 1 },
        b: { type: 'boolean' },
        alpha: { type: 'integer', min: 1, max: 9 },
      },
    },
  },
};

forEachEngine('inline schema field order', (ctx) => {
  let h: Harness;
  let jobs: JobService;
  before(async () => {
    h = await jobHarness(ctx.store, ctx.place);
    jobs = h.service();
    await jobs.start();
    await createTeam(ctx.store, { teamId: 'order', teamName: 'Order' });
  });
  after(() => h.dispose());

  test('the file header, the recompiled recipe and a refresh keep the written order', async () => {
    const job = await jobs.submit('order', { schema, options: { format: 'csv' } }, 't');
    const done = await settled(jobs, 'order', job.jobId);
    assert.equal(done.status, 'completed', `${done.errorCode}: ${done.errorMessage}`);
    const v = await getDatasetVersionById(ctx.store, 'order', done.datasetVersionId ?? '');
    let text = '';
    for await (const c of await h.blobs.getBlob(
      'order',
      `${versionPrefix(v.datasetId, v.version)}/things.csv`,
    ))
      text += String(c);
    assert.equal(text.split(/\r?\n/)[0], ORDER.join(','));
    const { compiled } = await compileRecipe(ctx.store, v);
    assert.deepEqual(
      compiled.tables[0]?.columns.map((c) => c.name),
      ORDER,
    );
    const again = await jobs.refreshTeamData('order', 't');
    const redone = await settled(jobs, 'order', again.jobId);
    assert.equal(redone.status, 'completed', `${redone.errorCode}: ${redone.errorMessage}`);
    const v2 = await getDatasetVersionById(ctx.store, 'order', redone.datasetVersionId ?? '');
    assert.deepEqual(
      (await compileRecipe(ctx.store, v2)).compiled.tables[0]?.columns.map((c) => c.name),
      ORDER,
    );
  });
});
