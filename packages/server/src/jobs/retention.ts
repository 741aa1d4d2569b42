/**
 * @module archiveOldData: per dataset, versions outside the retention policy are archived, and with
 * `evictFiles` their blobs deleted (status evicted; the recipe and checksums stay, so
 * materializeVersion can rebuild them). Versions made from samples (recipe `regenerable: false`)
 * are archived but keep their files: once the sample expires nothing could remake them.
 */
import { ServerError } from '../errors.js';
import { listDatasets, listDatasetVersions, setDatasetVersionStatus } from '../store/index.js';
import type { JobContext } from './context.js';
import { deleteVersionFiles, versionPrefix } from './version-files.js';

export interface RetentionPolicy {
  /** Keep the newest N versions of each dataset. */
  keepLast?: number;
  /** Keep versions created less than this many days ago. */
  maxAgeDays?: number;
  /** Also delete the files of versions not kept (they become `evicted`). */
  evictFiles?: boolean;
}

export interface RetentionResult {
  archived: string[];
  evicted: string[];
}

function checkPolicy(p: RetentionPolicy): void {
  const bad = (path: string, why: string) =>
    new ServerError('JOB_REQUEST_INVALID', `${path}: ${why}`, {
      details: { problems: [{ path, message: why }] },
    });
  if (p.keepLast === undefined && p.maxAgeDays === undefined) {
    throw bad('keepLast', 'give keepLast and/or maxAgeDays (a policy keeping nothing is refused)');
  }
  if (p.keepLast !== undefined && (!Number.isInteger(p.keepLast) || p.keepLast < 0)) {
    throw bad('keepLast', 'must be an integer >= 0');
  }
  if (p.maxAgeDays !== undefined && !(p.maxAgeDays >= 0)) throw bad('maxAgeDays', 'must be a number >= 0');
}

/** A version is kept when it is among the newest `keepLast` or newer than `maxAgeDays` (either protects it). */
export async function archiveOldData(
  ctx: Pick<JobContext, 'db' | 'blobs' | 'clock'>,
  teamId: string,
  policy: RetentionPolicy,
): Promise<RetentionResult> {
  checkPolicy(policy);
  const cutoff = policy.maxAgeDays === undefined ? null : ctx.clock.now() - policy.maxAgeDays * 86_400_000;
  const result: RetentionResult = { archived: [], evicted: [] };
  for (const ds of await listDatasets(ctx.db, teamId, { includeArchived: true })) {
    const versions = await listDatasetVersions(ctx.db, teamId, ds.datasetId);
    for (const [i, v] of versions.entries()) {
      const kept =
        (policy.keepLast !== undefined && i < policy.keepLast) ||
        (cutoff !== null && v.createdAt.getTime() >= cutoff);
      if (kept) continue;
      if (v.status === 'published') {
        await setDatasetVersionStatus(ctx.db, teamId, v.datasetVersionId, 'archived');
        result.archived.push(v.datasetVersionId);
      }
      // A version made from a sample cannot be remade once the sample expires: its files stay.
      const regenerable = (v.recipe as { regenerable?: unknown }).regenerable !== false;
      if (policy.evictFiles && regenerable && v.status !== 'evicted') {
        // Status first: from here on no reader is offered files that are about to go.
        await setDatasetVersionStatus(ctx.db, teamId, v.datasetVersionId, 'evicted');
        await deleteVersionFiles(ctx.blobs, teamId, versionPrefix(ds.datasetId, v.version));
        result.evicted.push(v.datasetVersionId);
      }
    }
  }
  return result;
}
