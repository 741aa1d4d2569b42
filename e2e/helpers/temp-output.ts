/**
 * @module Temporary directories for tests and an OutputPort writing into one, so tests generate
 * real files without depending on the CLI. Callers remove the directory in `after`/`finally`.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OutputFile, OutputPort } from '@tdm/core';

/** A fresh directory under the OS temp dir, e.g. `/tmp/tdm-formats-AbC123`. */
export function makeTempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `tdm-${prefix}-`));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** Files stream to `dir` with backpressure; `remove` deletes one (generation cleanup). */
export function dirOutput(dir: string): OutputPort {
  return {
    async create(name: string): Promise<OutputFile> {
      const stream = createWriteStream(join(dir, name));
      await new Promise<void>((ok, fail) => {
        stream.once('open', () => ok());
        stream.once('error', fail);
      });
      return {
        write: (chunk) =>
          new Promise<void>((ok, fail) => {
            stream.write(chunk, (e) => (e ? fail(e) : ok()));
          }),
        close: () => new Promise<void>((ok, fail) => stream.end((e?: Error | null) => (e ? fail(e) : ok()))),
      };
    },
    async remove(name: string): Promise<void> {
      await rm(join(dir, name), { force: true });
    },
  };
}

/** Runs `fn` with a temp directory that is removed afterwards, whatever happens. */
export async function withTempDir<T>(prefix: string, fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await makeTempDir(prefix);
  try {
    return await fn(dir);
  } finally {
    await removeDir(dir);
  }
}
