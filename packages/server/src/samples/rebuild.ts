/**
 * @module Versions made from samples after their files were evicted: remade from the recipe's
 * request while the sample is kept (same sample bytes, team secret, seed and engine give the same
 * files), published again only when every file's sha256 equals the stored manifest's. Once the
 * sample has expired the version cannot be remade, and this says so with a code.
 */
import type { Manifest } from '@tdm/core';
import type { BlobStore } from '../blob/index.js';
import { ServerError } from '../errors.js';
import { deleteVersionFiles, manifestFiles, versionPrefix } from '../jobs/index.js';
import {
  getDatasetVersionById,
  setDatasetVersionStatus,
  type DatasetVersion,
  type Db,
} from '../store/index.js';
import { SampleError } from './errors.js';
import { outputOf, type StoredSampleRequest } from './produce-version.js';
import { getSample } from './sample-repo.js';
import { writeVersionFiles } from './version-files.js';

interface SampleRecipe {
  kind: string;
  sample: { sampleId: string; name: string; files: Array<{ entity: string; sha256: string }> };
  request: StoredSampleRequest;
}

/** True for a version a mask or synthesize job made (its files are the data; no schema remakes them). */
export function isSampleRecipe(recipe: unknown): boolean {
  const kind = (recipe as { kind?: unknown } | null)?.kind;
  return typeof kind === 'string' && kind.startsWith('sample-');
}

function cannotRebuild(v: DatasetVersion, recipe: SampleRecipe, why: string): SampleError {
  return new SampleError(
    'SAMPLE_VERSION_STATE_INVALID',
    `version ${v.version} was made by a ${recipe.request.kind} job from sample "${recipe.sample.name}", ${why}: its evicted files cannot be remade`,
    {
      details: { datasetVersionId: v.datasetVersionId, sampleId: recipe.sample.sampleId },
      suggestedActions: [
        'Upload the sample again and run a new job; keep versions made from samples unevicted.',
      ],
    },
  );
}

export async function rebuildSampleVersion(
  deps: { db: Db; blobs: BlobStore },
  teamId: string,
  datasetVersionId: string,
): Promise<DatasetVersion> {
  const v = await getDatasetVersionById(deps.db, teamId, datasetVersionId);
  if (v.status !== 'evicted') {
    throw new ServerError(
      'JOB_STATE_INVALID',
      `version ${datasetVersionId} is ${v.status}; only evicted versions are rebuilt`,
      {
        details: { status: v.status },
      },
    );
  }
  const recipe = v.recipe as unknown as SampleRecipe;
  const sample = await getSample(deps.db, teamId, recipe.sample.sampleId).catch(() => null);
  if (!sample) throw cannotRebuild(v, recipe, 'which has expired or was deleted');
  const now = new Map(sample.files.map((f) => [f.entity, f.sha256]));
  const same =
    recipe.sample.files.length === sample.files.length &&
    recipe.sample.files.every((f) => now.get(f.entity) === f.sha256);
  if (!same) throw cannotRebuild(v, recipe, 'whose tables have changed since');
  const prefix = versionPrefix(v.datasetId, v.version);
  const controller = new AbortController();
  const ctx = {
    ...deps,
    signal: controller.signal,
    progress: () => undefined,
    stillRunning: async () => true,
  };
  // The report is the version's already; only the files are remade.
  const { data, references } = await outputOf(ctx, teamId, sample, recipe.request, { report: false });
  // Rebuilt in place: an evicted version has no files there, so a failed check replaces nothing.
  const rebuilt = await writeVersionFiles(deps.blobs, teamId, prefix, {
    data,
    req: recipe.request,
    references,
    signal: controller.signal,
  });
  const stored = manifestFiles(v.manifest as unknown as Manifest);
  const got = new Map(manifestFiles(rebuilt.manifest as unknown as Manifest).map((f) => [f.name, f]));
  const diffs = stored
    .filter((f) => got.get(f.name)?.sha256 !== f.sha256 || got.get(f.name)?.bytes !== f.bytes)
    .map((f) => f.name);
  if (diffs.length > 0 || got.size !== stored.length) {
    await deleteVersionFiles(deps.blobs, teamId, prefix);
    throw new ServerError(
      'JOB_CHECKSUM_MISMATCH',
      `rebuilt files differ from version ${v.version}: ${diffs.join(', ') || 'file list'}`,
      {
        details: { datasetVersionId, files: diffs },
      },
    );
  }
  return setDatasetVersionStatus(deps.db, teamId, datasetVersionId, 'published');
}

const running = new Map<string, Promise<DatasetVersion>>();

/**
 * The version with its files: an evicted one is remade from its sample (once per process, however
 * many requests ask at the same time); one that lost a race to another node finds it published.
 */
export async function sampleVersionWithFiles(
  deps: { db: Db; blobs: BlobStore },
  v: DatasetVersion,
): Promise<DatasetVersion> {
  if (v.status !== 'evicted') return v;
  const id = v.datasetVersionId;
  let rebuild = running.get(id);
  if (!rebuild) {
    rebuild = rebuildSampleVersion(deps, v.teamId, id).finally(() => running.delete(id));
    running.set(id, rebuild);
  }
  try {
    return await rebuild;
  } catch (e) {
    const now = await getDatasetVersionById(deps.db, v.teamId, id);
    if (now.status === 'published') return now;
    throw e;
  }
}
