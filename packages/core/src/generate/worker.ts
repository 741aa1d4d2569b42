/**
 * @module Worker thread entry: compiles the schema once, then encodes requested chunks into the
 * buffers the main thread lends it (see pool.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { compileSchema, type EntityRuntime } from '../compile/index.js';
import { isTdmError } from '../errors/index.js';
import { getFormat, type ChunkEncoder, type TextFormat } from '../format/index.js';
import { ByteWriter } from '../format/byte-writer.js';
import { encodeRows } from './chunks.js';
import type { WorkerInit, WorkerReply, WorkerRequest } from './worker-protocol.js';

const init = workerData as WorkerInit;
const compiled = compileSchema(init.doc, init.compile);
const format = getFormat(init.format) as TextFormat;
const encoders = new Map<string, { rt: EntityRuntime; enc: ChunkEncoder }>();
for (const table of compiled.tables) {
  encoders.set(table.name, {
    rt: compiled.runtimes.get(table.name) as EntityRuntime,
    enc: format.encoder(table, init.formatOptions, compiled.tables),
  });
}

/** Size of the largest chunk so far: a fresh buffer (no spare lent yet) starts at that. */
let capacity = 1 << 20;

parentPort?.on('message', (req: WorkerRequest) => {
  let reply: WorkerReply;
  const transfer: ArrayBuffer[] = [];
  try {
    const { rt, enc } = encoders.get(req.table) as { rt: EntityRuntime; enc: ChunkEncoder };
    // Encode into the lent buffer when there is one; it grows (reallocates) only if too small.
    const w = new ByteWriter(req.spare ? new Uint8Array(req.spare) : capacity);
    encodeRows(rt, enc, req.start, req.end, w);
    capacity = Math.max(capacity, w.buf.byteLength);
    // The whole buffer moves to the main thread uncopied; `length` says how much is the chunk.
    const data = w.buf.buffer as ArrayBuffer;
    transfer.push(data);
    reply = { id: req.id, data, length: w.pos };
  } catch (e) {
    reply = {
      id: req.id,
      error: isTdmError(e)
        ? { code: e.code, message: e.message, details: e.details }
        : { code: 'INTERNAL_ERROR', message: String(e) },
    };
  }
  parentPort?.postMessage(reply, transfer);
});

// Compiled and listening: the pool may now send chunks here.
const ready: WorkerReply = { id: -1, ready: true };
parentPort?.postMessage(ready);
