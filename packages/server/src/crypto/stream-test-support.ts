/** @module Test support for sealed streams: seal/unseal whole buffers and collect what was emitted. */
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DataKey } from './keyring.js';
import { sealStream } from './seal-stream.js';
import { unsealStream, type UnsealStreamOptions } from './unseal-stream.js';

/** Feeds `data` in uneven chunks, so segment logic is tested across chunk boundaries. */
export function chunked(data: Buffer, size = 7919): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < data.length; i += size) parts.push(data.subarray(i, i + size));
  return Readable.from(parts);
}

export async function sealBuffer(key: DataKey, name: string, data: Buffer): Promise<Buffer> {
  const out: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      out.push(chunk);
      done();
    },
  });
  await pipeline(chunked(data), sealStream({ key, name }), sink);
  return Buffer.concat(out);
}

export interface UnsealResult {
  plain: Buffer;
  error: unknown;
}

/** Unseals, keeping both what was emitted before a failure and the failure itself. */
export async function unsealBuffer(options: UnsealStreamOptions, sealed: Buffer): Promise<UnsealResult> {
  const out: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      out.push(chunk);
      done();
    },
  });
  let error: unknown = null;
  await pipeline(chunked(sealed, 10007), unsealStream(options), sink).catch((e: unknown) => (error = e));
  return { plain: Buffer.concat(out), error };
}
