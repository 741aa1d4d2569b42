/**
 * @module Team customizations applied to jobs on both engines: the first default format, the
 * default locale (overriding the schema's, as the CLI's --locale does) and the quality level fill
 * what a job leaves out; what the job gives wins; a refresh keeps them; bad values are coded.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Manifest } from '@tdm/core';
import { createTeam, getDatasetVersionById, updateTeam } from '../store/index.js';
import { forEachEngine, rejectsWith } from '../store/test-harness.js';
import { jobHarness, settled, sha256Of, shopSchema, type Harness } from './jobs-test-support.js';
import type { JobRecipe } from './recipe.js';
import type { JobService } from './service.js';
import { versionPrefix } from './version-files.js';

forEachEngine('team customizations in jobs', (ctx) => {
  let h: Harness;
  let jobs: JobService;
  before(async () => {
    h = await jobHarness(ctx.store, ctx.place);
    jobs = h.service();
    await jobs.start();
    await createTeam(ctx.store, {
      teamId: 'cu',
      teamName: 'Customized',
      config: {
        customizations: { defaultLocale: 'de', defaultFormats: ['ndjson', 'csv'], qualityLevel: 'premium' },
      },
    });
    await createTeam(ctx.store, { teamId: 'plain', teamName: 'Plain' });
  });
  after(() => h.dispose());

  async function run(teamId: string, request: object) {
    const job = await jobs.submit(teamId, request, 't');
    const done = await settled(jobs, teamId, job.jobId);
    assert.equal(done.status, 'completed', `${done.errorCode}: ${done.errorMessage}`);
    const v = await getDatasetVersionById(ctx.store, teamId, done.datasetVersionId ?? '');
    return {
      job: done,
      version: v,
      recipe: v.recipe as JobRecipe,
      manifest: v.manifest as unknown as Manifest,
    };
  }

  async function customersSha(teamId: string, r: Awaited<ReturnType<typeof run>>): Promise<string> {
    const file = r.manifest.entities['customers']?.files[0]?.name ?? '';
    const prefix = versionPrefix(r.version.datasetId, r.version.version);
    return sha256Of(await h.blobs.getBlob(teamId, `${prefix}/${file}`));
  }

  test("a job without format, locale or quality level takes the team's", async () => {
    const r = await run('cu', { schema: shopSchema(50), datasetName: 'defaults', options: { seed: 3 } });
    assert.equal(r.manifest.format, 'ndjson');
    assert.equal(r.manifest.locale, 'de');
    assert.equal(r.recipe.format, 'ndjson');
    assert.equal(r.recipe.locale, 'de');
    assert.equal(r.recipe.qualityLevel, 'premium');
    const opts = r.job.request['options'] as Record<string, unknown>;
    assert.deepEqual([opts['format'], opts['locale'], opts['qualityLevel']], ['ndjson', 'de', 'premium']);

    // A refresh re-runs the same recipe: same format, locale and quality level.
    const refreshed = await jobs.refreshTeamData('cu', 't', { datasetName: 'defaults' });
    const done = await settled(jobs, 'cu', refreshed.jobId);
    assert.equal(done.status, 'completed');
    const v2 = await getDatasetVersionById(ctx.store, 'cu', done.datasetVersionId ?? '');
    assert.equal(v2.version, 2);
    assert.equal((v2.recipe as JobRecipe).locale, 'de');
    assert.equal((v2.recipe as JobRecipe).qualityLevel, 'premium');
    assert.equal((v2.manifest as unknown as Manifest).format, 'ndjson');
  });

  test("the job's own options win; the locale overrides the schema's", async () => {
    // The schema asks for fr; the job's en wins over it, as --locale does on the CLI.
    const schema = shopSchema(50).replace('seed: 7', 'seed: 7\nlocale: fr');
    const own = await run('cu', {
      schema,
      datasetName: 'own',
      options: { seed: 3, format: 'ndjson', locale: 'en', qualityLevel: 'basic' },
    });
    assert.equal(own.manifest.locale, 'en');
    assert.equal(own.recipe.qualityLevel, 'basic');
    const plain = await run('plain', { schema: shopSchema(50), options: { seed: 3, format: 'ndjson' } });
    assert.equal(plain.manifest.locale, 'en');
    assert.equal(plain.recipe.locale, undefined, 'no locale asked, none pinned: the schema decides');
    assert.equal(plain.recipe.qualityLevel, undefined);
    // Same seed and rows: en (asked) equals en (schema default), and German names differ from both.
    assert.equal(await customersSha('cu', own), await customersSha('plain', plain));
    const de = await run('cu', { schema: shopSchema(50), datasetName: 'de', options: { seed: 3 } });
    assert.notEqual(await customersSha('cu', de), await customersSha('plain', plain));
    // A team without customizations: csv.
    const csv = await run('plain', { schema: shopSchema(20), datasetName: 'csv' });
    assert.equal(csv.manifest.format, 'csv');
  });

  test('bad locales and bad team defaults are coded request errors', async () => {
    const e = await rejectsWith(
      jobs.submit('plain', { schema: shopSchema(5), options: { locale: 'xx_YY' } }, 't'),
      'JOB_REQUEST_INVALID',
    );
    assert.match(e.message, /^options\.locale: unknown locale/);
    await updateTeam(ctx.store, 'plain', {
      config: { customizations: { defaultFormats: ['docx' as 'csv'] } },
    });
    const f = await rejectsWith(jobs.submit('plain', { schema: shopSchema(5) }, 't'), 'JOB_REQUEST_INVALID');
    assert.match(f.message, /config\.customizations\.defaultFormats\[0\]: "docx" is not one of csv/);
    // An explicit format does not need the broken default.
    const ok = await jobs.submit('plain', { schema: shopSchema(5), options: { format: 'json' } }, 't');
    assert.equal((await settled(jobs, 'plain', ok.jobId)).status, 'completed');
    await rejectsWith(jobs.submit('nobody', { schema: shopSchema(5) }, 't'), 'TEAM_NOT_FOUND');
  });
});
