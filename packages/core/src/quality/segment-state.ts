/**
 * @module One segment's check state as plain data (it crosses threads), and merging segments in
 * order into the run's state so the result is what one pass over the rows gives: counts add up,
 * key sets are replayed in first-occurrence order (a key an earlier segment had fails its unique
 * rules at its first row here too), failing-row samples keep the first rows, profiles merge.
 */
import type { Value } from '../expr/index.js';
import type { CheckExtra, KeyTracker } from './checks.js';
import { firstRow } from './key-checks.js';
import { FingerprintSet } from './fingerprint-set.js';
import type { EntityPlan, RunPlan } from './plan.js';
import { FieldProfiler, type ProfilerState } from './profile.js';
import { typedPlan } from './read/csv-typed.js';
import type { ScanState } from './read/csv-scan.js';
import type { TextLayout } from './read/types.js';
import type { RuleResult } from './report-schema.js';
import type { RuleState } from './rule-state.js';
import { segmentBatches, type Segment, type SegmentEnd } from './segments.js';
import { streamRows } from './stream.js';

/** A complete parent key set (and the parent values rules read) a child entity's checks look up. */
export interface ParentData {
  entity: string;
  field: string;
  set: ReturnType<FingerprintSet['save']>;
  payload: { col: number; values: Value[] }[];
}

export interface SegmentPartial {
  rows: number;
  /** True when the segment added its keys to the run's sets itself (`trackers` is then empty). */
  shared: boolean;
  lines: number;
  /** False when the range ended inside a record (a quoted field spanning its last line break). */
  clean: boolean;
  /** Aligned with the entity plan's checks. */
  checks: { checked: number; failed: number; samples: RuleResult['samples']; extra: CheckExtra | null }[];
  /** Aligned with the entity plan's trackers: keys in first-occurrence order, their rows, values. */
  trackers: { keys: Uint32Array; rows: Uint32Array; payload: Value[][] }[];
  profiles: ProfilerState[];
}

/** A sample whose row values are read back after the merge (its failure showed only there). */
export interface PendingSample {
  sample: RuleResult['samples'][number];
  seg: Segment;
  line: number;
  /** Row index within the segment. */
  local: number;
}

/** The parents `entity`'s checks read, from the run's (complete) trackers. */
export function parentsOf(entity: EntityPlan): ParentData[] {
  const parents = new Set<KeyTracker>();
  for (const l of entity.scope.links) if (l.tracker.entity !== entity.source.name) parents.add(l.tracker);
  return [...parents].map((t) => ({
    entity: t.entity,
    field: t.field,
    set: t.set.save(),
    payload: t.payload.map((p) => ({ col: p.col, values: p.values })),
  }));
}

/** Gives a fresh plan the parents' complete key sets and values (read-only). */
export function installParents(plan: RunPlan, parents: readonly ParentData[]): void {
  for (const p of parents) {
    const t = plan.trackers.find((x) => x.entity === p.entity && x.field === p.field);
    if (!t) continue;
    t.set = FingerprintSet.load(p.set);
    for (const slot of t.payload) {
      const values = p.payload.find((q) => q.col === slot.col)?.values;
      if (values) slot.values = values;
    }
    t.complete = true;
  }
}

/** How far the run's own key sets (and parent values) had come: what `rollBack` returns to. */
export type TrackerMark = { size: number; values: number[] }[];

export function markTrackers(run: EntityPlan): TrackerMark {
  return run.trackers.map((t) => ({ size: t.set.size, values: t.payload.map((p) => p.values.length) }));
}

/** Forgets the keys and values added since `mark` (by a segment that is read again). */
export function rollBack(run: EntityPlan, mark: TrackerMark): void {
  run.trackers.forEach((t, j) => {
    const m = mark[j] as TrackerMark[number];
    t.set.truncate(m.size);
    t.payload.forEach((p, s) => (p.values.length = m.values[s] as number));
  });
}

/**
 * Checks one segment of `entity` with a fresh plan (parents installed); its state as plain data.
 * With `run` (segments read one after another on this thread), the segment adds its keys and
 * parent values straight to the run's trackers: the same sets as replaying them at the merge,
 * without hashing every key into two tables, and a key an earlier segment had fails in the row loop.
 */
