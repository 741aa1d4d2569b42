/**
 * @module Foreign keys: a reference picks a parent row index (per parent, uniformly, zipf-skewed,
 * as a tree level, or through a unique group) and recomputes the parent's key from that index.
 * No table of parent keys is ever stored.
 */
import type { Value } from '../expr/index.js';
import { TreeLayout } from '../plan/tree.js';
import { Permutation, streamSeed, Zipf } from '../random/index.js';
import { isNullAt, type EntityRuntime, type FieldRuntime } from './runtime.js';

export interface RefInfo {
  entity: string;
  field: string;
  targetSlot: number;
  /** This reference is to the parent the entity is counted per. */
  perParent: boolean;
  nullRate: number;
  pick: 'uniform' | 'zipf';
  skew: number;
  tree: { maxDepth: number; roots?: number | undefined } | null;
}

export function buildRefCompute(
  ref: RefInfo,
  slot: number,
  rt: EntityRuntime,
  parentRt: EntityRuntime,
  driven: boolean,
  datasetSeed: number,
  name: string,
  parentCount: number,
): FieldRuntime['compute'] {
  const targetSlot = ref.targetSlot;
  const nullRate = ref.nullRate;
  const nullSeed = streamSeed(datasetSeed, `${name}#null`);
  const isNull = (row: number): boolean => isNullAt(nullSeed, row, rt.frame.attempt, nullRate);
  const finish = (p: number): Value => {
    rt.frame.refIdx[slot] = p;
    return p < 0 ? null : parentRt.valueAt(targetSlot, p);
  };
  if (ref.perParent) return () => finish(rt.frame.parent);
  // A unique reference takes its parent from the group's bijection; nulls (which SQL uniqueness
  // allows) are still drawn, so a unique reference can also be optional.
  if (driven) return (_rng, row) => finish(isNull(row) ? -1 : (rt.frame.comp[slot] as number));
  if (ref.tree) {
    const tree = new TreeLayout(rt.count, ref.tree.maxDepth, ref.tree.roots);
    const starts = tree.levelStart;
    return (rng, row) => {
      let level = tree.levelOf(row);
      if (level === 0 || isNull(row)) return finish(-1);
      // The level above may be empty for tiny tables: climb to the nearest non-empty one.
      do level--;
      while (level > 0 && (starts[level + 1] as number) === (starts[level] as number));
      const lo = starts[level] as number;
      const size = (starts[level + 1] as number) - lo;
      return finish(size > 0 ? lo + rng.below(size) : -1);
    };
  }
  if (rt === parentRt) {
    // Self reference without a tree: parents come before children, so loading in order works.
    return (rng, row) => finish(row === 0 || isNull(row) ? -1 : rng.below(row));
  }
  if (parentCount === 0) return () => finish(-1);
  if (ref.pick === 'zipf') {
    const zipf = new Zipf(parentCount, ref.skew);
    // Popular parents are spread over the table rather than being the first rows.
    const perm = new Permutation(parentCount, streamSeed(datasetSeed, `${name}.#zipf`));
    return (rng, row) => finish(isNull(row) ? -1 : perm.at(zipf.sample(rng) - 1));
  }
  return (rng, row) => finish(isNull(row) ? -1 : rng.below(parentCount));
}
