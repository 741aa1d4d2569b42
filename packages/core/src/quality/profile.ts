/**
 * @module Per-field profiles built while rows stream: nulls, empties, distinct values (exact up to
 * 2,048, then HyperLogLog), min/max/mean, top values (exact counts, then Misra-Gries over every 8th value) and a
 * histogram for numbers and instants. State is bounded per field whatever the row count.
 */
import { keep } from './detach.js';
import { hash32 } from './hash.js';
import { instantOf } from './instant.js';
import type { FieldProfile } from './report-schema.js';
import { DoublingHistogram, HeavyHitters, HyperLogLog } from './sketches.js';
import type { CellValue, ColumnType } from './source.js';

const EXACT_DISTINCT_CAP = 2_048;
const TOP_VALUES = 10;
const HEAVY_HITTER_COUNTERS = 64;

type Key = string | number | boolean;

/** A profiler's whole state as plain data (crosses threads by structured clone). */
export interface ProfilerState {
  entity: string;
  field: string;
  type: ColumnType;
  count: number;
  nulls: number;
  empty: number;
  exact: Map<Key, number> | null;
  exactCounts: Uint32Array;
  hll: Uint8Array | null;
  heavy: ReturnType<HeavyHitters<Key>['save']> | null;
  sampled: number;
  min: CellValue;
  max: CellValue;
  sum: number;
  numeric: number;
  histogram: ReturnType<DoublingHistogram['save']> | null;
  mixed: boolean;
}

export class FieldProfiler {
  private count = 0;
  private nulls = 0;
  private empty = 0;
  /** Value -> slot in `exactCounts`, until the distinct cap. */
  private exact: Map<Key, number> | null = new Map();
  private exactCounts: Uint32Array = new Uint32Array(EXACT_DISTINCT_CAP);
  private hll: HyperLogLog | null = null;
  private heavy: HeavyHitters<Key> | null = null;
  private sampled = 0x9e3779b9;
  private min: CellValue = null;
  private max: CellValue = null;
  private sum = 0;
  private numeric = 0;
  private histogram: DoublingHistogram | null;
  private readonly instant: boolean;
  /** True once values of different types met in min/max (then every value is compared). */
  private mixed = false;
  /** The first code units of min and of max (-1 past the end), and the strings they are of. */
  private readonly minUnits = new Int32Array(PREFIX_UNITS);
  private readonly maxUnits = new Int32Array(PREFIX_UNITS);
  private unitsOfMin: CellValue = null;
  private unitsOfMax: CellValue = null;

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
      if (slot !== undefined) {
        this.exactCounts[slot] = (this.exactCounts[slot] as number) + 1;
        // A value seen before cannot move min/max (unless types mixed, where `less` is not an order).
        if (!this.mixed) {
          this.numbers(v, instant);
          return;
        }
      } else if (this.exact.size < EXACT_DISTINCT_CAP) {
        this.exactCounts[this.exact.size] = 1;
        this.exact.set(keep(v), this.exact.size);
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
    this.extremes(v);
    this.numbers(v, instant);
  }

  private extremes(v: string | number | boolean): void {
    const min = this.min;
    const max = this.max;
    if (min === null) {
      this.min = keep(v);
      this.max = this.min;
    } else if (typeof v === 'string' && typeof min === 'string' && typeof max === 'string') {
      // Most strings fall strictly between min and max within their first code units: then no
      // string comparison. V8 compares the sliced strings the reader makes about four times
      // slower than flat ones (~45 ns each), and every timestamp starts with "20".
      if (this.unitsOfMin !== min) {
        unitsOf(min, this.minUnits);
        this.unitsOfMin = min;
      }
      if (this.unitsOfMax !== max) {
        unitsOf(max, this.maxUnits);
        this.unitsOfMax = max;
      }
      if (strictlyBetween(v, this.minUnits, this.maxUnits)) return;
      if (v < min) this.min = keep(v);
      else if (max < v) this.max = keep(v);
    } else if (typeof v === typeof min && typeof v === typeof max && typeof v !== 'boolean') {
      // One type throughout (nearly every column): `less` is the operator itself, inlined.
      if (v < (min as string)) this.min = v;
      else if ((max as string) < v) this.max = v;
    } else {
      if (typeof v !== typeof min || typeof v !== typeof max) this.mixed = true;
      if (less(v, min)) this.min = keep(v);
      else if (less(max, v)) this.max = keep(v);
    }
  }

  private numbers(v: string | number | boolean, instant: unknown): void {
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
    this.toSketch();
    (this.hll as HyperLogLog).add(hash32(this.instant && typeof v === 'string' ? (instantOf(v) ?? v) : v));
  }

  private toSketch(): void {
    const exact = this.exact;
    if (!exact) return;
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
  }

