/** @module Test support for the blob store: a store on a fresh temp directory, and stream helpers. */
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { testKeyring, type TestKeys } from '../crypto/test-keyring.js';
import { BlobStore } from './blob-store.js';

export async function testBlobStore(
  keys: TestKeys = testKeyring(),
): Promise<TestKeys & { dir: string; blobs: BlobStore }> {
  const dir = await mkdtemp(join(tmpdir(), 'tdm-blobs-'));
  return { ...keys, dir, blobs: new BlobStore({ dir, keyring: keys.keyring }) };
}

/** Reads a stream to its end, keeping what arrived before an error. */
export async function drain(stream: Readable): Promise<{ data: Buffer; error: unknown }> {
  const parts: Buffer[] = [];
  try {
    for await (const chunk of stream) parts.push(chunk as Buffer);
    return { data: Buffer.concat(parts), error: null };
  } catch (error) {
    return { data: Buffer.concat(parts), error };
  }
}

/** Every file under `dir`, recursively, with its bytes. */
export async function allFiles(dir: string): Promise<Array<{ path: string; bytes: Buffer }>> {
  const out: Array<{ path: string; bytes: Buffer }> = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await allFiles(path)));
    else out.push({ path, bytes: await readFile(path) });
  }
  return out;
}
