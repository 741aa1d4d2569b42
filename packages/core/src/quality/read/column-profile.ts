/**
 * @module What inference learns about one column in one pass, in bounded memory: nulls, type
 * agreement, ranges, lengths, decimal scale, a small value histogram (enums), uniqueness (exact
 * fingerprints while no duplicate is seen, up to a limit) and a bottom-k distinct sample.
 */
import { canonicalDate, canonicalTimestamp, compareIso } from './dates.js';
import { BottomK, FingerprintSet, fingerprint } from './fingerprints.js';
import type { CellValue, ColumnInfo } from './types.js';

/** Most distinct values a column may have to become an enum. */
export const ENUM_MAX_VALUES = 20;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class ColumnProfile {
  rows = 0;
  nulls = 0;
  /** Values whose JS type does not fit the column type (text in an integer column). */
  mismatches = 0;
  /** Non-integer numbers in an integer column (JSON sources). */
  fractions = 0;
  trues = 0;
  minNum = Infinity;
  maxNum = -Infinity;
  minText: string | null = null;
  maxText: string | null = null;
  minLength = Infinity;
  maxLength = 0;
  scale = 0;
  allUuid = true;
  firstJson: string | null = null;
  counts: Map<string, number> | null = new Map();
  unique: FingerprintSet | null = new FingerprintSet();
  /** True when uniqueness tracking stopped at the limit (uniqueness then unknown). */
  overLimit = false;
  readonly distinct = new BottomK();
  private readonly fp = new Uint32Array(2);
  private readonly keyable: boolean;

  constructor(
    readonly column: ColumnInfo,
    private readonly limit: number,
  ) {
    this.keyable = column.type === 'string' || column.type === 'integer';
    if (!this.keyable) this.unique = null;
    // Histograms (enums) only for text columns.
    if (column.type !== 'string') this.counts = null;
  }

  add(v: CellValue): void {
    this.rows++;
    if (v === null) {
      this.nulls++;
      return;
    }
    // Only text and integer columns can be keys or references: only they need fingerprints.
    if (this.keyable) this.track(v);
    if (this.counts) {
      const key = String(v);
      this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
      if (this.counts.size > ENUM_MAX_VALUES) this.counts = null;
    }
    switch (this.column.type) {
      case 'integer':
      case 'number':
        if (typeof v !== 'number') return void this.mismatches++;
        if (v < this.minNum) this.minNum = v;
        if (v > this.maxNum) this.maxNum = v;
        if (!Number.isInteger(v)) {
          this.fractions++;
          // Text only for values with more digits than seen so far (rarely, after the first few).
          const f = 10 ** this.scale;
          if (Math.round(v * f) / f === v) return;
          const s = String(v);
          const dot = s.indexOf('.');
          if (dot >= 0 && !s.includes('e'))
            this.scale = Math.max(this.scale, Math.min(12, s.length - dot - 1));
        }
        return;
      case 'boolean':
        if (typeof v !== 'boolean') return void this.mismatches++;
        if (v) this.trues++;
        return;
      case 'date':
      case 'timestamp': {
        // Cells of these columns are canonical ISO text unless they failed to parse.
        const ok = typeof v === 'string' && (v.length === 10 ? canonicalDate(v) : canonicalTimestamp(v));
        if (!ok) return void this.mismatches++;
        if (this.minText === null || compareIso(v, this.minText) < 0) this.minText = v;
        if (this.maxText === null || compareIso(v, this.maxText) > 0) this.maxText = v;
        return;
      }
      case 'json':
        if (typeof v !== 'string') return void this.mismatches++;
        this.firstJson ??= v;
        return;
      case 'string': {
        const s = typeof v === 'string' ? v : String(v);
        if (s.length < this.minLength) this.minLength = s.length;
        if (s.length > this.maxLength) this.maxLength = s.length;
        if (this.allUuid && !UUID.test(s)) this.allUuid = false;
        return;
      }
    }
  }

  private track(v: CellValue): void {
    const fp = this.fp;
    fingerprint(v, fp);
    this.distinct.add(fp[0]!, fp[1]!);
    if (!this.unique) return;
    if (!this.unique.add(fp[0]!, fp[1]!)) this.unique = null;
    else if (this.unique.size > this.limit) {
      this.unique = null;
      this.overLimit = true;
    }
  }

  get nonNull(): number {
    return this.rows - this.nulls;
  }

  /** Every value present and distinct, and the whole column was tracked. */
  get isKey(): boolean {
    return (this.unique !== null || this.wasKey) && this.nulls === 0 && this.rows > 0;
  }

  /** Every present value distinct (nulls allowed). */
  get isUnique(): boolean {
    return (this.unique !== null || this.wasKey) && this.nonNull > 0;
  }

  private wasKey = false;

  /** Frees the fingerprint set once the pass is over, keeping what it showed. */
  keepUniqueFlag(): void {
    if (this.unique) this.wasKey = true;
    this.unique = null;
  }
}
