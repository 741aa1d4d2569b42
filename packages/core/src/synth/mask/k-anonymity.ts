/**
 * @module k-anonymity by global recoding: count the table's quasi-identifier combinations once
 * (at each QI's level 0, keeping one representative row per combination, so memory follows the
 * number of distinct combinations, not rows), then search the lattice of generalization levels
 * for the least generalization where every combination occurs at least k times, allowing up to
 * `maxSuppression` of the rows to have their quasi-identifiers blanked instead.
 */
import { TdmError } from '../../errors/index.js';
import type { CellValue } from '../../quality/read/index.js';
import type { Hierarchy } from './hierarchy.js';

/** Most distinct level-0 combinations counted before giving up. */
export const MAX_COMBINATIONS = 2_000_000;
/** Lattices up to this many nodes are searched exhaustively; larger ones greedily. */
const EXHAUSTIVE_NODES = 4096;

/** The grouping key of a row's quasi-identifier values. */
export function comboKey(values: readonly CellValue[]): string {
  let s = '';
  for (const v of values)
    s += (v === null ? '\u0000' : typeof v === 'string' ? `s${v}` : `${typeof v}${v}`) + '\u0001';
  return s;
}

/** A row whose quasi-identifiers are all null carries nothing to link on: it forms no group. */
export const isBlank = (values: readonly CellValue[]): boolean => values.every((v) => v === null);

/** Counts of level-0 combinations, each with one representative row's raw values. */
export class ComboCounts {
  readonly groups = new Map<string, { values: CellValue[]; count: number }>();
  rows = 0;

  constructor(private readonly hierarchies: Hierarchy[]) {}

  add(raw: CellValue[]): void {
    this.rows++;
    const key = comboKey(raw.map((v, i) => (this.hierarchies[i] as Hierarchy).at(v, 0)));
    const g = this.groups.get(key);
    if (g) g.count++;
    else {
      if (this.groups.size >= MAX_COMBINATIONS) {
        throw new TdmError(
          'K_ANONYMITY_UNREACHABLE',
          `more than ${MAX_COMBINATIONS} distinct quasi-identifier combinations: too many to search`,
          {
            suggestedActions: [
              'Give the quasi-identifiers `generalize` rules (bins, width, truncate) so fewer combinations remain.',
            ],
          },
        );
      }
      this.groups.set(key, { values: raw, count: 1 });
    }
  }
}

export interface KAnonymityPlan {
  /** Level chosen per quasi-identifier. */
  levels: number[];
  /** Generalized combinations occurring fewer than k times: their rows are blanked. */
  rare: Set<string>;
  suppressedRows: number;
  /** Smallest group at the chosen levels, over the rows not blanked. */
  kAchieved: number;
}

interface Evaluation {
  violating: number;
  minGroup: number;
  rare: Set<string>;
}

function evaluate(counts: ComboCounts, hs: Hierarchy[], levels: number[], k: number): Evaluation {
  const at = new Map<string, number>();
  for (const g of counts.groups.values()) {
    const gen = g.values.map((v, i) => (hs[i] as Hierarchy).at(v, levels[i] as number));
    if (isBlank(gen)) continue;
    const key = comboKey(gen);
    at.set(key, (at.get(key) ?? 0) + g.count);
  }
  let violating = 0;
  let minGroup = Infinity;
  const rare = new Set<string>();
  for (const [key, n] of at) {
    if (n < k) {
      violating += n;
      rare.add(key);
    } else minGroup = Math.min(minGroup, n);
  }
  return { violating, minGroup, rare };
}

/** Normalized generalization of a node: 0 = as given, QI count = everything "*". */
const cost = (levels: number[], hs: Hierarchy[]): number =>
  levels.reduce((s, l, i) => s + l / Math.max((hs[i] as Hierarchy).levels - 1, 1), 0);

function allNodes(hs: Hierarchy[]): number[][] {
  let nodes: number[][] = [[]];
  for (const h of hs) nodes = nodes.flatMap((n) => Array.from({ length: h.levels }, (_, l) => [...n, l]));
  return nodes.sort((a, b) => cost(a, hs) - cost(b, hs) || Math.max(...a) - Math.max(...b));
}

/**
 * The least generalization meeting k (with at most `maxSuppression` of the rows blanked).
 *
 * @throws K_ANONYMITY_UNREACHABLE when even "*" for every quasi-identifier leaves a group below k.
 */
export function planKAnonymity(
  counts: ComboCounts,
  hs: Hierarchy[],
  k: number,
  maxSuppression: number,
): KAnonymityPlan {
  const budget = Math.floor(maxSuppression * counts.rows);
  const ok = (e: Evaluation): boolean => e.violating <= budget;
  const plan = (levels: number[], e: Evaluation): KAnonymityPlan => ({
    levels,
    rare: e.rare,
    suppressedRows: e.violating,
    kAchieved: e.minGroup === Infinity ? 0 : e.minGroup,
  });
  const size = hs.reduce((p, h) => p * h.levels, 1);
  if (size <= EXHAUSTIVE_NODES) {
    for (const levels of allNodes(hs)) {
      const e = evaluate(counts, hs, levels, k);
      if (ok(e)) return plan(levels, e);
    }
  } else {
    // Greedy climb: raise the quasi-identifier whose next level leaves the fewest violating rows.
    const levels = hs.map(() => 0);
    let e = evaluate(counts, hs, levels, k);
    while (!ok(e)) {
      let best: { i: number; e: Evaluation } | undefined;
      for (let i = 0; i < hs.length; i++) {
        if ((levels[i] as number) + 1 >= (hs[i] as Hierarchy).levels) continue;
        const next = levels.map((l, j) => (j === i ? l + 1 : l));
        const ne = evaluate(counts, hs, next, k);
        if (!best || ne.violating < best.e.violating) best = { i, e: ne };
      }
      if (!best) break;
      levels[best.i] = (levels[best.i] as number) + 1;
      e = best.e;
    }
    if (ok(e)) return plan(levels, e);
  }
  throw new TdmError(
    'K_ANONYMITY_UNREACHABLE',
    `k=${k} is unreachable: the table has ${counts.rows} rows, and even fully generalized quasi-identifiers leave fewer than ${k} rows in a group`,
    { details: { k, rows: counts.rows, maxSuppression } },
  );
}
