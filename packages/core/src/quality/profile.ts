/**
 * @module Per-field profiles built while rows stream: nulls, empties, distinct values (exact up to
 * 2,048, then HyperLogLog), min/max/mean, top values (exact counts, then Misra-Gries over every 8th value) and a
 * histogram for numbers and instants. State is bounded per field whatever the row count.
 */
import { hash32 } from './hash.js';
import { instantOf } from './instant.js';
import type { FieldProfile } from './report-schema.js';
import { DoublingHistogram, HeavyHitters, HyperLogLog } from './sketches.js';
import type { CellValue, ColumnType } from './source.js';

const EXACT_DISTINCT_CAP = 2_048;
const TOP_VALUES = 10;
const HEAVY_HITTER_COUNTERS = 64;

type Key = string | number | boolean;

export class FieldProfiler {
  private count = 0;
  private nulls = 0;
  private empty = 0;
  /** Value -> slot in `exactCounts`, until the distinct cap. */
  private exact: Map<Key, number> | null = new Map();
  private readonly exactCounts = new Uint32Array(EXACT_DISTINCT_CAP);
  private hll: HyperLogLog | null = null;
  private heavy: HeavyHitters<Key> | null = null;
  private sampled = 0x9e3779b9;
  private min: CellValue = null;
  private max: CellValue = null;
  private sum = 0;
  private numeric = 0;
  private readonly histogram: DoublingHistogram | null;
  private readonly instant: boolean;

  constructor(
    readonly entity: string,
    readonly field: string,
    readonly type: ColumnType,
  ) {
    this.instant = type === 'date' || type === 'timestamp';
    this.histogram = this.instant || type === 'integer' || type === 'number' ? new DoublingHistogram() : null;
  }

  /** Adds a value; `instant` is its epoch ms when the column holds dates or timestamps. */
  add(v: CellValue, instant: unknown): void {
    this.count++;
    if (v === null) {
      this.nulls++;
      return;
    }
    // Blank only when empty or starting with whitespace (trim would allocate for every string).
    if (typeof v === 'string' && (v.length === 0 || (v.charCodeAt(0) <= 32 && v.trim().length === 0))) {
      this.empty++;
    }
    if (this.exact) {
      // One map lookup per value: the map gives a slot, the count lives in a typed array.
      const slot = this.exact.get(v);
      if (slot !== undefined) this.exactCounts[slot] = (this.exactCounts[slot] as number) + 1;
      else if (this.exact.size < EXACT_DISTINCT_CAP) {
        this.exactCounts[this.exact.size] = 1;
        this.exact.set(v, this.exact.size);
      } else this.overflow(v);
    } else {
      // A parsed instant hashes as its number: cheaper than its text, and equal for equal instants.
      (this.hll as HyperLogLog).add(hash32(typeof instant === 'number' ? instant : v));
      // Past the exact cap, heavy hitters see one value in 8, picked by a fixed xorshift sequence
      // (not every 8th row, which periodic data would alias with); counts are scaled back up.
      let x = this.sampled;
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      this.sampled = x;
      if ((x & 7) === 0) (this.heavy as HeavyHitters<Key>).add(v);
    }
    if (this.min === null) {
      this.min = v;
      this.max = v;
    } else if (less(v, this.min)) this.min = v;
    else if (less(this.max, v)) this.max = v;
    if (typeof v === 'number') {
      this.sum += v;
      this.numeric++;
      this.histogram?.add(v);
    } else if (this.instant && typeof instant === 'number') {
      this.histogram?.add(instant);
    }
  }

  /** Past the exact cap: seed the sketches with what the exact map saw, then drop it. */
  private overflow(v: Key): void {
    const exact = this.exact as Map<Key, number>;
    this.hll = new HyperLogLog();
    this.heavy = new HeavyHitters<Key>(HEAVY_HITTER_COUNTERS);
    // Hashed as later values will be: instants as their number.
    for (const k of exact.keys()) {
      const t = this.instant && typeof k === 'string' ? instantOf(k) : undefined;
      this.hll.add(hash32(t ?? k));
    }
    // Seeded in sampled units, so every counter counts eighths of the values.
    this.heavy.seed(
      [...exact.entries()].map(([k, slot]) => [
        k,
        Math.max(1, Math.round((this.exactCounts[slot] as number) / 8)),
      ]),
    );
    this.exact = null;
    this.hll.add(hash32(this.instant && typeof v === 'string' ? (instantOf(v) ?? v) : v));
  }

  private exactCountMap(exact: Map<Key, number>): Map<Key, number> {
    return new Map([...exact].map(([k, slot]) => [k, this.exactCounts[slot] as number]));
  }

  /**
   * Past the exact cap: values whose sampled count exceeds Misra-Gries' error bound (so they are
   * truly frequent), scaled back to the whole column; none for columns without heavy values.
   */
  private heavyHitters(): Map<Key, number> {
    const sampledN = (this.count - this.nulls) / 8;
    const bound = sampledN / (HEAVY_HITTER_COUNTERS + 1);
    const out = new Map<Key, number>();
    for (const [k, c] of (this.heavy as HeavyHitters<Key>).counts)
      if (c > bound) out.set(k, Math.round(c * 8));
    return out;
  }

  result(): FieldProfile {
    const counts = this.exact ? this.exactCountMap(this.exact) : this.heavyHitters();
    const top = [...counts.entries()]
      .sort((a, b) => b[1] - a[1] || compareKeys(a[0], b[0]))
      .slice(0, TOP_VALUES)
      .map(([value, count]) => ({ value, count }));
    const h = this.histogram?.result() ?? null;
    return {
      entity: this.entity,
      field: this.field,
      type: this.type,
      count: this.count,
      nulls: this.nulls,
      empty: this.empty,
      distinct: this.exact ? this.exact.size : (this.hll as HyperLogLog).estimate(),
      distinctExact: this.exact !== null,
      min: this.min,
      max: this.max,
      mean: this.numeric > 0 ? this.sum / this.numeric : null,
      topValues: top,
      histogram: h ? { ...h, unit: this.instant ? 'epochMs' : 'number' } : null,
    };
  }
}

function less(a: CellValue, b: CellValue): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a < b;
  if (typeof a === 'string' && typeof b === 'string') return a < b;
  return String(a) < String(b);
}

function compareKeys(a: Key, b: Key): number {
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}
