/**
 * @module materializeVersion: rebuilds an evicted version's files from its recipe and publishes it
 * again only if every file's sha256 and size equal the stored manifest's. On any mismatch the
 * rebuilt files are removed and JOB_CHECKSUM_MISMATCH names them; nothing else changes.
 */
import { generateData, JobRegistry, type Manifest } from '@tdm/core';
import { ServerError } from '../errors.js';
import { getDatasetVersionById, setDatasetVersionStatus, type DatasetVersion } from '../store/index.js';
import type { JobContext } from './context.js';
import { recipeOptions, schemaOfRecipe, type JobRecipe } from './recipe.js';
import { deleteVersionFiles, manifestFiles, versionPrefix } from './version-files.js';

function differences(stored: Manifest, rebuilt: Manifest): string[] {
  const got = new Map(manifestFiles(rebuilt).map((f) => [f.name, f]));
  const diffs: string[] = [];
  for (const f of manifestFiles(stored)) {
    const r = got.get(f.name);
    if (!r) diffs.push(`${f.name}: not rebuilt`);
    else if (r.sha256 !== f.sha256 || r.bytes !== f.bytes) {
      diffs.push(`${f.name}: sha256 ${r.sha256} (${r.bytes} bytes), expected ${f.sha256} (${f.bytes} bytes)`);
    }
    got.delete(f.name);
  }
  for (const name of got.keys()) diffs.push(`${name}: not in the stored manifest`);
  return diffs;
}

export async function materializeVersion(
  ctx: Pick<JobContext, 'db' | 'blobs' | 'clock' | 'settings'>,
  teamId: string,
  datasetVersionId: string,
): Promise<DatasetVersion> {
  const v = await getDatasetVersionById(ctx.db, teamId, datasetVersionId);
  if (v.status !== 'evicted') {
    throw new ServerError(
      'JOB_STATE_INVALID',
      `version ${datasetVersionId} is ${v.status}; only evicted versions are rebuilt`,
      {
        details: { status: v.status },
      },
    );
  }
  const recipe = v.recipe as JobRecipe;
  const stored = v.manifest as unknown as Manifest;
  if (recipe.engineVersion !== stored.engineVersion) {
    throw new ServerError(
      'JOB_RECIPE_MISMATCH',
      `the recipe pins engine ${recipe.engineVersion} but the files were made by engine ${stored.engineVersion}`,
      { details: { recipe: recipe.engineVersion, manifest: stored.engineVersion } },
    );
  }
  const doc = await schemaOfRecipe(ctx.db, teamId, recipe);
  const prefix = versionPrefix(v.datasetId, v.version);
  // Rebuilt in place: an evicted version has no files there, so a failed check replaces nothing.
  const rebuilt = await generateData(doc, {
    ...recipeOptions(recipe),
    output: ctx.blobs.outputPort(teamId, prefix),
    workers: ctx.settings.workers,
    jobs: new JobRegistry(),
    clock: ctx.clock,
  });
  const diffs = differences(stored, rebuilt.manifest);
  if (diffs.length > 0) {
    await deleteVersionFiles(ctx.blobs, teamId, prefix);
    throw new ServerError(
      'JOB_CHECKSUM_MISMATCH',
      `rebuilt files differ from version ${v.version}: ${diffs.join('; ')}`,
      {
        details: { datasetVersionId, files: diffs },
      },
    );
  }
  return setDatasetVersionStatus(ctx.db, teamId, datasetVersionId, 'published');
}
