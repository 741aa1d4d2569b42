/**
 * @module Downloading a dataset version into a directory: the version's zip is streamed to a
 * staging directory inside the target, every entry is checked against the version's manifest (name,
 * size, sha256) while it is inflated, and only when all agree are the files moved into place. A
 * failure leaves the target as it was.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Client } from '@tdm/contract';
import { makeOutputDir } from '../fs-output.js';
import { remoteError } from './errors.js';
import { extractEntry, listZip } from './unzip.js';

export interface ManifestFile {
  name: string;
  bytes: number;
  sha256: string;
}

/** A file name the generator could have written: no directories, no dot-names, no separators. */
const SAFE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}$/;

/** Every data file the manifest lists (entity files and shared ones such as schema.sql). */
export function manifestFiles(manifest: Record<string, unknown>): ManifestFile[] {
  const entities = (manifest['entities'] ?? {}) as Record<string, { files?: unknown }>;
  const raw = [
    ...Object.values(entities).flatMap((e) => (Array.isArray(e?.files) ? e.files : [])),
    ...(Array.isArray(manifest['files']) ? (manifest['files'] as unknown[]) : []),
  ] as Array<Partial<ManifestFile>>;
  return raw.map((f) => {
    if (
      typeof f?.name !== 'string' ||
      !SAFE_NAME.test(f.name) ||
      f.name === 'manifest.json' ||
      typeof f.bytes !== 'number' ||
      typeof f.sha256 !== 'string'
    ) {
      throw remoteError(
        'REMOTE_DOWNLOAD_UNSAFE',
        `the version's manifest lists a file that is not a plain file name: ${JSON.stringify(f?.name).slice(0, 100)}`,
      );
    }
    return { name: f.name, bytes: f.bytes, sha256: f.sha256 };
  });
}

function sameFiles(a: ManifestFile[], b: ManifestFile[]): boolean {
  const key = (f: ManifestFile): string => `${f.name}\0${f.bytes}\0${f.sha256}`;
  const sa = a.map(key).sort();
  const sb = b.map(key).sort();
  return sa.length === sb.length && sa.every((x, i) => x === sb[i]);
}

export interface DownloadTarget {
  teamId: string;
  datasetId: string;
  version: number;
}

/**
 * Downloads the version's files (and its manifest.json) into `outDir`, verified.
 * Returns the names written, manifest.json last.
 */
export async function downloadVersion(
  api: Client,
  target: DownloadTarget,
  manifest: Record<string, unknown>,
  outDir: string,
): Promise<string[]> {
  const root = resolve(outDir);
  // One level at a time: Node 20's recursive mkdir never returns under /proc.
  await makeOutputDir(root);
  const staging = await mkdtemp(join(root, '.tdm-download-'));
  try {
    const zipPath = join(staging, 'version.zip');
    const res = await api.downloadVersion({ params: target, query: {} });
    if (!res.body) throw remoteError('REMOTE_RESPONSE_INVALID', 'the download had no body');
    await pipeline(Readable.fromWeb(res.body as WebReadableStream<Uint8Array>), createWriteStream(zipPath));
    return await unpackVersionZip(zipPath, manifest, root, staging);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * Unpacks a version's zip into `root` through `staging` (an empty directory on the same file
 * system): every entry must be a file the manifest lists (or manifest.json) with its size and
 * sha256; only then are the files moved into `root`.
 */
export async function unpackVersionZip(
  zipPath: string,
  manifest: Record<string, unknown>,
  root: string,
  staging: string,
): Promise<string[]> {
  const expected = new Map(manifestFiles(manifest).map((f) => [f.name, f]));
  const filesDir = join(staging, 'files');
  await mkdir(filesDir);
  const seen = new Set<string>();
  for (const entry of await listZip(zipPath)) {
    const file = expected.get(entry.name);
    if (!file && entry.name !== 'manifest.json') {
      throw remoteError(
        'REMOTE_DOWNLOAD_UNSAFE',
        `the zip holds "${entry.name.slice(0, 100)}", which the version's manifest does not list`,
      );
    }
    if (seen.has(entry.name)) {
      throw remoteError('REMOTE_DOWNLOAD_UNSAFE', `the zip holds "${entry.name}" twice`);
    }
    seen.add(entry.name);
    const sha256 = await extractEntry(zipPath, entry, join(filesDir, entry.name));
    if (file && (sha256 !== file.sha256 || entry.size !== file.bytes)) {
      throw remoteError(
        'REMOTE_CHECKSUM_MISMATCH',
        `${file.name}: sha256 ${sha256} (${entry.size} bytes), the manifest says ${file.sha256} (${file.bytes} bytes)`,
        { details: { file: file.name } },
      );
    }
  }
  const missing = [...expected.keys(), 'manifest.json'].filter((n) => !seen.has(n));
  if (missing.length) {
    throw remoteError('REMOTE_CHECKSUM_MISMATCH', `the download lacks ${missing.join(', ')}`);
  }
  // manifest.json is the generator's own file; it must describe exactly the verified files.
  let local: Record<string, unknown>;
  try {
    local = JSON.parse(await readFile(join(filesDir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    throw remoteError('REMOTE_CHECKSUM_MISMATCH', 'the downloaded manifest.json is not JSON');
  }
  if (!sameFiles(manifestFiles(local), [...expected.values()])) {
    throw remoteError(
      'REMOTE_CHECKSUM_MISMATCH',
      "the downloaded manifest.json disagrees with the version's manifest",
    );
  }
  const names = [...expected.keys(), 'manifest.json'];
  for (const name of names) await rename(join(filesDir, name), join(root, name));
  return names;
}
