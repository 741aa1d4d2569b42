/**
 * @module The hot loop of a check: rows of one entity (or one segment of it) through the key
 * sets, the parent lookups, the converted values, every row check and the field profiles.
 */
import type { Value } from '../expr/index.js';
import type { KeyTracker } from './checks.js';
import { keep } from './detach.js';
import { firstRow } from './key-checks.js';
import { fingerprint, fp } from './hash.js';
import { instantOf } from './instant.js';
import type { EntityPlan } from './plan.js';
import { FieldProfiler } from './profile.js';
import { FAIL, SKIP } from './rule-state.js';
import type { CellValue } from './source.js';

/**
 * Streams `batches` through the entity's checks; returns the rows read and the column profiles.
 * `onBatch` hears the rows read so far after each batch.
 */
export async function streamRows(
  entity: EntityPlan,
  batches: AsyncIterable<CellValue[][]>,
  onBatch?: (rows: number) => void,
): Promise<{ rows: number; profilers: FieldProfiler[] }> {
  const { source, scope, trackers, checks } = entity;
  const columns = source.columns;
  const profilers = columns.map((c) => new FieldProfiler(source.name, c.name, c.type));
  const ncols = columns.length;
  const instantCol = columns.map((c) => c.type === 'date' || c.type === 'timestamp');
  instantCol.forEach((instant, c) => instant && scope.valCols.add(c));
  const valCols = [...scope.valCols];
  const vals = scope.vals;
  const links = scope.links;
  const nchecks = checks.length;
  const states = checks.map((c) => c.state);
  const tests = checks.map((c) => c.test);
  let index = 0;
  for await (const batch of batches) {
    for (let b = 0; b < batch.length; b++) {
      const row = batch[b] as CellValue[];
      // Instants are parsed once per cell: profiles, domains and expressions read `vals`.
      for (let k = 0; k < valCols.length; k++) {
        const c = valCols[k] as number;
        vals[c] = convert((row[c] ?? null) as CellValue, instantCol[c] as boolean);
      }
      for (let c = 0; c < ncols; c++) {
        (profilers[c] as FieldProfiler).add((row[c] ?? null) as CellValue, vals[c] as Value);
      }
      for (let t = 0; t < trackers.length; t++) trackRow(trackers[t] as KeyTracker, row, index);
      for (let l = 0; l < links.length; l++) {
        const link = links[l] as (typeof links)[number];
        const v = row[link.col] as CellValue;
        if (v === null || v === undefined) link.index = -1;
        else {
          fingerprint(v);
          link.index = link.tracker.set.get(fp.h1, fp.h2);
        }
      }
      for (let k = 0; k < nchecks; k++) {
        const outcome = (tests[k] as (typeof tests)[number])(row, index);
        if (outcome === SKIP) continue;
        const state = states[k] as (typeof states)[number];
        state.checked++;
        if (outcome === FAIL) state.fail(index, row, columns);
      }
      index++;
    }
    onBatch?.(index);
  }
  return { rows: index, profilers };
}

function trackRow(t: KeyTracker, row: CellValue[], index: number): void {
  const v = row[t.col] ?? null;
  if (v === null) {
    t.last = -1;
    return;
  }
  fingerprint(v);
  const i = t.set.add(fp.h1, fp.h2);
  t.last = i < 0 ? 1 : 0;
  if (i >= 0) {
    t.rows = firstRow(t.rows, i, index);
    for (const p of t.payload) p.values.push(keep(convert((row[p.col] ?? null) as CellValue, p.instant)));
  }
}

export function convert(v: CellValue, instant: boolean): Value {
  if (instant && typeof v === 'string') return instantOf(v) ?? v;
  return v;
}
