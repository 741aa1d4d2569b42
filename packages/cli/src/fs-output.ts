/**
 * @module A directory as the generator's output port: files stream to disk with backpressure.
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
        write: (chunk) =>
          new Promise<void>((ok, fail) => {
            if (failure) return fail(failure);
            if (stream.write(chunk)) ok();
            else stream.once('drain', () => (failure ? fail(failure) : ok()));
          }),
        close: () => new Promise<void>((ok, fail) => stream.end((e?: Error | null) => (e ? fail(e) : ok()))),
      };
    },
    async remove(name: string): Promise<void> {
      await rm(join(root, name), { force: true });
    },
  };
}
