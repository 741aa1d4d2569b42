/**
 * @module The brief's job interface: getGenerationStatus, cancelGeneration (stops within a chunk
 * and removes partial files), AbortSignal, engine version pinning.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TdmError } from '../errors/index.js';
import { cancelGeneration, generateData, getGenerationStatus } from './generate-data.js';
import { JobRegistry } from './jobs.js';
import type { OutputPort } from './output.js';

/** An in-memory output port that records which files exist. */
function memoryOutput(): OutputPort & { files: Map<string, number> } {
  const files = new Map<string, number>();
  return {
    files,
    async create(name) {
      files.set(name, 0);
      return {
        write: async (chunk) => void files.set(name, (files.get(name) ?? 0) + chunk.byteLength),
        close: async () => undefined,
      };
    },
    async remove(name) {
      files.delete(name);
    },
  };
}

const big = {
  seed: 1,
  entities: {
    things: { count: 2_000_000, fields: { id: { type: 'sequence' }, name: { type: 'person.firstName' } } },
  },
};
const NOW = Date.UTC(2026, 0, 1);

test('cancelGeneration stops a running job and removes its partial files', async () => {
  const output = memoryOutput();
  const jobs = new JobRegistry();
  let cancelling: Promise<void> | null = null;
  const started = generateData(big, {
    output,
    now: NOW,
    jobs,
    jobId: 'job-1',
    chunkRows: 1000,
    onProgress: (s) => {
      if (s.rowsDone > 0 && !cancelling) cancelling = cancelGeneration('job-1', jobs);
    },
  });
  await assert.rejects(started, (e: unknown) => e instanceof TdmError && e.code === 'GENERATION_CANCELLED');
  await cancelling;
  const status = getGenerationStatus('job-1', jobs);
  assert.equal(status.status, 'cancelled');
  assert.equal(status.errorCode, 'GENERATION_CANCELLED');
  assert.ok(status.rowsDone < 2_000_000, 'stopped early');
  assert.equal(output.files.size, 0, 'partial files removed');
});

test('an aborted signal cancels the generation the same way', async () => {
  const output = memoryOutput();
  const controller = new AbortController();
  const jobs = new JobRegistry();
  const run = generateData(big, {
    output,
    now: NOW,
    jobs,
    signal: controller.signal,
    chunkRows: 1000,
    onProgress: (s) => {
      if (s.rowsDone >= 3000) controller.abort();
    },
  });
  await assert.rejects(run, (e: unknown) => e instanceof TdmError && e.code === 'GENERATION_CANCELLED');
  assert.equal(output.files.size, 0);
});

test('status reports progress and completion', async () => {
  const jobs = new JobRegistry();
  const seen: number[] = [];
  const ds = await generateData(
    { entities: { a: { count: 5000, fields: { id: { type: 'sequence' } } } } },
    {
      output: memoryOutput(),
      now: NOW,
      jobs,
      jobId: 'j',
      chunkRows: 1000,
      onProgress: (s) => seen.push(s.progress),
    },
  );
  assert.equal(ds.id, 'j');
  const status = getGenerationStatus('j', jobs);
  assert.equal(status.status, 'completed');
  assert.equal(status.progress, 100);
  assert.equal(status.rowsDone, 5000);
  assert.ok(seen.length >= 5);
  assert.deepEqual(
    seen,
    [...seen].sort((x, y) => x - y),
  );
});

test('unknown job ids give GENERATION_JOB_NOT_FOUND', async () => {
  const jobs = new JobRegistry();
  assert.throws(() => getGenerationStatus('nope', jobs), { code: 'GENERATION_JOB_NOT_FOUND' });
  await assert.rejects(cancelGeneration('nope', jobs), { code: 'GENERATION_JOB_NOT_FOUND' });
});

test('a pinned engine version this build cannot reproduce is refused', async () => {
  await assert.rejects(
    generateData(big, { output: memoryOutput(), now: NOW, engineVersion: '0.9.0', jobs: new JobRegistry() }),
    {
      code: 'GENERATION_ENGINE_VERSION_UNSUPPORTED',
      message: 'engine version 0.9.0 is not supported by this build (engine 1.0.0)',
    },
  );
  const ds = await generateData(
    { entities: { a: { count: 3, fields: { id: { type: 'sequence' } } } } },
    { output: memoryOutput(), now: NOW, engineVersion: '1', jobs: new JobRegistry() },
  );
  assert.equal(ds.manifest.engineVersion, '1.0.0');
});
