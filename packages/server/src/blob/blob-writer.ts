/**
 * @module BlobWriter: seals a blob into a temp file beside its team's blobs and renames it into
 * place on close, so a crash or an abandoned writer never leaves a partial blob under its name.
 * It is an OutputFile, so generation writes straight into the blob store.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { OutputFile } from '@tdm/core';
import { CryptoError, sealStream, type DataKey } from '../crypto/index.js';

export const TEMP_PREFIX = '.tmp-';

export class BlobWriter implements OutputFile {
  private readonly sealer: Transform;
  private readonly done: Promise<void>;
  private failure: unknown = null;
  private state: 'open' | 'closing' | 'closed' | 'aborted' = 'open';

  private constructor(
    private readonly tempPath: string,
    private readonly finalPath: string,
    readonly name: string,
    key: DataKey,
  ) {
    this.sealer = sealStream({ key, name });
    // `flush` fsyncs before close, so the rename below never publishes unwritten bytes.
    const file = createWriteStream(tempPath, { flags: 'wx', mode: 0o600, flush: true });
    this.done = pipeline(this.sealer, file);
    this.done.catch((e: unknown) => (this.failure ??= e));
  }

  static async open(teamDir: string, finalPath: string, name: string, key: DataKey): Promise<BlobWriter> {
    await mkdir(teamDir, { recursive: true, mode: 0o700 });
    const temp = join(teamDir, `${TEMP_PREFIX}${randomBytes(12).toString('hex')}`);
    return new BlobWriter(temp, finalPath, name, key);
  }

  private failed(e: unknown): CryptoError<'BLOB_WRITE_FAILED'> {
    return new CryptoError(
      'BLOB_WRITE_FAILED',
      `writing blob "${this.name}" failed: ${(e as Error).message}`,
      {
        details: { name: this.name },
        cause: e,
      },
    );
  }

  /** Resolves once the sealer has copied the chunk (the caller may reuse it) and has room for more. */
  async write(chunk: Uint8Array): Promise<void> {
    if (this.state !== 'open') throw this.failed(new Error(`writer is ${this.state}`));
    if (this.failure) throw this.failed(this.failure);
    await new Promise<void>((resolve, reject) =>
      this.sealer.write(chunk, (e) => (e ? reject(this.failed(e)) : resolve())),
    );
  }

  /** Finishes sealing, then publishes the blob under its name atomically. */
  async close(): Promise<void> {
    if (this.state !== 'open') throw this.failed(new Error(`writer is ${this.state}`));
    this.state = 'closing';
    try {
      this.sealer.end();
      await this.done;
      await mkdir(dirname(this.finalPath), { recursive: true, mode: 0o700 });
      await rename(this.tempPath, this.finalPath);
      this.state = 'closed';
    } catch (e) {
      await this.abort();
      throw this.failed(e);
    }
  }

  /** Abandons the blob: stops sealing and removes the temp file; the name is left untouched. */
  async abort(): Promise<void> {
    if (this.state === 'closed' || this.state === 'aborted') return;
    this.state = 'aborted';
    this.sealer.destroy();
    await this.done.catch(() => undefined);
    await rm(this.tempPath, { force: true });
  }
}
