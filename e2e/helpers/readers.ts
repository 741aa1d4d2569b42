/**
 * @module Independent readers for generated files (csv-parse, JSON.parse, fast-xml-parser,
 * parquet-wasm) and the values each should return for a row the engine computed. The expected
 * side restates the format contracts (valueText, jsonValue, XML 1.0 character rules) rather than
 * calling the writers.
 */
import { readFileSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { jsonValue, valueText, type ColumnSpec, type Value } from '@tdm/core';
import { readParquetRows, type ArrowColumn } from './arrow-ffi.js';

const DAY = 86_400_000;

/** CSV rows as arrays, null for an unquoted empty field (tdm's null) and '' for `""`. */
export function readCsv(path: string): { header: string[]; rows: (string | null)[][] } {
  const records = parseCsv(readFileSync(path, 'utf8'), {
    cast: (value: string, ctx: { quoting: boolean }) => (value === '' && !ctx.quoting ? null : value),
  }) as (string | null)[][];
  const [header = [], ...rows] = records;
  return { header: header as string[], rows };
}

export function csvExpected(v: Value, col: ColumnSpec): string | null {
  return v === null ? null : valueText(v, col);
}

export function readJsonArray(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

export function readNdjson(path: string): unknown[] {
  const text = readFileSync(path, 'utf8');
  if (text === '') return [];
  if (!text.endsWith('\n')) throw new Error(`${path}: the last line has no newline`);
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line) as unknown);
}

/** A row as the JSON object it should read back as. */
export function jsonExpected(row: readonly Value[], columns: readonly ColumnSpec[]): unknown {
  const o: Record<string, unknown> = {};
  columns.forEach((c, i) => (o[c.name] = jsonValue(row[i] ?? null, c)));
  return JSON.parse(JSON.stringify(o)) as unknown;
}

/** True for a code point XML 1.0 allows in a document (production [2] Char). */
function xmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/** `s` with every character XML 1.0 cannot carry replaced by U+FFFD (the writer's documented rule). */
export function xmlSafe(s: string): string {
  let out = '';
  for (const ch of s) out += xmlChar(ch.codePointAt(0) as number) ? ch : '\uFFFD';
  return out;
}

export const XML_NIL = { '@_xsi:nil': 'true' };

export function xmlExpected(v: Value, col: ColumnSpec): unknown {
  return v === null ? XML_NIL : xmlSafe(valueText(v, col));
}

/** Validates then parses an XML file; returns the row elements as objects of child texts. */
export function readXml(
  path: string,
  root: string,
  row: string,
): { declaration: unknown; rows: Record<string, unknown>[] } {
  const text = readFileSync(path, 'utf8');
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new Error(`${path} is not well-formed: ${JSON.stringify(valid.err)}`);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    htmlEntities: true,
    isArray: (_name: string, jpath: unknown) => jpath === `${root}.${row}`,
  });
  const doc = parser.parse(text) as Record<string, unknown>;
  const top = doc[root] as Record<string, unknown> | undefined;
  if (top === undefined) throw new Error(`${path}: no <${root}> root`);
  const rows = (top[row] ?? []) as Record<string, unknown>[];
  return { declaration: doc['?xml'], rows: rows.map((r) => (typeof r === 'string' ? {} : r)) };
}

/** The Arrow type parquet-wasm should report for a column of each kind. */
export function arrowFormatExpected(col: ColumnSpec): string {
  switch (col.kind) {
    case 'integer':
      return 'l';
    case 'decimal':
      return `d:18,${col.scale ?? 2}`;
    case 'boolean':
      return 'b';
    case 'date':
      return 'tdD';
    case 'time':
      return 'ttm';
    case 'timestamp':
      return 'tsm:UTC';
    default:
      return 'u';
  }
}

/** What parquet-wasm returns for a value (see arrow-ffi.ts for the JS forms of Arrow values). */
export function parquetExpected(v: Value, col: ColumnSpec): unknown {
  if (v === null) return null;
  switch (col.kind) {
    case 'decimal':
      return valueText(v, col);
    case 'date':
      return (v as number) / DAY;
    case 'json':
      return JSON.stringify(v);
    default:
      return v;
  }
}

export function readParquetFile(path: string): { columns: ArrowColumn[]; rows: unknown[][] } {
  return readParquetRows(new Uint8Array(readFileSync(path)));
}
