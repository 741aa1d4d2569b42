/**
 * @module Worker thread entry: compiles the schema once, then encodes requested chunks.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { compileSchema, type EntityRuntime } from '../compile/index.js';
import { isTdmError } from '../errors/index.js';
import { getFormat, type ChunkEncoder, type TextFormat } from '../format/index.js';
import { encodeChunk } from './chunks.js';
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

parentPort?.on('message', (req: WorkerRequest) => {
  let reply: WorkerReply;
  const transfer: ArrayBuffer[] = [];
  try {
    const { rt, enc } = encoders.get(req.table) as { rt: EntityRuntime; enc: ChunkEncoder };
    const buf = Buffer.from(encodeChunk(rt, enc, req.start, req.end), 'utf8');
    // Copy into a standalone ArrayBuffer so it can be transferred without copying again.
    const data = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
    transfer.push(data);
    reply = { id: req.id, data };
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
