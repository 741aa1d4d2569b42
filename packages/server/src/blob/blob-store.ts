/**
 * @module The blob store: sealed files on a directory (`TDM_DATA_DIR`, default `<dataDir>/blobs`),
 * one directory per team. Reads stream plaintext and fail with BLOB_TAMPERED before releasing any
 * segment that does not authenticate.
 */
import { open, readdir, rm, stat, unlink } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { pipeline, type Readable } from 'node:stream';
import type { OutputPort } from '@tdm/core';
import { CryptoError, unsealStream, type Keyring } from '../crypto/index.js';
import { blobPath, teamDirectory, validateBlobName } from './blob-name.js';
import { BlobWriter, TEMP_PREFIX } from './blob-writer.js';

export interface BlobStoreOptions {
  /** Root directory of all teams' blobs. */
  dir: string;
  keyring: Pick<Keyring, 'activeKey' | 'key'>;
}

function isMissing(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

export class BlobStore {
  constructor(private readonly options: BlobStoreOptions) {}

  private locate(teamId: string, name: string): { dir: string; path: string } {
    const dir = teamDirectory(this.options.dir, teamId);
    return { dir, path: blobPath(dir, name) };
  }

  /**
   * Starts writing a blob; it appears under `name` only when `close()` resolves.
   * @example const w = await blobs.putBlob('alpha', 'ds1/v1/orders.csv'); await w.write(bytes); await w.close();
   */
  async putBlob(teamId: string, name: string): Promise<BlobWriter> {
    const { dir, path } = this.locate(teamId, name);
    return BlobWriter.open(dir, path, name, await this.options.keyring.activeKey(teamId));
  }

  /** A Readable of the blob's plaintext; BLOB_NOT_FOUND if absent, BLOB_TAMPERED as a stream error. */
  async getBlob(teamId: string, name: string): Promise<Readable> {
    const { path } = this.locate(teamId, name);
    const handle = await open(path, 'r').catch((e: unknown) => {
      if (isMissing(e)) throw notFound(teamId, name);
      throw e;
    });
    if (!(await handle.stat()).isFile()) {
      await handle.close();
      throw notFound(teamId, name);
    }
    const unseal = unsealStream({ teamId, name, keys: this.options.keyring });
    // pipeline destroys both streams on error (closing the file) and forwards it to the reader.
    return pipeline(handle.createReadStream(), unseal, () => undefined);
  }

  async hasBlob(teamId: string, name: string): Promise<boolean> {
    const { path } = this.locate(teamId, name);
    return stat(path).then(
      (s) => s.isFile(),
      (e: unknown) => (isMissing(e) ? false : Promise.reject(e)),
    );
  }

  /** Deletes a blob; returns false if there was none. */
  async deleteBlob(teamId: string, name: string): Promise<boolean> {
    const { path } = this.locate(teamId, name);
    return unlink(path).then(
      () => true,
      (e: unknown) => (isMissing(e) ? false : Promise.reject(e)),
    );
  }

  /** The team's blob names (sorted), optionally only those under `prefix/`. */
  async listBlobs(teamId: string, prefix?: string): Promise<string[]> {
    const dir = teamDirectory(this.options.dir, teamId);
    const start = prefix === undefined ? dir : blobPath(dir, prefix);
    const names: string[] = [];
    await walk(start, (file) => names.push(relative(dir, file).split(sep).join('/')));
    return names.sort();
  }

  /** Removes temp files that crashed writers left behind (older than `olderThanMs`). */
  async removeStaleTemps(teamId: string, olderThanMs = 60 * 60_000): Promise<number> {
    const dir = teamDirectory(this.options.dir, teamId);
    const entries = await readdir(dir).catch((e: unknown) => (isMissing(e) ? [] : Promise.reject(e)));
    let removed = 0;
    for (const entry of entries.filter((e) => e.startsWith(TEMP_PREFIX))) {
      const s = await stat(join(dir, entry)).catch(() => null);
      if (s && Date.now() - s.mtimeMs > olderThanMs) {
        await rm(join(dir, entry), { force: true });
        removed++;
      }
    }
    return removed;
  }

  /** An OutputPort writing a dataset's files as blobs `<prefix>/<file>` of the team. */
  outputPort(teamId: string, prefix: string): OutputPort {
    validateBlobName(prefix);
    return {
      create: (file) => this.putBlob(teamId, `${prefix}/${file}`),
      remove: async (file) => {
        await this.deleteBlob(teamId, `${prefix}/${file}`);
      },
    };
  }
}

function notFound(teamId: string, name: string): CryptoError<'BLOB_NOT_FOUND'> {
  return new CryptoError('BLOB_NOT_FOUND', `team "${teamId}" has no blob "${name}"`, {
    details: { teamId, name },
  });
}

/** Visits every blob file under `dir` (temp files and other dot-files are not blobs). */
async function walk(dir: string, visit: (file: string) => void): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((e: unknown) =>
    isMissing(e) ? [] : Promise.reject(e),
  );
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await walk(path, visit);
    else if (entry.isFile()) visit(path);
  }
}
