/**
 * @module Worker thread entry of a multi-threaded check: plans the run once per segment (fresh
 * state), reads its byte range of the file and sends the segment's state back (see check-pool.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isTdmError } from '../errors/index.js';
import { planRun } from './plan.js';
import { checkSegment, installParents, type ParentData } from './segment-state.js';
import type { CheckWorkerInit, CheckWorkerReply, CheckWorkerRequest } from './check-pool.js';
import type { CellValue, DatasetSource } from './source.js';

const init = workerData as CheckWorkerInit;
const none = (): AsyncIterable<never> => ({
  [Symbol.asyncIterator]: () => ({ next: async () => ({ done: true, value: undefined as never }) }),
});
const shape: DatasetSource = {
  entities: init.entities.map((e) => ({
    ...e,
    rows: none as () => AsyncIterable<CellValue[]>,
    batches: none as () => AsyncIterable<CellValue[][]>,
  })),
};
const parents = new Map<string, ParentData[]>();
// One segment at a time: a worker's memory is one segment's state.
let queue: Promise<void> = Promise.resolve();

async function run(req: Extract<CheckWorkerRequest, { type: 'segment' }>): Promise<CheckWorkerReply> {
  try {
    const plan = planRun(shape, init.rules, init.level, { sampleSize: init.sampleSize, now: init.now });
    installParents(plan, parents.get(req.entity) ?? []);
    const layout = init.entities.find((e) => e.name === req.entity)?.layout;
    if (!layout) throw new Error(`entity ${req.entity} has no text layout`);
    return { id: req.id, partial: await checkSegment(plan, req.entity, req.seg, layout, 1) };
  } catch (e) {
    return isTdmError(e)
      ? { id: req.id, error: { code: e.code, message: e.message, details: e.details } }
      : {
          id: req.id,
          error: { code: 'INTERNAL_ERROR', message: e instanceof Error ? e.message : String(e) },
        };
  }
}

parentPort?.on('message', (req: CheckWorkerRequest) => {
  if (req.type === 'parents') {
    parents.set(req.entity, req.parents);
    return;
  }
  queue = queue.then(async () => parentPort?.postMessage(await run(req)));
});
