/**
 * @module Worker threads for a multi-threaded check: each checks whole segments (byte ranges of a
 * CSV/TSV file) with its own plan and sends back the segment's state, which the calling thread
 * merges in segment order (segment-state.ts). A worker that dies fails every pending segment
 * with a coded error.
 */
import { Worker } from 'node:worker_threads';
import type { QualityLevel } from '../dsl/index.js';
import { TdmError } from '../errors/index.js';
import type { ColumnInfo, DatasetFormat, TextLayout } from './read/types.js';
import type { QualityRules } from './rules.js';
import type { ParentData, SegmentPartial } from './segment-state.js';
import type { Segment } from './segments.js';

export interface CheckWorkerInit {
  rules: QualityRules;
  level: QualityLevel;
  sampleSize: number;
  now: number | undefined;
  entities: {
    name: string;
    file: string;
    files: string[];
    format: DatasetFormat;
    columns: ColumnInfo[];
    layout?: TextLayout;
  }[];
}

export type CheckWorkerRequest =
  | { type: 'parents'; entity: string; parents: ParentData[] }
  | { type: 'segment'; id: number; entity: string; seg: Segment };

export interface CheckWorkerReply {
  id: number;
  partial?: SegmentPartial;
  error?: { code: string; message: string; details?: unknown };
}

/** Young-generation size of each worker's heap: segment garbage dies young (see generate/pool.ts). */
const WORKER_YOUNG_GENERATION_MB = 16;

/** Built, a plain worker; under tsx (tests, dev) a bootstrap registers tsx in the worker first. */
function startWorker(init: CheckWorkerInit): Worker {
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  const url = new URL(`./check-worker${ext}`, import.meta.url);
  const resourceLimits = { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB };
  if (ext === '.js') return new Worker(url, { workerData: init, resourceLimits });
  const api = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(boot, { eval: true, workerData: init, resourceLimits });
}

interface Pending {
  worker: number;
  resolve: (p: SegmentPartial) => void;
  reject: (e: unknown) => void;
}

export class CheckPool {
  private readonly workers: Worker[] = [];
  private readonly inflight: number[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private failure: unknown = null;

  constructor(size: number, init: CheckWorkerInit) {
    for (let i = 0; i < size; i++) {
      const w = startWorker(init);
      w.on('message', (msg: CheckWorkerReply) => this.onReply(msg));
      w.on('error', (e) =>
        this.failAll(
          new TdmError('INTERNAL_ERROR', `quality check worker failed: ${e.message}`, { cause: e }),
        ),
      );
      w.on('exit', (code) => {
        if (code !== 0)
          this.failAll(new TdmError('INTERNAL_ERROR', `quality check worker exited with code ${code}`));
      });
      this.workers.push(w);
      this.inflight.push(0);
    }
  }

  /** The error that broke the pool (a worker died), if any. */
  get broken(): unknown {
    return this.failure;
  }

  get size(): number {
    return this.workers.length;
  }

  /** The parent key sets and values every worker's checks of `entity` read. */
  parents(entity: string, parents: ParentData[]): void {
    for (const w of this.workers)
      w.postMessage({ type: 'parents', entity, parents } satisfies CheckWorkerRequest);
  }

  /** Checks a segment on the least busy worker. */
  segment(entity: string, seg: Segment): Promise<SegmentPartial> {
    if (this.failure) return Promise.reject(this.failure);
    let best = 0;
    for (let i = 1; i < this.workers.length; i++)
      if ((this.inflight[i] as number) < (this.inflight[best] as number)) best = i;
    const id = this.nextId++;
    this.inflight[best] = (this.inflight[best] as number) + 1;
    return new Promise<SegmentPartial>((resolve, reject) => {
      this.pending.set(id, { worker: best, resolve, reject });
      (this.workers[best] as Worker).postMessage({
        type: 'segment',
        id,
        entity,
        seg,
      } satisfies CheckWorkerRequest);
    });
  }

  private onReply(msg: CheckWorkerReply): void {
    const p = this.pending.get(msg.id);
    if (!p) return;
    this.pending.delete(msg.id);
    this.inflight[p.worker] = (this.inflight[p.worker] as number) - 1;
    if (msg.error) {
      p.reject(new TdmError(msg.error.code as never, msg.error.message, { details: msg.error.details }));
    } else p.resolve(msg.partial as SegmentPartial);
  }

  /** Fails every pending segment (a worker died, or the run was aborted). */
  failAll(e: unknown): void {
    if (!this.failure) this.failure = e;
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
