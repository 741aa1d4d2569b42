/**
 * @module How long real data stays: a sample expires `retentionDays` after its first upload (the
 * team's `samples.retentionDays`, else the server's default). Expired samples answer not-found at
 * once; the purge deletes their sealed files first (the real data), then their rows.
 */
import type { BlobStore } from '../blob/index.js';
import { getTeam, type Db } from '../store/index.js';
import { deleteExpiredSample, deleteSampleRow, expiredSamples, getSample } from './sample-repo.js';

/** Default sample retention when neither the team nor the server sets one. */
export const SAMPLE_RETENTION_DAYS = 30;
const DAY_MS = 86_400_000;

/** When a sample created now expires: the team's setting wins over the server default. */
export async function sampleExpiry(db: Db, teamId: string, defaultDays: number, now: number): Promise<Date> {
  const team = await getTeam(db, teamId);
  const days = (team.config as { samples?: { retentionDays?: unknown } }).samples?.retentionDays;
  const chosen = typeof days === 'number' && days > 0 && days <= 3650 ? days : defaultDays;
  return new Date(now + chosen * DAY_MS);
}

/** Deletes every blob under `prefix` of the team (a sample's files). */
export async function deleteBlobsUnder(blobs: BlobStore, teamId: string, prefix: string): Promise<number> {
  const names = await blobs.listBlobs(teamId, prefix);
  for (const name of names) await blobs.deleteBlob(teamId, name);
  return names.length;
}

export const samplePrefix = (sampleId: string): string => `samples/${sampleId}`;

/** One expired sample: files first, so a failure in between never leaves real data behind a gone row. */
export async function purgeExpiredSample(
  deps: { db: Db; blobs: BlobStore },
  teamId: string,
  sampleId: string,
): Promise<void> {
  await deleteBlobsUnder(deps.blobs, teamId, samplePrefix(sampleId));
  await deleteExpiredSample(deps.db, teamId, sampleId);
}

/** Purges every expired sample of every team; answers how many went. */
export async function purgeExpiredSamples(deps: { db: Db; blobs: BlobStore }): Promise<number> {
  let purged = 0;
  for (;;) {
    const batch = await expiredSamples(deps.db);
    for (const s of batch) await purgeExpiredSample(deps, s.teamId, s.sampleId);
    purged += batch.length;
    if (batch.length === 0 || batch.length < 500) return purged;
  }
}

/** Runs the purge now and every `intervalMs`; the returned stop() ends it. Failures wait for the next run. */
export function startSamplePurge(
  deps: { db: Db; blobs: BlobStore },
  intervalMs: number,
  onError: (e: unknown) => void,
): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const run = () => {
    running = purgeExpiredSamples(deps).catch(onError);
  };
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

/** Deletes a live sample now: its sealed files first, then its row. SAMPLE_NOT_FOUND if none. */
export async function deleteSample(
  deps: { db: Db; blobs: BlobStore },
  teamId: string,
  sampleId: string,
): Promise<void> {
  await getSample(deps.db, teamId, sampleId);
  await deleteBlobsUnder(deps.blobs, teamId, samplePrefix(sampleId));
  await deleteSampleRow(deps.db, teamId, sampleId);
}
