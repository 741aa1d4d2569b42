/**
 * @module A directory as the generator's output port: the directory is created one level at a
 * time with a coded error when it cannot be, files stream to disk with backpressure, and a write
 * resolves when its chunk is on disk (so the caller may reuse the chunk's memory).
 */
import { createWriteStream, type Stats } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { TdmError, type OutputFile, type OutputPort } from '@tdm/core';

/** The stat of `path`, or null when there is nothing there (or it cannot be looked at). */
export async function statOf(path: string): Promise<Stats | null> {
  try {
    return await stat(path);
  } catch {
    return null;
  }
}

/** GENERATION_OUTPUT_FAILED (exit 4) for an output flag's path. */
export function outputFailed(flag: string, path: string, why: string, fix: string): TdmError {
  return new TdmError('GENERATION_OUTPUT_FAILED', `${flag} ${path}: ${why}`, { suggestedActions: [fix] });
}

/**
 * Creates the output directory one level at a time (a recursive mkdir under /proc never returns
 * on Node 20), with a coded error when it cannot be.
 */
export async function makeOutputDir(dir: string, flag = '--out'): Promise<void> {
  const abs = resolve(dir);
  const missing: string[] = [];
  for (let p = abs; !(await statOf(p)); p = dirname(p)) {
    missing.unshift(p);
    if (dirname(p) === p) break;
  }
  for (const p of missing) {
    try {
      await mkdir(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
      throw outputFailed(flag, dir, `cannot create ${p} (${code})`, 'Pass a directory you can write to.');
    }
  }
  const st = await statOf(abs);
  if (!st?.isDirectory()) throw outputFailed(flag, dir, 'is not a directory', 'Pass a directory.');
}

/** `dir` (created if missing) as an output port. */
export async function directoryOutput(dir: string, flag = '--out'): Promise<OutputPort> {
  const root = resolve(dir);
  await makeOutputDir(dir, flag);
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
