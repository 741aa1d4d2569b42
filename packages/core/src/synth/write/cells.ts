/**
 * @module Read cells -> the values the format writers take. The reader yields dates and
 * timestamps as canonical ISO text and JSON as text; the writers want epoch milliseconds for
 * typed formats (Parquet, SQL) and nested values for JSON. Text formats keep the ISO text as it
 * is (it is exactly what the writers would print), so a value that did not parse as its column's
 * type (kept as raw text by the reader) still writes as that text. Parquet cannot hold such a
 * value in a typed column: that is a coded error naming the column and value.
 */
import type { ColumnSpec, TablePlan } from '../../compile/index.js';
import { TdmError } from '../../errors/index.js';
import type { Value } from '../../expr/index.js';
import type { CellValue, ColumnInfo } from '../../quality/read/index.js';

export type WriteFormat = 'csv' | 'json' | 'ndjson' | 'parquet' | 'sql';

type Convert = (v: CellValue) => Value;

const same: Convert = (v) => v;

/**
 * The shortest exact text of a number, always with a point or exponent (5 -> "5.0") so a reader
 * that infers types from text keeps the column a number column.
 */
export function numberText(v: number): string {
  const s = String(v);
  return /[.eEN]/.test(s) ? s : s + '.0';
}

const DAY_FORM = /^\d{4}-\d{2}-\d{2}$/;

/** Epoch ms of ISO date/timestamp text, or NaN. */
function instant(s: string): number {
  return Date.parse(DAY_FORM.test(s) ? `${s}T00:00:00Z` : s);
}

/** Numbers as exact text (CSV, SQL: no fixed scale is exact for doubles). */
const asNumberText: Convert = (v) => (typeof v === 'number' ? numberText(v) : v);

/** ISO text as epoch ms when it parses (SQL dialects print instants their own way). */
const asInstantOrText: Convert = (v) => {
  if (typeof v !== 'string') return v;
  const t = instant(v);
  return Number.isNaN(t) ? v : t;
};

const asJsonValue: Convert = (v) => {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v) as Value;
  } catch {
    return v;
  }
};

function unfit(table: string, col: ColumnInfo, v: CellValue): TdmError {
  return new TdmError(
    'FORMAT_UNSUPPORTED',
    `parquet: ${table}.${col.name} is ${/^[aeiou]/.test(col.type) ? 'an' : 'a'} ${col.type} column but holds ${JSON.stringify(v)}${typeof v === 'number' && Number.isInteger(v) && !Number.isSafeInteger(v) ? ' (beyond 2^53, not exact)' : ''}`,
    {
      suggestedActions: ['Write this data as csv, json or ndjson, or fix the value in the source.'],
      details: { entity: table, column: col.name, value: v },
    },
  );
}

function parquetConvert(table: string, col: ColumnInfo): Convert {
  const check =
    (ok: (v: Exclude<CellValue, null>) => boolean, map: (v: never) => Value = (v) => v): Convert =>
    (v) => {
      if (v === null) return null;
      if (!ok(v)) throw unfit(table, col, v);
      return map(v as never);
    };
  switch (col.type) {
    case 'integer':
      return check((v) => typeof v === 'number' && Number.isSafeInteger(v));
    case 'number':
      return check((v) => typeof v === 'number');
    case 'boolean':
      return check((v) => typeof v === 'boolean');
    case 'date':
    case 'timestamp':
      return check(
        (v) => typeof v === 'string' && !Number.isNaN(instant(v)),
        (v: string) => instant(v),
      );
    case 'json':
    case 'string':
      return (v) => (v === null || typeof v === 'string' ? v : String(v));
  }
}

function convertOf(format: WriteFormat, table: string, col: ColumnInfo): Convert {
  switch (format) {
    case 'csv':
      return col.type === 'number' ? asNumberText : same;
    case 'json':
    case 'ndjson':
      return col.type === 'json' ? asJsonValue : same;
    case 'sql':
      if (col.type === 'number') return asNumberText;
      return col.type === 'date' || col.type === 'timestamp' ? asInstantOrText : same;
    case 'parquet':
      return parquetConvert(table, col);
  }
}

/**
 * The plan the encoder sees. CSV has no types: every column is text (the converted values
 * already are), so the writer quotes a raw value in an integer column like any text.
 */
export function encoderPlan(format: WriteFormat, plan: TablePlan): TablePlan {
  if (format !== 'csv') return plan;
  return { ...plan, columns: plan.columns.map((c): ColumnSpec => ({ ...c, kind: 'string' })) };
}

/**
 * A function turning a read row into the row the format writes, columns in the plan's order.
 * Hot path: one converter per column, chosen once.
 */
export function rowConverter(
  format: WriteFormat,
  table: string,
  columns: readonly ColumnInfo[],
): (row: readonly CellValue[]) => Value[] {
  const converts = columns.map((c) => convertOf(format, table, c));
  const n = converts.length;
  return (row) => {
    const out = new Array<Value>(n);
    for (let i = 0; i < n; i++) out[i] = (converts[i] as Convert)(row[i] ?? null);
    return out;
  };
}
