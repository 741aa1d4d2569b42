/**
 * @module A directory as the generator's output port: files stream to disk with backpressure, and
 * a write resolves when its chunk is on disk (so the caller may reuse the chunk's memory).
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { OutputFile, OutputPort } from '@tdm/core';

export async function directoryOutput(dir: string): Promise<OutputPort> {
  const root = resolve(dir);
  await mkdir(root, { recursive: true });
  return {
    async create(name: string): Promise<OutputFile> {
      const stream = createWriteStream(join(root, name));
      await new Promise<void>((ok, fail) => {
        stream.once('open', () => ok());
        stream.once('error', fail);
      });
      let failure: Error | null = null;
      stream.on('error', (e) => (failure = e));
      return {
        // Resolves once the chunk is in the file (the write callback), not merely queued: the
        // generator reuses the chunk's buffer after that. One chunk at a time is also backpressure.
        write: (chunk) =>
          new Promise<void>((ok, fail) => {
            if (failure) return fail(failure);
            stream.write(chunk, (e) => (e ? fail(e) : failure ? fail(failure) : ok()));
          }),
        close: () => new Promise<void>((ok, fail) => stream.end((e?: Error | null) => (e ? fail(e) : ok()))),
      };
    },
    async remove(name: string): Promise<void> {
      await rm(join(root, name), { force: true });
    },
  };
}
