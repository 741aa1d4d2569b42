/**
 * @module Test fixtures for dataset reading: temporary directories, and datasets written by the
 * real generator through a small directory port (as `tdm generate` writes them).
 */
import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateData, type GenerationOptions } from '../../generate/index.js';

export async function tempDir(t: { after(fn: () => Promise<void>): void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tdm-read-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Generates `schema` into `dir` (files and manifest.json). */
export async function generateInto(
  dir: string,
  schema: unknown,
  options: Partial<GenerationOptions> = {},
): Promise<void> {
  await generateData(schema, {
    now: Date.UTC(2026, 0, 1),
    ...options,
    output: {
      async create(name) {
        const path = join(dir, name);
        await writeFile(path, '');
        return { write: (chunk) => appendFile(path, chunk), close: async () => {} };
      },
      remove: (name) => rm(join(dir, name), { force: true }),
    },
  });
}

/** Yields `text` in pieces cut at the given offsets (to test records split across chunks). */
export async function* pieces(text: string, cuts: readonly number[]): AsyncGenerator<string> {
  let at = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    if (c <= at || c >= text.length) continue;
    yield text.slice(at, c);
    at = c;
  }
  yield text.slice(at);
}

/** Collects every batch of an async iterable of batches into one array. */
export async function collect<T>(batches: AsyncIterable<T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const b of batches) out.push(...b);
  return out;
}
