/**
 * @module The one place dataset reading touches the filesystem: byte chunks of a file (gunzipped
 * when it ends in .gz), pulled by async iteration so a slow consumer slows the read.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { stat } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { isTdmError } from '../../errors/index.js';
import { fsCode, unreadable } from './errors.js';

const CHUNK_BYTES = 1 << 20;

/**
 * Where a dataset's bytes come from when they are not plain local files: the server reads its
 * sealed blobs (unsealed as they stream) or regenerates a version from its recipe through this.
 * Names are what the plan lists (a `.gz` name is gunzipped by the reader, as for local files).
 */
export interface DatasetFiles {
  /** The file's bytes in order, pulled by iteration (backpressure). */
  chunks(file: string, signal?: AbortSignal): AsyncIterable<Uint8Array>;
}

/** Yields the file's bytes in chunks of about 1 MiB; coded errors for missing files or bad gzip. */
export async function* fileChunks(
  file: string,
  signal?: AbortSignal,
  access?: DatasetFiles,
): AsyncGenerator<Buffer> {
  const raw: Readable = access
    ? Readable.from(access.chunks(file, signal), { objectMode: false })
    : createReadStream(file, { highWaterMark: CHUNK_BYTES, ...(signal ? { signal } : {}) });
  const gz = /\.gz$/i.test(file);
  const stream = gz ? raw.pipe(createGunzip({ chunkSize: CHUNK_BYTES })) : raw;
  if (gz) raw.on('error', (e: Error) => stream.destroy(e));
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (e) {
    if (isTdmError(e) || (e instanceof Error && e.name === 'AbortError')) throw e;
    throw readFailure(file, e);
  } finally {
    raw.destroy();
    if (gz) stream.destroy();
  }
}

export function readFailure(file: string, e: unknown): Error {
  const code = fsCode(e);
  if (code === 'ENOENT') return unreadable(file, 'no such file', e);
  if (code === 'EACCES' || code === 'EPERM') return unreadable(file, 'permission denied', e);
  if (code === 'EISDIR') return unreadable(file, 'is a directory, not a file', e);
  if (code?.startsWith('Z_')) return unreadable(file, 'not valid gzip data', e);
  return unreadable(file, e instanceof Error ? e.message : String(e), e);
}

export async function fileSize(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch (e) {
    throw readFailure(file, e);
  }
}
