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
  /** A 1:1 reference: no parent is referenced twice. */
  unique: boolean;
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
  if (rt === parentRt && ref.unique) {
    // A 1:1 self reference is a chain (previous versions, successors): each row links to the row
    // before it, so no row is referenced twice, there are no cycles and parents load first. A tree
    // starts a new chain every maxDepth + 1 rows, so no chain is deeper than maxDepth.
    const period = ref.tree ? ref.tree.maxDepth + 1 : Number.POSITIVE_INFINITY;
    return (_rng, row) => finish(row % period === 0 || isNull(row) ? -1 : row - 1);
  }
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
    // With pick zipf the earliest rows are the popular ones.
    if (ref.pick === 'zipf' && rt.count > 0) {
      const zipf = new Zipf(rt.count, ref.skew);
      return (rng, row) => {
        if (row === 0 || isNull(row)) return finish(-1);
        const k = zipf.sample(rng) - 1;
        return finish(k < row ? k : rng.below(row));
      };
    }
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
