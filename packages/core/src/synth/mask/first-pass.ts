/**
 * @module What masking must know before it writes a row, gathered in one streaming read per
 * table: ranges, longest texts and a sample for quantile bins (generalization ladders), and the
 * set of real values of anonymized columns (so no draw replays one). Memory: a fixed-size sample
 * per column, and one entry per distinct real value of anonymized columns up to a cap.
 */
import type { CellValue, EntitySource } from '../../quality/read/index.js';
import { Rng } from '../../random/index.js';
import type { ColumnStats } from './hierarchy.js';

/** Values kept per column for quantile cut points (a uniform reservoir sample). */
export const SAMPLE_SIZE = 10_000;
/** Distinct real values remembered per anonymized column; beyond it only the row's own value is avoided. */
export const MAX_REAL_VALUES = 1_000_000;

class StatsCollector {
  readonly stats: ColumnStats = { min: Infinity, max: -Infinity, maxLength: 0, sample: [] };
  private seen = 0;

  constructor(private readonly rng: Rng) {}

  add(v: CellValue): void {
    if (v === null) return;
    if (typeof v === 'string') this.stats.maxLength = Math.max(this.stats.maxLength, v.length);
    if (typeof v !== 'number' || !Number.isFinite(v)) return;
    const s = this.stats;
    if (v < s.min) s.min = v;
    if (v > s.max) s.max = v;
    this.seen++;
    if (s.sample.length < SAMPLE_SIZE) s.sample.push(v);
    else {
      const j = this.rng.below(this.seen);
      if (j < SAMPLE_SIZE) s.sample[j] = v;
    }
  }

  result(): ColumnStats {
    const s = this.stats;
    return s.min === Infinity ? { ...s, min: 0, max: 0 } : s;
  }
}

/** A real value keyed with its type, so 1 and "1" differ. */
export const realKey = (v: CellValue): string => (typeof v === 'string' ? `s${v}` : `${typeof v}${v}`);

export interface FirstPass {
  stats: Map<number, ColumnStats>;
  real: Map<number, Set<string>>;
}

/** Reads the table once when any column needs statistics or its real values. */
export async function firstPass(
  entity: EntitySource,
  statsColumns: number[],
  realColumns: number[],
  seed: number,
  signal?: AbortSignal,
): Promise<FirstPass> {
  const rng = new Rng().seed(seed, 0);
  const collectors = new Map(statsColumns.map((i) => [i, new StatsCollector(rng)]));
  const real = new Map(realColumns.map((i) => [i, new Set<string>()]));
  if (collectors.size + real.size > 0) {
    for await (const batch of entity.batches(signal)) {
      for (const row of batch) {
        for (const [i, c] of collectors) c.add(row[i] ?? null);
        for (const [i, set] of real) {
          const v = row[i] ?? null;
          if (v !== null && set.size < MAX_REAL_VALUES) set.add(realKey(v));
        }
      }
    }
  }
  return { stats: new Map([...collectors].map(([i, c]) => [i, c.result()])), real };
}
