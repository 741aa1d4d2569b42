/**
 * @module The storage port generation writes through (the core never touches the filesystem):
 * the CLI passes a directory, the platform a blob store. Each file gets its sha256 and size
 * computed on the way out, and optional gzip.
 */
import { createHash, type Hash } from 'node:crypto';
import { createGzip, type Gzip } from 'node:zlib';
import type { ByteSink } from '../format/index.js';

export interface OutputFile {
  /**
   * Takes a chunk; resolves when the port is done with its memory (written, or copied), so the
   * caller may reuse it (generation reuses chunk buffers). Also the port's backpressure.
   */
  write(chunk: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

export interface OutputPort {
  create(name: string): Promise<OutputFile>;
  /** Removes a file (used to clean up after cancel or failure). */
  remove(name: string): Promise<void>;
}

export interface FileInfo {
  name: string;
  bytes: number;
  sha256: string;
}

/** Wraps an OutputFile with hashing, byte counting and optional gzip. */
export class TrackedFile implements ByteSink {
  private readonly hash: Hash = createHash('sha256');
  private bytes = 0;
  private readonly gzip: Gzip | null;
  private pending: Promise<void> = Promise.resolve();
  private failure: unknown = null;

  constructor(
    readonly name: string,
    private readonly file: OutputFile,
    gzip: boolean,
  ) {
    this.gzip = gzip ? createGzip({ level: 6 }) : null;
    if (this.gzip) {
      this.gzip.on('data', (chunk: Buffer) => {
        this.pending = this.pending.then(() => this.emit(chunk));
        this.pending.catch((e: unknown) => (this.failure = e));
      });
    }
  }

  private async emit(chunk: Uint8Array): Promise<void> {
    this.hash.update(chunk);
    this.bytes += chunk.byteLength;
    await this.file.write(chunk);
  }

  /** Hashes and passes on a chunk; resolves when the chunk's memory may be reused. */
  async write(chunk: Uint8Array | string): Promise<void> {
    if (this.failure) throw this.failure;
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    if (buf.byteLength === 0) return;
    if (!this.gzip) return this.emit(buf);
    const gz = this.gzip;
    // The write callback runs once zlib has consumed the chunk (the caller may then reuse it).
    await new Promise<void>((resolve, reject) => gz.write(buf, (e) => (e ? reject(e) : resolve())));
    await this.pending;
  }

  async close(): Promise<FileInfo> {
    if (this.gzip) {
      const gz = this.gzip;
      await new Promise<void>((resolve, reject) => {
        gz.once('end', resolve);
        gz.once('error', reject);
        gz.end();
        gz.resume();
      });
      await this.pending;
      if (this.failure) throw this.failure;
    }
    await this.file.close();
    return { name: this.name, bytes: this.bytes, sha256: this.hash.digest('hex') };
  }
}
