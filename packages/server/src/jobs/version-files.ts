/**
 * @module Where a dataset version's files live in the blob store (`<datasetId>/v<N>/<file>`), the
 * blob keys a manifest implies, and removal of a version's files.
 */
import type { Manifest } from '@tdm/core';
import type { BlobStore } from '../blob/index.js';

export function versionPrefix(datasetId: string, version: number): string {
  return `${datasetId}/v${version}`;
}

/** Every file a manifest lists, plus the manifest itself, as blob keys. */
export function manifestFiles(manifest: Manifest): Array<{ name: string; bytes: number; sha256: string }> {
  return [...Object.values(manifest.entities).flatMap((e) => e.files), ...manifest.files];
}

export function blobKeysOf(prefix: string, manifest: Manifest): string[] {
  return [...manifestFiles(manifest).map((f) => `${prefix}/${f.name}`), `${prefix}/manifest.json`];
}

/** Deletes every blob under a version's prefix (a failed, cancelled, crashed or evicted build). */
export async function deleteVersionFiles(blobs: BlobStore, teamId: string, prefix: string): Promise<number> {
  const names = await blobs.listBlobs(teamId, prefix);
  for (const name of names) await blobs.deleteBlob(teamId, name);
  return names.length;
}
