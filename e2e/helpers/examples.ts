/**
 * @module The schemas end-to-end format tests run: every examples/*.yaml (listed at test time, so
 * new examples are covered without touching the tests) at a small size, plus the hostile fixtures.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  compileSchema,
  generateData,
  parseSchema,
  rowsOf,
  type ColumnSpec,
  type Dataset,
  type EntityRuntime,
  type FormatName,
  type FormatOptions,
  type SchemaDoc,
  type Value,
} from '@tdm/core';
import { dirOutput } from './temp-output.js';

/** A fixed generation instant: relative bounds (-3y, now) resolve the same on every run. */
export const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);

/** Rows per fixed-count entity in these tests (per-parent counts follow their parents). */
export const SMALL_COUNT = 25;

const examplesDir = fileURLToPath(new URL('../../examples/', import.meta.url));

export interface NamedSchema {
  name: string;
  doc: SchemaDoc;
}

/** Every examples/*.yaml, parsed. */
export function exampleSchemas(): NamedSchema[] {
  return readdirSync(examplesDir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort()
    .map((f) => ({ name: f, doc: parseSchema(readFileSync(join(examplesDir, f), 'utf8')) }));
}

/** Count overrides that shrink every fixed-count entity to at most SMALL_COUNT rows. */
export function smallCounts(doc: SchemaDoc): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [name, e] of Object.entries(doc.entities)) {
    if (typeof e.count === 'number') counts[name] = Math.min(e.count, SMALL_COUNT);
    else if (e.count === undefined) counts[name] = SMALL_COUNT;
  }
  return counts;
}

export interface GenerateArgs {
  doc: SchemaDoc;
  dir: string;
  format: FormatName;
  formatOptions?: FormatOptions;
  gzip?: boolean;
  workers?: number;
  chunkRows?: number;
}

/** Generates `doc` small into `dir`. */
export function generateSmall(a: GenerateArgs): Promise<Dataset> {
  return generateData(a.doc, {
    output: dirOutput(a.dir),
    format: a.format,
    now: NOW,
    counts: smallCounts(a.doc),
    ...(a.formatOptions ? { formatOptions: a.formatOptions } : {}),
    ...(a.gzip ? { gzip: true } : {}),
    ...(a.workers ? { workers: a.workers } : {}),
    ...(a.chunkRows ? { chunkRows: a.chunkRows } : {}),
  });
}

export interface EngineTable {
  name: string;
  columns: ColumnSpec[];
  rows: Value[][];
}

/** The rows the engine computes for `doc` at the same size, straight from the compiled runtimes. */
export function engineTables(doc: SchemaDoc): EngineTable[] {
  const compiled = compileSchema(doc, { now: NOW, counts: smallCounts(doc) });
  return compiled.tables.map((t) => ({
    name: t.name,
    columns: t.columns,
    rows: rowsOf(compiled.runtimes.get(t.name) as EntityRuntime, 0, t.rowCount),
  }));
}
