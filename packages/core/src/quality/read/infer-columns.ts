/**
 * @module Column types from a sample of cells: the narrowest type every non-null sampled value
 * fits (boolean < integer < number; date; timestamp; json; else string), with the date form the
 * column uses. Never throws: anything unrecognised is a string.
 */
import { hasLeadingZero, isNullToken, looksJson, textBoolean, textInteger, textNumber } from './cells.js';
import type { ColumnReading } from './cells.js';
import { dateParsers, timestampParsers } from './dates.js';
import type { ColumnType } from './types.js';

/** Tallies of what a column's sampled values look like. */
class Tally {
  nonNull = 0;
  boolean = 0;
  integer = 0;
  number = 0;
  json = 0;
  /** Values every date/timestamp form parsed (forms drop out on the first miss). */
  dateForms = new Set(Object.keys(dateParsers));
  tsForms = new Set(Object.keys(timestampParsers));
  textSeen = 0;

  addText(s: string): void {
    if (isNullToken(s)) return;
    this.nonNull++;
    this.textSeen++;
    if (textBoolean(s) !== undefined) this.boolean++;
    if (!hasLeadingZero(s)) {
      const int = textInteger(s) !== undefined;
      if (int) this.integer++;
      // Digits beyond 2^53 (long account numbers) are identifiers, not numbers.
      if (int || (textNumber(s) !== undefined && /[.eE]/.test(s))) this.number++;
    }
    if (looksJson(s)) this.json++;
    for (const f of this.dateForms) if (dateParsers[f]!(s) === null) this.dateForms.delete(f);
    for (const f of this.tsForms) if (timestampParsers[f]!(s) === null) this.tsForms.delete(f);
  }

  addValue(v: unknown): void {
    if (v === null || v === undefined) return;
    if (typeof v === 'string') {
      // Strings in JSON are strings unless they hold dates; numbers-as-text stay text.
      if (isNullToken(v)) return;
      this.nonNull++;
      this.textSeen++;
      for (const f of this.dateForms) if (dateParsers[f]!(v) === null) this.dateForms.delete(f);
      for (const f of this.tsForms) if (timestampParsers[f]!(v) === null) this.tsForms.delete(f);
      return;
    }
    this.nonNull++;
    this.dateForms.clear();
    this.tsForms.clear();
    if (typeof v === 'boolean') this.boolean++;
    else if (typeof v === 'number') {
      if (Number.isSafeInteger(v)) this.integer++;
      this.number++;
    } else if (typeof v === 'bigint') {
      this.integer++;
      this.number++;
    } else if (v instanceof Date) {
      this.textSeen = -1;
    } else if (typeof v === 'object') this.json++;
  }

  reading(nullTokensInStrings: boolean): ColumnReading {
    const type = this.type();
    const dateForm =
      type === 'date' ? first(this.dateForms) : type === 'timestamp' ? first(this.tsForms) : undefined;
    return { type, nullTokensInStrings, ...(dateForm ? { dateForm } : {}) };
  }

  private type(): ColumnType {
    const n = this.nonNull;
    if (n === 0) return 'string';
    if (this.textSeen === -1) return 'timestamp';
    if (this.boolean === n) return 'boolean';
    if (this.integer === n) return 'integer';
    if (this.number === n) return 'number';
    if (this.textSeen === n && this.dateForms.size > 0) return 'date';
    if (this.textSeen === n && this.tsForms.size > 0) return 'timestamp';
    if (this.json === n) return 'json';
    return 'string';
  }
}

function first(s: Set<string>): string | undefined {
  for (const x of s) return x;
  return undefined;
}

/** Readings of text columns (CSV/TSV) from sampled rows of cells. */
export function inferTextColumns(
  width: number,
  sample: readonly (readonly (string | null)[])[],
): ColumnReading[] {
  const tallies = Array.from({ length: width }, () => new Tally());
  for (const row of sample) {
    for (let i = 0; i < width; i++) {
      const s = row[i];
      if (s !== null && s !== undefined) tallies[i]!.addText(s);
    }
  }
  return tallies.map((t) => t.reading(true));
}

/** Readings of value columns (JSON, NDJSON, Parquet) from sampled rows of values. */
export function inferValueColumns(width: number, sample: readonly (readonly unknown[])[]): ColumnReading[] {
  const tallies = Array.from({ length: width }, () => new Tally());
  for (const row of sample) for (let i = 0; i < width; i++) tallies[i]!.addValue(row[i]);
  return tallies.map((t) => t.reading(true));
}
