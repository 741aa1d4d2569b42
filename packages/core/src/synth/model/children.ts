/**
 * @module Children per parent. Fitting counts, for each real parent row, its real children (the
 * hidden column the parent's model learns); sampling lays a child table out from the synthetic
 * parents' drawn counts: each parent gets that many children pointing at its new key, children
 * without a parent in the sample (null reference) keep their share, and further references of
 * the same child pick parents in proportion to their drawn counts.
 */
import type { CellValue } from '../../quality/read/index.js';
import { Rng, streamSeed } from '../../random/index.js';
import type { SampleTable } from '../table.js';
import type { ForeignKey } from './options.js';
import { upperBound } from './search.js';

/** A synthetic parent table as its children need it: keys and drawn children counts per relationship. */
export interface ParentRows {
  keys: CellValue[];
  counts: number[];
}

const column = (t: SampleTable, name: string): CellValue[] => t.columns.find((c) => c.name === name)!.values;

/** For every row of `child`, the row of `parent` it references through `fk` (-1: none). */
export function parentRows(parent: SampleTable, child: SampleTable, fk: ForeignKey): Int32Array {
  const rowOf = new Map<string, number>();
  column(parent, fk.to.column).forEach((k, r) => {
    if (k !== null && !rowOf.has(String(k))) rowOf.set(String(k), r);
  });
  return Int32Array.from(
    column(child, fk.from.column),
    (v) => (v === null ? undefined : rowOf.get(String(v))) ?? -1,
  );
}

/** For every row of `parent`, how many rows of `child` reference it through `fk`. */
export function childCounts(parent: SampleTable, child: SampleTable, fk: ForeignKey): number[] {
  const counts = new Array<number>(parent.rows).fill(0);
  for (const r of parentRows(parent, child, fk)) if (r >= 0) counts[r]!++;
  return counts;
}

/** The parent's columns `names` aligned with the child's rows through `fk` (null without a parent). */
export function parentContext(
  parent: SampleTable,
  child: SampleTable,
  fk: ForeignKey,
  names: readonly string[],
): { name: string; type: SampleTable['columns'][number]['type']; values: CellValue[] }[] {
  const rows = parentRows(parent, child, fk);
  return names.map((name) => {
    const c = parent.columns.find((x) => x.name === name)!;
    return { name, type: c.type, values: Array.from(rows, (r) => (r < 0 ? null : (c.values[r] ?? null))) };
  });
}

const nullShare = (t: SampleTable, name: string): number =>
  column(t, name).reduce<number>((s, v) => s + (v === null ? 1 : 0), 0) / Math.max(1, t.rows);

/** Rescales counts to sum to `target` (stochastic rounding, then one-by-one fixes). */
function rescale(counts: number[], target: number, rng: Rng): number[] {
  const sum = counts.reduce((s, c) => s + c, 0);
  if (counts.length === 0) return counts;
  const f = sum === 0 ? 0 : target / sum;
  const out = counts.map((c) => Math.floor(c * f + rng.float()));
  let total = out.reduce((s, c) => s + c, 0);
  while (total < target) {
    out[rng.below(out.length)]!++;
    total++;
  }
  while (total > target) {
    const p = rng.below(out.length);
    if (out[p]! > 0) {
      out[p]!--;
      total--;
    }
  }
  return out;
}

/**
 * The child table's row count and its foreign-key columns. `explicitRows`, when given, is the
 * row count asked for the child; otherwise it follows the parents' counts.
 */
export function layoutChildren(
  child: SampleTable,
  fks: readonly ForeignKey[],
  parents: ReadonlyMap<number, ParentRows>,
  explicitRows: number | undefined,
  seed: number,
): { rows: number; foreignKeys: Map<string, CellValue[]>; parentRow: Int32Array } {
  const rng = new Rng().seed(streamSeed(seed, `${child.name}:children`), 0);
  const mine = fks.map((fk, i) => ({ fk, i })).filter((x) => x.fk.from.table === child.name);
  const primary = mine[0]!;
  const parent = parents.get(primary.i)!;
  const q = nullShare(child, primary.fk.from.column);
  let counts = parent.counts;
  let orphans: number;
  if (explicitRows !== undefined) {
    const linked = Math.round(explicitRows * (1 - q));
    counts = rescale(counts, linked, rng);
    orphans = explicitRows - linked;
  } else {
    const linked = counts.reduce((s, c) => s + c, 0);
    orphans = q >= 1 ? child.rows : Math.round((linked * q) / (1 - q));
  }
  const keys: CellValue[] = [];
  const parentOf: number[] = [];
  counts.forEach((c, p) => {
    for (let k = 0; k < c; k++) {
      keys.push(parent.keys[p] ?? null);
      parentOf.push(p);
    }
  });
  for (let k = 0; k < orphans; k++) {
    keys.push(null);
    parentOf.push(-1);
  }
  const rows = keys.length;
  const foreignKeys = new Map<string, CellValue[]>([[primary.fk.from.column, keys]]);
  for (const { fk, i } of mine.slice(1)) {
    foreignKeys.set(
      fk.from.column,
      pickParents(parents.get(i)!, rows, nullShare(child, fk.from.column), rng),
    );
  }
  return { rows, foreignKeys, parentRow: Int32Array.from(parentOf) };
}

/** `rows` references to parents drawn in proportion to their children counts (null at share q). */
function pickParents(parent: ParentRows, rows: number, q: number, rng: Rng): CellValue[] {
  const cum = new Float64Array(parent.counts.length);
  let acc = 0;
  parent.counts.forEach((c, p) => (cum[p] = acc += c));
  const uniform = acc === 0;
  return Array.from({ length: rows }, () => {
    if (rng.float() < q || parent.keys.length === 0) return null;
    const p = uniform ? rng.below(parent.keys.length) : upperBound(cum, rng.float() * acc);
    return parent.keys[Math.min(p, parent.keys.length - 1)] ?? null;
  });
}
