/**
 * @module JSON text of one row as an object, shared by the json and ndjson writers. The text of a
 * value is exactly `JSON.stringify(jsonValue(v, col))`: ISO dates/times/timestamps, decimals as
 * numbers, json columns nested, non-finite numbers as null.
 */
import type { ColumnSpec } from '../compile/index.js';
import type { Value } from '../expr/index.js';
import { jsonValue, valueText } from './text-values.js';

/** The JSON text of a non-null value of a column. */
export function jsonText(v: Exclude<Value, null>, col: ColumnSpec): string {
  switch (typeof v) {
    case 'number':
      if (col.kind === 'date' || col.kind === 'time' || col.kind === 'timestamp') {
        // ISO text is digits, dashes, colons, dots, T and Z: nothing to escape.
        return '"' + valueText(v, col) + '"';
      }
      return Number.isFinite(v) ? String(v) : 'null';
    case 'string':
      return JSON.stringify(v);
    case 'boolean':
      return v ? 'true' : 'false';
    default:
      return JSON.stringify(jsonValue(v, col)) ?? 'null';
  }
}

/**
 * Compiles a row -> `{"col":value,...}` function for a table's columns.
 *
 * Hot path: the key prefixes (`{"id":`, `,"name":`) are built once; per row only value texts are
 * appended to one string, with no intermediate object.
 */
export function jsonObjectEncoder(columns: readonly ColumnSpec[]): (values: readonly Value[]) => string {
  const n = columns.length;
  if (n === 0) return () => '{}';
  const keys = columns.map((c, i) => (i === 0 ? '{' : ',') + JSON.stringify(c.name) + ':');
  return (values) => {
    let s = '';
    for (let i = 0; i < n; i++) {
      s += keys[i] as string;
      const v = values[i];
      s += v === null || v === undefined ? 'null' : jsonText(v, columns[i] as ColumnSpec);
    }
    return s + '}';
  };
}
