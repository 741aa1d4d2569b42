/**
 * @module A pool of worker threads that each compile the schema once and then encode chunks of
 * rows on request. Results come back in request order, so files are byte-identical to a
 * single-threaded run for any worker count.
 */
import { Worker } from 'node:worker_threads';
import { TdmError } from '../errors/index.js';
import type { WorkerInit, WorkerReply, WorkerRequest } from './worker-protocol.js';

/**
 * Lending buffers back and forth: a request may carry a spare ArrayBuffer (a chunk the main thread
 * has written) for the worker to encode into, and a reply says how many of its bytes are the
 * chunk. In steady state no chunk buffer is allocated; fresh buffers per chunk used to pile up as
 * external memory (~70 MB) between the main thread's rare GCs.
 * (Kept here, beside WorkerRequest/WorkerReply's only users, until the protocol module owns it.)
 */

/** Spare buffers kept per thread (workers and the caller): enough for the window in flight. */
const SPARES_PER_THREAD = 2;

/**
 * Young-generation size of each worker's heap. The encoders' garbage dies young, so a small
 * nursery costs no measurable speed, while V8's default let it grow to 32 MB per worker. Peak RSS
 * of a 10M-row run with --workers 2: default 234 MB, 16 MB 197, 4 MB 191, 2 MB 181.
 */
const WORKER_YOUNG_GENERATION_MB = 2;

interface Pending {
  resolve: (buf: Uint8Array) => void;
  reject: (e: unknown) => void;
}

/**
 * Starts a worker running worker.ts/js. Built, that is plain `new Worker(url)`. Under tsx (tests,
 * dev) a worker does not inherit the TypeScript loader on Node 20, so a tiny bootstrap registers
 * tsx inside the worker first.
 */
function workerUrl(): URL {
  // Under tsx (tests, dev) this module is .ts; built, it is .js.
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./worker${ext}`, import.meta.url);
}

function startWorker(init: WorkerInit): Worker {
  const url = workerUrl();
  const resourceLimits = { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB };
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { workerData: init, resourceLimits });
  const api = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(boot, { eval: true, workerData: init, resourceLimits });
}

export class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly inflight: number[] = [];
  /**
   * Workers that have compiled the schema. Chunks go only to these: a chunk queued on a worker
   * still starting (~0.4 s for the reference schema) held up every chunk behind it.
   */
  private readonly ready: boolean[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly spares: ArrayBuffer[] = [];
  private nextId = 0;
  private failure: unknown = null;

  constructor(
    readonly size: number,
    init: WorkerInit,
  ) {
    for (let i = 0; i < size; i++) {
      const w = startWorker(init);
      w.on('message', (msg: WorkerReply) => this.onReply(i, msg));
      w.on('error', (e) => this.failAll(e));
      w.on('exit', (code) => {
        if (code !== 0)
          this.failAll(new TdmError('INTERNAL_ERROR', `generation worker exited with code ${code}`));
      });
      this.workers.push(w);
      this.inflight.push(0);
      this.ready.push(false);
    }
  }

  /** True when some ready worker has fewer than `queued` chunks in flight. */
  hasRoom(queued: number): boolean {
    for (let i = 0; i < this.workers.length; i++)
      if (this.ready[i] && (this.inflight[i] as number) < queued) return true;
    return false;
  }

  /** Throws the error a worker failed with, if any (a failed pool takes no more chunks). */
  throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }

  /** A spare buffer for the calling thread to encode into (give it back with `recycle`). */
  borrow(): ArrayBuffer | undefined {
    return this.spares.pop();
  }

  /** Encodes rows [start, end) of `table` on the least busy worker (ready ones first). */
  encode(table: string, start: number, end: number): Promise<Uint8Array> {
    if (this.failure) return Promise.reject(this.failure);
    let best = 0;
    const load = (i: number): number => (this.inflight[i] as number) + (this.ready[i] ? 0 : 1e6);
    for (let i = 1; i < this.workers.length; i++) if (load(i) < load(best)) best = i;
    const id = this.nextId++;
    const spare = this.spares.pop();
    const req: WorkerRequest = spare ? { id, table, start, end, spare } : { id, table, start, end };
    this.inflight[best] = (this.inflight[best] as number) + 1;
    return new Promise<Uint8Array>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      (this.workers[best] as Worker).postMessage(req, spare ? [spare] : []);
    });
  }

  /**
   * Takes back the memory of a chunk the caller is done with (written), to lend to a worker with a
   * later request. The caller must not touch `chunk` afterwards.
   */
  recycle(chunk: Uint8Array): void {
    const buffer = chunk.buffer;
    if (buffer instanceof ArrayBuffer && this.spares.length < SPARES_PER_THREAD * (this.size + 1))
      this.spares.push(buffer);
  }

  private onReply(worker: number, msg: WorkerReply): void {
    if (msg.ready) {
      this.ready[worker] = true;
      return;
    }
    this.inflight[worker] = (this.inflight[worker] as number) - 1;
    const p = this.pending.get(msg.id);
    if (!p) return;
    this.pending.delete(msg.id);
    if (msg.error)
      p.reject(new TdmError(msg.error.code as never, msg.error.message, { details: msg.error.details }));
    else {
      const data = msg.data as ArrayBuffer;
      p.resolve(new Uint8Array(data, 0, msg.length ?? data.byteLength));
    }
  }

  private failAll(e: unknown): void {
    this.failure = e;
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
