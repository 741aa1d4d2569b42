/**
 * @module A pool of worker threads that each compile the schema once and then encode chunks of
 * rows on request. Results come back in request order, so files are byte-identical to a
 * single-threaded run for any worker count.
 */
import { Worker } from 'node:worker_threads';
import { TdmError } from '../errors/index.js';
import type { WorkerInit, WorkerReply, WorkerRequest } from './worker-protocol.js';

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
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { workerData: init });
  const api = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(boot, { eval: true, workerData: init });
}

export class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly inflight: number[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private failure: unknown = null;

  constructor(size: number, init: WorkerInit) {
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
    }
  }

  /** Encodes rows [start, end) of `table` on the least busy worker. */
  encode(table: string, start: number, end: number): Promise<Uint8Array> {
    if (this.failure) return Promise.reject(this.failure);
    let best = 0;
    for (let i = 1; i < this.workers.length; i++)
      if ((this.inflight[i] as number) < (this.inflight[best] as number)) best = i;
    const id = this.nextId++;
    const req: WorkerRequest = { id, table, start, end };
    this.inflight[best] = (this.inflight[best] as number) + 1;
    return new Promise<Uint8Array>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      (this.workers[best] as Worker).postMessage(req);
    });
  }

  private onReply(worker: number, msg: WorkerReply): void {
    this.inflight[worker] = (this.inflight[worker] as number) - 1;
    const p = this.pending.get(msg.id);
    if (!p) return;
    this.pending.delete(msg.id);
    if (msg.error)
      p.reject(new TdmError(msg.error.code as never, msg.error.message, { details: msg.error.details }));
    else p.resolve(new Uint8Array(msg.data as ArrayBuffer));
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