  save(): ProfilerState {
    const { entity, field, type, count, nulls, empty, exact, exactCounts, sampled } = this;
    const { min, max, sum, numeric, mixed } = this;
    return {
      ...{
        entity,
        field,
        type,
        count,
        nulls,
        empty,
        exact,
        exactCounts,
        sampled,
        min,
        max,
        sum,
        numeric,
        mixed,
      },
      hll: this.hll?.save() ?? null,
      heavy: this.heavy?.save() ?? null,
      histogram: this.histogram?.save() ?? null,
    };
  }

  static load(s: ProfilerState): FieldProfiler {
    const p = new FieldProfiler(s.entity, s.field, s.type);
    p.count = s.count;
    p.nulls = s.nulls;
    p.empty = s.empty;
    p.exact = s.exact;
    p.exactCounts = s.exactCounts;
    p.sampled = s.sampled;
    p.min = s.min;
    p.max = s.max;
    p.sum = s.sum;
    p.numeric = s.numeric;
    p.mixed = s.mixed;
    p.hll = s.hll ? HyperLogLog.load(s.hll) : null;
    p.heavy = s.heavy ? HeavyHitters.load(HEAVY_HITTER_COUNTERS, s.heavy) : null;
    p.histogram = s.histogram ? DoublingHistogram.load(s.histogram) : null;
    return p;
  }

  /**
   * Adds the profile of the rows after this one's (the next segment of the same column). Counts,
   * min/max and exact distinct values merge exactly, HyperLogLog too (the same registers as one
   * pass); top values past the cap, the mean's float sum and the histogram merge
   * deterministically (the same for the same segments, whoever profiled them).
   */
  merge(o: FieldProfiler): void {
    if (o.count === 0) return;
    if (this.count === 0) {
      Object.assign(this, FieldProfiler.load(o.save()));
      return;
    }
    this.count += o.count;
    this.mixed ||= o.mixed;
    this.nulls += o.nulls;
    this.empty += o.empty;
    this.mergeDistinct(o);
    if (o.min !== null) {
      if (this.min === null) {
        this.min = o.min;
        this.max = o.max;
      } else {
        if (less(o.min, this.min)) this.min = o.min;
        if (less(this.max, o.max)) this.max = o.max;
      }
    }
    this.sum += o.sum;
    this.numeric += o.numeric;
    if (this.histogram && o.histogram) this.histogram.merge(o.histogram);
  }

  private mergeDistinct(o: FieldProfiler): void {
    if (this.exact && o.exact) {
      let added = 0;
      for (const k of o.exact.keys()) if (!this.exact.has(k)) added++;
      if (this.exact.size + added <= EXACT_DISTINCT_CAP) {
        for (const [k, slot] of o.exact) {
          const c = o.exactCounts[slot] as number;
          const mine = this.exact.get(k);
          if (mine !== undefined) this.exactCounts[mine] = (this.exactCounts[mine] as number) + c;
          else {
            this.exactCounts[this.exact.size] = c;
            this.exact.set(k, this.exact.size);
          }
        }
        return;
      }
    }
    this.toSketch();
    const hll = this.hll as HyperLogLog;
    const heavy = this.heavy as HeavyHitters<Key>;
    if (o.exact) {
      const sampledCounts = new Map<Key, number>();
      for (const [k, slot] of o.exact) {
        const t = this.instant && typeof k === 'string' ? instantOf(k) : undefined;
        hll.add(hash32(t ?? k));
        sampledCounts.set(k, Math.max(1, Math.round((o.exactCounts[slot] as number) / 8)));
      }
      heavy.merge(sampledCounts, compareKeys);
    } else {
      hll.merge(o.hll as HyperLogLog);
      heavy.merge((o.heavy as HeavyHitters<Key>).counts, compareKeys);
    }
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

const PREFIX_UNITS = 8;

/** The first PREFIX_UNITS code units of `s` into `out`, -1 past its end. */
function unitsOf(s: string, out: Int32Array): void {
  for (let i = 0; i < PREFIX_UNITS; i++) out[i] = i < s.length ? s.charCodeAt(i) : -1;
}

/**
 * True when `v` sorts strictly after the string whose units are `lo` and strictly before the one
 * whose units are `hi`, as decided within the first PREFIX_UNITS units; false when undecided there.
 */
function strictlyBetween(v: string, lo: Int32Array, hi: Int32Array): boolean {
  let aboveLo = false;
  let belowHi = false;
  const n = Math.min(v.length, PREFIX_UNITS);
  for (let i = 0; i < n; i++) {
    const c = v.charCodeAt(i);
    if (!aboveLo) {
      const m = lo[i] as number;
      if (c > m)
        aboveLo = true; // also when lo ended here: v is longer with lo as a prefix
      else if (c < m) return false;
    }
    if (!belowHi) {
      const m = hi[i] as number;
      if (c > m) return false; // past hi, or hi ended (-1) and v is longer
      if (c < m) belowHi = true;
    }
    if (aboveLo && belowHi) return true;
  }
  return false;
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
