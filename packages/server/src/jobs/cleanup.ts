/** @module Removing what an unfinished attempt left: its building versions and their blobs. */
import { discardDatasetVersion } from '../store/index.js';
import type { JobContext } from './context.js';
import { buildingVersionsOf } from './job-sql.js';
import { deleteVersionFiles, versionPrefix } from './version-files.js';

/** Deletes a building version's blobs first, then its row (a row without files is harmless; files without a row would leak). */
export async function discardBuild(
  ctx: Pick<JobContext, 'db' | 'blobs'>,
  teamId: string,
  v: { datasetVersionId: string; datasetId: string; version: number },
): Promise<void> {
  await deleteVersionFiles(ctx.blobs, teamId, versionPrefix(v.datasetId, v.version));
  await discardDatasetVersion(ctx.db, teamId, v.datasetVersionId);
}

export async function discardBuildsOf(
  ctx: Pick<JobContext, 'db' | 'blobs'>,
  teamId: string,
  jobId: string,
): Promise<number> {
  const builds = await buildingVersionsOf(ctx.db, teamId, jobId);
  for (const v of builds) await discardBuild(ctx, teamId, v);
  return builds.length;
}
