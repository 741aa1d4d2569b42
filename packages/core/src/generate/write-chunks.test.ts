/**
 * @module The chunk loop's contract with output ports: chunk buffers are reused, so a chunk's
 * bytes must stay untouched until the port's write resolves (on one thread and with workers), and
 * a failing write stops generation with its error.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TdmError } from '../errors/index.js';
import { generateData } from './generate-data.js';
import type { OutputPort } from './output.js';

const schema = {
  seed: 7,
  entities: {
    people: {
      count: 3000,
      fields: {
        id: { type: 'uuid', primaryKey: true },
        name: { type: 'person.firstName' },
        born: { type: 'date', min: '1950-01-01', max: '2000-12-31' },
      },
    },
    visits: {
      count: { per: 'people', distribution: 'uniform', min: 0, max: 4 },
      fields: {
        person_id: { ref: 'people.id' },
        at: { type: 'timestamp', min: 'person_id.born', max: 'now' },
        fee: { type: 'decimal', min: 0, max: 99, scale: 2 },
      },
    },
  },
};
const NOW = Date.UTC(2026, 0, 1);

/**
 * A port that takes its time: each write resolves a few ticks later, and at that moment the
 * chunk must still hold the bytes it held when handed over.
 */
function slowCheckingOutput(): OutputPort & { files: Map<string, Buffer>; changed: string[] } {
  const files = new Map<string, Buffer>();
  const changed: string[] = [];
  return {
    files,
    changed,
    async create(name) {
      const parts: Buffer[] = [];
      files.set(name, Buffer.alloc(0));
      return {
        async write(chunk) {
          const copy = Buffer.from(chunk);
          parts.push(copy);
          for (let i = 0; i < 3; i++) await new Promise<void>((r) => setImmediate(r));
          if (!copy.equals(chunk)) changed.push(name);
        },
        async close() {
          files.set(name, Buffer.concat(parts));
        },
      };
    },
    async remove(name) {
      files.delete(name);
    },
  };
}

test('chunks stay untouched until the write resolves, and every thread count writes the same bytes', async () => {
  const results: Map<string, Buffer>[] = [];
  for (const workers of [1, 2, 3]) {
    const output = slowCheckingOutput();
    await generateData(schema, { output, workers, chunkRows: 97, now: NOW, writeManifest: false });
    assert.deepEqual(output.changed, [], `${workers} thread(s): no chunk changed before its write resolved`);
    results.push(output.files);
  }
  const [one, ...others] = results as [Map<string, Buffer>, ...Map<string, Buffer>[]];
  assert.deepEqual([...one.keys()].sort(), ['people.csv', 'visits.csv']);
  for (const files of others) {
    for (const [name, bytes] of one) assert.ok(bytes.equals(files.get(name) as Buffer), `${name} identical`);
  }
});

test('a failing write stops generation with its error, on one thread and with workers', async () => {
  for (const workers of [1, 2]) {
    let writes = 0;
    const boom = new Error('disk full');
    const output: OutputPort = {
      async create() {
        return {
          write: async () => {
            if (++writes === 4) throw boom;
          },
          close: async () => undefined,
        };
      },
      async remove() {},
    };
    await assert.rejects(
      generateData(schema, { output, workers, chunkRows: 50, now: NOW, writeManifest: false }),
      (e: unknown) => e === boom,
      `${workers} thread(s)`,
    );
  }
});

test('cancelling a run with workers stops it and leaves no files behind', async () => {
  const output = slowCheckingOutput();
  const controller = new AbortController();
  const run = generateData(schema, {
    output,
    workers: 2,
    chunkRows: 50,
    now: NOW,
    signal: controller.signal,
    onProgress: (s) => {
      if (s.rowsDone >= 500) controller.abort();
    },
  });
  await assert.rejects(run, (e: unknown) => e instanceof TdmError && e.code === 'GENERATION_CANCELLED');
  assert.deepEqual([...output.files.keys()], [], 'partial files removed');
});