export async function checkSegment(
  plan: RunPlan,
  entity: string,
  seg: Segment,
  layout: TextLayout,
  line: number,
  signal?: AbortSignal,
  run?: EntityPlan,
): Promise<SegmentPartial> {
  const ep = plan.entities.find((e) => e.source.name === entity) as EntityPlan;
  const typed = typedPlan(layout.readings);
  const st: ScanState = { file: seg.file, delimiter: layout.delimiter, line, width: typed.width };
  const end: SegmentEnd = { lines: 0, clean: true };
  if (run) {
    ep.trackers.forEach((t, j) => {
      const r = run.trackers[j] as KeyTracker;
      t.set = r.set;
      t.rows = r.rows;
      t.payload.forEach((p, s) => (p.values = (r.payload[s] as KeyTracker['payload'][number]).values));
    });
  }
  const { rows, profilers } = await streamRows(ep, segmentBatches(seg, typed, st, end, signal));
  // Rows by key index are only read from a segment's own set; kept so the next segment reuses the array.
  if (run) ep.trackers.forEach((t, j) => ((run.trackers[j] as KeyTracker).rows = t.rows));
  return {
    rows,
    shared: run !== undefined,
    lines: end.lines,
    clean: end.clean,
    checks: ep.checks.map((c) => ({
      checked: c.state.checked,
      failed: c.state.failed,
      samples: c.state.samples,
      extra: c.save?.() ?? null,
    })),
    trackers: run
      ? []
      : ep.trackers.map((t) => ({
          keys: t.set.keysInOrder(),
          rows: t.rows.slice(0, t.set.size),
          payload: t.payload.map((p) => p.values),
        })),
    profiles: profilers.map((p) => p.save()),
  };
}

/**
 * Merges the next segment (its rows start at `offset`) into the run's state for `entity`;
 * failures found only now whose samples need row values are added to `pending`.
 */
export function mergePartial(
  entity: EntityPlan,
  profilers: FieldProfiler[],
  p: SegmentPartial,
  at: { offset: number; seg: Segment; line: number },
  pending: PendingSample[],
): void {
  const { offset } = at;
  const found = new Map<RuleState, number[]>();
  const note = (s: RuleState, row: number): void => {
    const rows = found.get(s);
    if (rows) rows.push(row);
    else found.set(s, [row]);
  };
  if (!p.shared) replayKeys(entity, p, offset, note);
  entity.checks.forEach((c, k) => {
    const part = p.checks[k] as SegmentPartial['checks'][number];
    const state = c.state;
    state.checked += part.checked;
    state.failed += part.failed;
    if (part.extra && c.absorb) for (const row of c.absorb(part.extra, offset)) note(state, row);
    const late = found.get(state) ?? [];
    state.failed += late.length;
    const room = state.sampleSize - state.samples.length;
    if (room <= 0) return;
    const mine = part.samples.map((s) => ({ row: s.row + offset, values: s.values }));
    const waiting = new Set(late.map((row) => ({ row, values: {} })));
    const merged = [...mine, ...waiting].sort((a, b) => a.row - b.row).slice(0, room);
    for (const s of merged) {
      state.samples.push(s);
      if (waiting.has(s)) pending.push({ sample: s, seg: at.seg, line: at.line, local: s.row - offset });
    }
  });
  p.profiles.forEach((s, c) => (profilers[c] as FieldProfiler).merge(FieldProfiler.load(s)));
}

/** Adds a segment's keys to the run's sets in first-occurrence order; notes rows whose key was known. */
function replayKeys(
  entity: EntityPlan,
  p: SegmentPartial,
  offset: number,
  note: (s: RuleState, row: number) => void,
): void {
  entity.trackers.forEach((t, j) => {
    const { keys, rows, payload } = p.trackers[j] as SegmentPartial['trackers'][number];
    const slots = t.payload.map((slot, s) => ({ into: slot.values, from: payload[s] as Value[] }));
    for (let i = 0; i < rows.length; i++) {
      const row = offset + (rows[i] as number);
      const k = t.set.add(keys[i * 2] as number, keys[i * 2 + 1] as number);
      if (k >= 0) {
        t.rows = firstRow(t.rows, k, row);
        for (const { into, from } of slots) into.push(from[i] as Value);
      } else for (const s of t.uniqueStates) note(s, row);
    }
  });
}
