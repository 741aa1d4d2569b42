/**
 * @module distributeDataToTeam: publishes another team's version into the target team's namespace
 * as the target's own immutable version, with a self-contained recipe (the source's schema inlined,
 * its hash checked) and the source's checksums. Files are either copied (unsealed from the source,
 * sha256-checked, sealed under the target team's data key) before publishing, or left to be rebuilt
 * from the recipe and verified on first use. Database and file targets come with the connectors
 * issue.
 */
import { createHash } from 'node:crypto';
import type { Manifest } from '@tdm/core';
import type { BlobStore } from '../blob/index.js';
import { isServerError, ServerError } from '../errors.js';
import {
  blobKeysOf,
  deleteVersionFiles,
  manifestFiles,
  schemaOfRecipe,
  versionPrefix,
  type JobRecipe,
} from '../jobs/index.js';
import {
  addCompleteVersion,
  beginDatasetVersion,
  createDataset,
  discardDatasetVersion,
  findDatasetByName,
  getDataset,
  getDatasetVersion,
  getTeam,
  publishDatasetVersion,
  type Dataset,
  type Db,
} from '../store/index.js';
import type { Distribution, DistributionResult } from './types.js';

/** The target dataset by name, created on first use; it names no saved schema (the recipe inlines it). */
async function targetDataset(db: Db, teamId: string, name: string): Promise<Dataset> {
  const found = await findDatasetByName(db, teamId, name);
  if (found) return found;
  try {
    return await createDataset(db, teamId, { name, description: null, schemaId: null });
  } catch (e) {
    const winner = isServerError(e, 'STORE_CONFLICT') ? await findDatasetByName(db, teamId, name) : null;
    if (winner) return winner;
    throw e;
  }
}

/** Streams one blob from the source team to the target, re-sealed; the sha256 must match. */
async function copyFile(
  blobs: BlobStore,
  from: { teamId: string; name: string },
  to: { teamId: string; name: string },
  sha256: string | null,
): Promise<void> {
  const source = await blobs.getBlob(from.teamId, from.name);
  const writer = await blobs.putBlob(to.teamId, to.name);
  const hash = createHash('sha256');
  try {
    for await (const chunk of source) {
      hash.update(chunk as Buffer);
      await writer.write(chunk as Buffer);
    }
    const got = hash.digest('hex');
    if (sha256 !== null && got !== sha256) {
      throw new ServerError('JOB_CHECKSUM_MISMATCH', `${from.name}: sha256 ${got}, expected ${sha256}`, {
        details: { file: from.name, expected: sha256, actual: got },
      });
    }
    await writer.close();
  } catch (e) {
    source.destroy();
    await writer.abort();
    throw e;
  }
}

export async function distributeDataToTeam(
  deps: { db: Db; blobs: BlobStore },
  teamId: string,
  d: Distribution,
): Promise<DistributionResult> {
  const { db, blobs } = deps;
  await getTeam(db, teamId);
  if (d.files !== undefined && d.files !== 'copy' && d.files !== 'rebuild') {
    throw new ServerError('REQUEST_INVALID', `files: "${String(d.files)}" is not copy or rebuild`, {
      details: { issues: [{ path: 'files', message: 'copy or rebuild' }] },
    });
  }
  const src = await getDataset(db, d.from.teamId, d.from.datasetId);
  const v = await getDatasetVersion(db, d.from.teamId, d.from.datasetId, d.from.version);
  const manifest = v.manifest as unknown as Manifest;
  const files = d.files ?? (v.status === 'evicted' ? 'rebuild' : 'copy');
  if (files === 'copy' && v.status === 'evicted') {
    throw new ServerError(
      'JOB_STATE_INVALID',
      `version ${v.version} of "${src.name}" has no files (evicted); distribute it with files: 'rebuild'`,
      { details: { status: v.status } },
    );
  }
  const recipe = v.recipe as JobRecipe;
  // The target cannot read the source team's saved schema: inline it, checked against its hash.
  const doc = await schemaOfRecipe(db, d.from.teamId, recipe);
  const own: JobRecipe = {
    ...recipe,
    schemaVersionId: null,
    schemaText: JSON.stringify(doc),
    distributedFrom: {
      teamId: d.from.teamId,
      datasetId: v.datasetId,
      datasetVersionId: v.datasetVersionId,
      version: v.version,
    },
  };
  const dataset = await targetDataset(db, teamId, d.datasetName ?? src.name);
  if (files === 'rebuild') {
    // The blob keys name the files a rebuild will write under the new version's prefix.
    const version = await addCompleteVersion(db, teamId, dataset.datasetId, {
      recipe: own,
      manifest: v.manifest ?? {},
      blobKeys: (n) => blobKeysOf(versionPrefix(dataset.datasetId, n), manifest),
      status: 'evicted',
    });
    return { dataset, version, files };
  }
  const building = await beginDatasetVersion(db, teamId, dataset.datasetId, { recipe: own, jobId: null });
  const fromPrefix = versionPrefix(v.datasetId, v.version);
  const toPrefix = versionPrefix(dataset.datasetId, building.version);
  try {
    for (const f of [...manifestFiles(manifest), { name: 'manifest.json', sha256: null }]) {
      await copyFile(
        blobs,
        { teamId: d.from.teamId, name: `${fromPrefix}/${f.name}` },
        { teamId, name: `${toPrefix}/${f.name}` },
        f.sha256,
      );
    }
    const version = await publishDatasetVersion(db, teamId, building.datasetVersionId, {
      manifest: v.manifest ?? {},
      blobKeys: blobKeysOf(toPrefix, manifest),
    });
    return { dataset, version, files };
  } catch (e) {
    await deleteVersionFiles(blobs, teamId, toPrefix).catch(() => undefined);
    await discardDatasetVersion(db, teamId, building.datasetVersionId).catch(() => undefined);
    throw e;
  }
}
