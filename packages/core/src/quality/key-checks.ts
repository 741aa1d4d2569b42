/**
 * @module Key checks: unique fields and tuples, and foreign keys (looked up in the parent's
 * complete key set, or kept as fingerprints and settled after every pass for self and cyclic
 * references). Each keeps its keys' first rows so segments of a file merge in order.
 */
import { FingerprintSet } from './fingerprint-set.js';
import { fingerprint, fingerprintTuple, fp } from './hash.js';
import { linkFor, type EntityScope, type KeyTracker, type RowCheck } from './checks.js';
import { FAIL, PASS, SKIP, type RuleState } from './rule-state.js';
import type { CellValue } from './source.js';

/** Records `row` as the first occurrence of the key with insertion index `i`. */
export function firstRow(rows: Uint32Array, i: number, row: number): Uint32Array {
  if (i >= rows.length) {
    const grown = new Uint32Array(Math.max(1024, rows.length * 2));
    grown.set(rows);
    rows = grown;
  }
  rows[i] = row;
  return rows;
}

export function uniqueCheck(
  s: EntityScope,
  state: RuleState,
  fields: string[],
  tracker: KeyTracker | null,
): RowCheck {
  if (tracker) {
    tracker.uniqueStates.push(state);
    return { state, test: () => (tracker.last < 0 ? SKIP : tracker.last === 1 ? FAIL : PASS) };
  }
  const cols = fields.map((f) => s.col(f));
  const set = new FingerprintSet();
  let rows: Uint32Array = new Uint32Array(1024);
  const tuple: CellValue[] = cols.map(() => null);
  return {
    state,
    test: (row, index) => {
      for (let i = 0; i < cols.length; i++) {
        const v = row[cols[i] as number] as CellValue;
        if (v === null) return SKIP;
        tuple[i] = v;
      }
      fingerprintTuple(tuple);
      const k = set.add(fp.h1, fp.h2);
      if (k < 0) return FAIL;
      rows = firstRow(rows, k, index);
      return PASS;
    },
    save: () => ({ kind: 'keys', keys: set.keysInOrder(), rows: rows.subarray(0, set.size) }),
    absorb: (extra, offset) => {
      const failing: number[] = [];
      if (extra.kind !== 'keys') return failing;
      for (let i = 0; i < extra.rows.length; i++) {
        const row = offset + (extra.rows[i] as number);
        const k = set.add(extra.keys[i * 2] as number, extra.keys[i * 2 + 1] as number);
        if (k < 0) failing.push(row);
        else rows = firstRow(rows, k, row);
      }
      return failing;
    },
  };
}

/** Fingerprints of child keys whose parent set is not complete yet (self or cyclic references). */
export interface DeferredKeys {
  state: RuleState;
  parent: KeyTracker;
  keys: Uint32Array;
  rows: Uint32Array;
  n: number;
}

export function foreignKeyCheck(
  s: EntityScope,
  state: RuleState,
  field: string,
  parent: KeyTracker,
  parentFirst: boolean,
  deferred: DeferredKeys[],
): RowCheck {
  const col = s.col(field);
  if (parentFirst) {
    // The row loop looks the key up once per row for this check and any rule reading the parent.
    const link = linkFor(s, col, parent);
    return {
      state,
      test: (row) => ((row[col] ?? null) === null ? SKIP : link.index < 0 ? FAIL : PASS),
    };
  }
  // The parent's keys are not all known yet: keep 12 bytes per reference and check at the end.
  const d: DeferredKeys = { state, parent, keys: new Uint32Array(2048), rows: new Uint32Array(1024), n: 0 };
  deferred.push(d);
  return {
    state,
    test: (row, index) => {
      const v = row[col] as CellValue;
      if (v === null) return SKIP;
      fingerprint(v);
      defer(d, fp.h1, fp.h2, index);
      return PASS;
    },
    save: () => ({ kind: 'keys', keys: d.keys.subarray(0, d.n * 2), rows: d.rows.subarray(0, d.n) }),
    absorb: (extra, offset) => {
      if (extra.kind !== 'keys') return [];
      for (let i = 0; i < extra.rows.length; i++) {
        defer(
          d,
          extra.keys[i * 2] as number,
          extra.keys[i * 2 + 1] as number,
          offset + (extra.rows[i] as number),
        );
      }
      return [];
    },
  };
}

function defer(d: DeferredKeys, h1: number, h2: number, row: number): void {
  if (d.n === d.rows.length) {
    const keys = new Uint32Array(d.keys.length * 2);
    keys.set(d.keys);
    const rows = new Uint32Array(d.rows.length * 2);
    rows.set(d.rows);
    d.keys = keys;
    d.rows = rows;
  }
  d.keys[d.n * 2] = h1;
  d.keys[d.n * 2 + 1] = h2;
  d.rows[d.n] = row;
  d.n++;
}

/** Checks deferred references once every parent set is complete; moves failures from PASS. */
export function settleDeferred(d: DeferredKeys): void {
  for (let i = 0; i < d.n; i++) {
    if (d.parent.set.get(d.keys[i * 2] as number, d.keys[i * 2 + 1] as number) < 0) {
      d.state.fail(d.rows[i] as number, null, []);
    }
  }
}
