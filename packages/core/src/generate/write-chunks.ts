/**
 * @module The chunk loop of a text table: rows encoded in chunks (on this thread, or on this
 * thread and worker threads together) and written to the file strictly in row order, so the
 * bytes are identical for any number of threads. Memory is bounded by a window of chunks.
 */
import type { EntityRuntime } from '../compile/index.js';
import { ByteWriter } from '../format/byte-writer.js';
import type { ChunkEncoder } from '../format/index.js';
import { encodeRows } from './chunks.js';
import type { TrackedFile } from './output.js';
import type { WorkerPool } from './pool.js';

export interface ChunkTable {
  name: string;
  rt: EntityRuntime;
  enc: ChunkEncoder;
  rows: number;
  chunkRows: number;
  file: TrackedFile;
  /** Called before each chunk; throws to stop (cancel). */
  check(): void;
  /** Called after each chunk is written. */
  progress(rows: number): void;
}

/** Writes every row of `t`; with a pool, its workers and this thread share the chunks. */
export function writeChunks(t: ChunkTable, pool: WorkerPool | null): Promise<void> {
  return pool ? writeShared(t, pool) : writeAlone(t);
}

const yieldToLoop = (): Promise<void> => new Promise<void>((r) => setImmediate(r));

/**
 * This thread alone, double-buffered: one chunk is on its way to the file while the next is
 * encoded into the other writer, so disk writes overlap generation, and the two buffers serve the
 * whole table (a fresh buffer per chunk piled up as external memory between GCs).
 */
async function writeAlone(t: ChunkTable): Promise<void> {
  const writers = [new ByteWriter(1 << 20), new ByteWriter(1 << 20)];
  let writing: Promise<void> = Promise.resolve();
  for (let start = 0, k = 0; start < t.rows; start += t.chunkRows, k ^= 1) {
    t.check();
    const end = Math.min(t.rows, start + t.chunkRows);
    // This writer's previous chunk was written before the other writer's chunk went out.
    const w = writers[k] as ByteWriter;
    encodeRows(t.rt, t.enc, start, end, w);
    await writing;
    writing = t.file.write(w.view());
    // A failed write is rethrown by the next await; mark it handled until then.
    writing.catch(() => undefined);
    t.progress(end - start);
    // Let cancel requests and I/O callbacks run between chunks.
    await yieldToLoop();
  }
  await writing;
}

interface Slot {
  start: number;
  end: number;
  /** Set when a worker was asked for this chunk. */
  pending: Promise<Uint8Array> | null;
  bytes: Uint8Array | null;
}

/** Chunks each worker may have queued: one being encoded and one waiting, so it never idles. */
const QUEUED_PER_WORKER = 2;

/**
 * This thread and the pool's workers together. Ready workers get chunks while they have room;
 * this thread encodes the earliest chunk nobody has taken whenever it cannot write (also while
 * the workers are still starting), and otherwise waits for the oldest chunk. Chunks are written
 * in row order whoever made them. Making this thread one of the generating threads, instead of
 * one that only hashes and writes, saves a worker isolate (~60 MB of RSS) at the same speed.
 */
async function writeShared(t: ChunkTable, pool: WorkerPool): Promise<void> {
  const window: Slot[] = [];
  const ahead = QUEUED_PER_WORKER * (pool.size + 1);
  let next = 0;
  let writing: Promise<void> = Promise.resolve();
  const refill = (): void => {
    while (window.length < ahead && next < t.rows) {
      const end = Math.min(t.rows, next + t.chunkRows);
      window.push({ start: next, end, pending: null, bytes: null });
      next = end;
    }
    for (const slot of window) {
      if (slot.pending || slot.bytes || !pool.hasRoom(QUEUED_PER_WORKER)) continue;
      const p = pool.encode(t.name, slot.start, slot.end);
      slot.pending = p;
      // A failure surfaces when the slot is awaited; until then it is not unhandled.
      p.then((b) => (slot.bytes = b)).catch(() => undefined);
    }
  };
  // Whether the last write finished; while it has not, this thread makes a chunk, not wait.
  let writeDone = true;
  refill();
  while (window.length > 0) {
    t.check();
    pool.throwIfFailed();
    const head = window[0] as Slot;
    if (head.bytes && writeDone) {
      const bytes = head.bytes;
      window.shift();
      writeDone = false;
      // Once written, the buffer goes back to the pool to be lent out again.
      writing = t.file.write(bytes).then(() => {
        pool.recycle(bytes);
        writeDone = true;
      });
      // A failed write is rethrown when it is awaited; mark it handled until then.
      writing.catch(() => undefined);
      t.progress(head.end - head.start);
      refill();
      continue;
    }
    const mine = window.find((s) => !s.pending && !s.bytes);
    if (mine) {
      const spare = pool.borrow();
      const w = new ByteWriter(spare ? new Uint8Array(spare) : 1 << 20);
      encodeRows(t.rt, t.enc, mine.start, mine.end, w);
      mine.bytes = w.view();
      // Worker replies and finished writes are handled here, so workers stay fed.
      await yieldToLoop();
      refill();
      continue;
    }
    // Nothing to make: wait for what holds the head up (its write slot, or its chunk).
    if (head.bytes) await writing;
    else head.bytes = await (head.pending as Promise<Uint8Array>);
  }
  await writing;
}
