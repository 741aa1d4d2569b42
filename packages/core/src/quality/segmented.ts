/**
 * @module Checking one entity segment by segment: here and, with a pool, on worker threads too
 * (this thread takes every n-th segment, n = workers + 1, and merges). Either way each segment starts from a fresh plan and the states merge
 * in segment order, so the report does not depend on the thread count.
 *
 * A segment that fails (a malformed row, or a range that ended inside a quoted field) is not
 * trusted: the rest of its file is read here in one piece from that segment's start, with the
 * right line numbers, so errors are the ones a single pass reports.
 */
import type { CheckPool } from './check-pool.js';
import type { EntityPlan, RunPlan } from './plan.js';
import { FieldProfiler } from './profile.js';
import { typedPlan } from './read/csv-typed.js';
import type { TextLayout } from './read/types.js';
import { sampleValues } from './rule-state.js';
import {
  checkSegment,
  installParents,
  markTrackers,
  mergePartial,
  parentsOf,
  rollBack,
  type PendingSample,
  type SegmentPartial,
} from './segment-state.js';
import { segmentBatches, type Segment } from './segments.js';

export interface SegmentedRun {
  pool: CheckPool | null;
  /** A fresh plan of the whole run (new rule states and key sets). */
  fresh: () => RunPlan;
  signal: AbortSignal | undefined;
  /** Hears the rows and bytes merged so far in this entity after each segment. */
  onMerged?: (rows: number, bytes: number) => void;
}

/** The error an aborted check rejects with: the one Node's aborted file streams throw. */
export function abortError(signal: AbortSignal): Error {
  return Object.assign(new Error('The operation was aborted', { cause: signal.reason }), {
    name: 'AbortError',
    code: 'ABORT_ERR',
  });
}

export async function checkSegmented(
  entity: EntityPlan,
  segs: readonly Segment[],
  layout: TextLayout,
  run: SegmentedRun,
): Promise<{ rows: number; profilers: FieldProfiler[] }> {
  const { pool, signal } = run;
  const name = entity.source.name;
  const parents = parentsOf(entity);
  pool?.parents(name, parents);
  // This thread checks its segments in order, each after every earlier one merged: they add keys
  // to the run's sets directly (only workers' keys are replayed at the merge).
  const shared = entity;
  const inline = (seg: Segment, line: number): Promise<SegmentPartial> => {
    const plan = run.fresh();
    installParents(plan, parents);
    return checkSegment(plan, name, seg, layout, line, signal, shared);
  };
  const inFlight: Promise<SegmentPartial>[] = [];
  const threads = pool ? pool.size + 1 : 1;
  // This thread's JIT is warm and it would wait for the workers anyway.
  const here = (i: number): boolean => i % threads === 0;
  let sent = 0;
  const dispatch = (merged: number): void => {
    while (pool && sent < segs.length && sent - merged < threads * 2) {
      if (!here(sent)) {
        const p = pool.segment(name, segs[sent] as Segment);
        p.catch(() => undefined); // awaited in order below, or dropped with its file's tail
        inFlight[sent] = p;
      }
      sent++;
    }
  };
  const totalBytes = segs.reduce((n, s) => n + (s.end - s.start), 0);
  const profilers = entity.source.columns.map((c) => new FieldProfiler(name, c.name, c.type));
  const pending: PendingSample[] = [];
  let rows = 0;
  let bytes = 0;
  let line = 1;
  let skipFile: string | null = null;
  for (let i = 0; i < segs.length; i++) {
    dispatch(i);
    let seg = segs[i] as Segment;
    if (seg.file === skipFile) continue;
    if (seg.line !== undefined) line = seg.line;
    let part: SegmentPartial | null;
    const mark = shared ? markTrackers(entity) : null;
    try {
      part = here(i) ? await inline(seg, line) : await (inFlight[i] as Promise<SegmentPartial>);
    } catch (e) {
      // An abort, or a dead worker, ends the run; a segment's own error is re-read below.
      if (signal?.aborted || pool?.broken) throw e;
      part = null;
    }
    if (!part || !part.clean) {
      if (mark) rollBack(entity, mark);
      const last = segs.findLast((s) => s.file === seg.file) as Segment;
      seg = { file: seg.file, start: seg.start, end: last.end, final: true };
      part = await inline(seg, line);
      skipFile = seg.file;
    }
    mergePartial(entity, profilers, part, { offset: rows, seg, line }, pending);
    rows += part.rows;
    line += part.lines;
    bytes += seg.end - seg.start;
    if (i === 0) reserveKeys(entity, bytes, totalBytes);
    run.onMerged?.(rows, bytes);
  }
  await fillPending(pending, layout, entity, signal);
  return { rows, profilers };
}

/**
 * Sizes the run's key sets for the whole entity from its first segment (keys per byte so far):
 * the sets then grow once, not at every doubling, and each doubling rehashed every key on the
 * thread that merges, which bounds how far more threads can speed a check up.
 */
function reserveKeys(entity: EntityPlan, bytesSoFar: number, totalBytes: number): void {
  if (bytesSoFar <= 0 || totalBytes <= bytesSoFar) return;
  for (const t of entity.trackers) t.set.reserve(Math.ceil((t.set.size * totalBytes) / bytesSoFar));
}

/** Reads back the rows of samples whose failure showed only when segments merged. */
async function fillPending(
  pending: PendingSample[],
  layout: TextLayout,
  entity: EntityPlan,
  signal: AbortSignal | undefined,
): Promise<void> {
  const bySegment = new Map<Segment, PendingSample[]>();
  for (const p of pending) bySegment.set(p.seg, [...(bySegment.get(p.seg) ?? []), p]);
  const typed = typedPlan(layout.readings);
  for (const [seg, wanted] of bySegment) {
    const st = {
      file: seg.file,
      delimiter: layout.delimiter,
      line: wanted[0]?.line ?? 1,
      width: typed.width,
    };
    let index = 0;
    for await (const batch of segmentBatches(seg, typed, st, { lines: 0, clean: true }, signal)) {
      for (const p of wanted) {
        const row = batch[p.local - index];
        if (row) p.sample.values = sampleValues(row, entity.source.columns);
      }
      index += batch.length;
    }
  }
}
