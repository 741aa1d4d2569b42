/**
 * @module Category frequencies with rare categories pooled: the values a categorical column
 * takes, most frequent first, and an "other" share for the long tail. The same pooling gives
 * each row a category code for measuring dependence (so an id-like column does not look
 * associated with everything by having one category per row).
 */
import type { CellValue } from '../../quality/read/index.js';
import type { CategoryPatterns } from './patterns-schema.js';

export interface CategoryOptions {
  /** Categories below this share of non-null values are pooled (default 0.01). */
  rareCategoryShare: number;
  /** At most this many categories are kept (default 50). */
  maxCategories: number;
}

export interface Categorized {
  patterns: CategoryPatterns;
  /** Per row: the kept category's index, `kept` for "other", `kept + 1` for null. */
  codes: Int32Array;
  distinct: number;
}

/** The text a cell is counted under. */
export const labelOf = (v: CellValue): string => (typeof v === 'string' ? v : String(v));

/** Counts, pools and codes a column's values. */
export function categorize(values: readonly CellValue[], options: CategoryOptions): Categorized {
  const counts = new Map<string, number>();
  let nonNull = 0;
  for (const v of values) {
    if (v === null) continue;
    nonNull++;
    const k = labelOf(v);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const minCount = options.rareCategoryShare * nonNull;
  const kept = sorted.filter(([, c]) => c >= minCount && c > 0).slice(0, options.maxCategories);
  const index = new Map(kept.map(([k], i) => [k, i]));
  let keptTotal = 0;
  for (const [, c] of kept) keptTotal += c;
  const other = kept.length;
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    codes[i] = v === null ? other + 1 : (index.get(labelOf(v)) ?? other);
  }
  const share = (c: number): number => (nonNull === 0 ? 0 : c / nonNull);
  return {
    patterns: {
      values: kept.map(([value, count]) => ({ value, count, share: share(count) })),
      otherCount: nonNull - keptTotal,
      otherShare: share(nonNull - keptTotal),
    },
    codes,
    distinct: counts.size,
  };
}
