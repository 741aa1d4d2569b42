/**
 * @module Lines up real and generated tables before anything is measured: tables by name,
 * columns by name (missing and extra ones listed, never fatal), the data's columns put in the real
 * order so pair measures fixed on the real table apply to the data as is, and the columns that
 * fidelity skips (declared keys and foreign keys, declared PII that is not a declared
 * quasi-identifier, identifier-like columns) set aside.
 */
import type { CellValue } from '../../quality/read/index.js';
import type { SampleColumn, SampleTable } from '../table.js';
import type { PiiColumn } from '../types.js';

export interface SkippedColumn {
  column: string;
  reason: 'pii' | 'identifier' | 'key';
}

/** A column of a table. */
export interface ColumnRef {
  table: string;
  column: string;
}

/** What fidelity leaves out, and what it keeps although it is PII. */
export interface AlignOptions {
  pii?: readonly PiiColumn[];
  /** Primary and foreign key columns: made anew or copied from parents, not data to score. */
  keys?: readonly ColumnRef[];
  /** Per table, quasi-identifiers: scored even when PII, so coarsening them shows in fidelity. */
  quasiIdentifiers?: Readonly<Record<string, readonly string[]>>;
}

export interface AlignedTable {
  name: string;
  real: SampleTable;
  data: SampleTable;
  missingColumns: string[];
  extraColumns: string[];
  /** Columns present in both, real order; `data` views hold the same columns in the same order. */
  shared: { real: SampleTable; data: SampleTable };
  /** The shared columns fidelity and DCR compare (no PII, no identifiers), real order. */
  compared: { real: SampleTable; data: SampleTable };
  skipped: SkippedColumn[];
}

const view = (t: SampleTable, columns: SampleColumn[]): SampleTable => ({ ...t, columns });

const KEY_NAME = /(^|_|\b)(id|uuid|guid|key)$|[a-z]Id$/i;

/**
 * Columns whose non-null real values are all distinct, where shape scores measure nothing: strings
 * (ids, free text: TV would be 0) and integers that count (a span at most twice their number) or
 * are named like an identifier. Other all-distinct integers (a measurement in a small sample) are
 * data and stay scored.
 */
function identifierLike(c: SampleColumn): boolean {
  const integer = c.type === 'integer';
  if (c.type !== 'string' && c.type !== 'json' && !integer) return false;
  const seen = new Set<CellValue>();
  let n = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of c.values) {
    if (v === null) continue;
    n++;
    if (seen.has(v)) return false;
    seen.add(v);
    if (typeof v === 'number') {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (n < 2) return false;
  return !integer || KEY_NAME.test(c.name) || hi - lo + 1 <= 2 * n;
}

/** Aligns one real table with its generated counterpart. */
export function alignTable(real: SampleTable, data: SampleTable, options: AlignOptions = {}): AlignedTable {
  const byName = new Map(data.columns.map((c) => [c.name, c]));
  const realNames = new Set(real.columns.map((c) => c.name));
  const mine = (refs: readonly ColumnRef[] | undefined): Set<string> =>
    new Set((refs ?? []).filter((p) => p.table === real.name).map((p) => p.column));
  const keyNames = mine(options.keys);
  const quasi = new Set(options.quasiIdentifiers?.[real.name] ?? []);
  const piiNames = new Set([...mine(options.pii)].filter((c) => !quasi.has(c)));
  const sharedReal: SampleColumn[] = [];
  const sharedData: SampleColumn[] = [];
  const comparedReal: SampleColumn[] = [];
  const comparedData: SampleColumn[] = [];
  const missingColumns: string[] = [];
  const skipped: SkippedColumn[] = [];
  for (const c of real.columns) {
    const d = byName.get(c.name);
    if (!d) {
      missingColumns.push(c.name);
      continue;
    }
    sharedReal.push(c);
    sharedData.push(d);
    if (keyNames.has(c.name)) skipped.push({ column: c.name, reason: 'key' });
    else if (piiNames.has(c.name)) skipped.push({ column: c.name, reason: 'pii' });
    else if (!quasi.has(c.name) && identifierLike(c)) skipped.push({ column: c.name, reason: 'identifier' });
    else {
      comparedReal.push(c);
      comparedData.push(d);
    }
  }
  return {
    name: real.name,
    real,
    data,
    missingColumns,
    extraColumns: data.columns.filter((c) => !realNames.has(c.name)).map((c) => c.name),
    shared: { real: view(real, sharedReal), data: view(data, sharedData) },
    compared: { real: view(real, comparedReal), data: view(data, comparedData) },
    skipped,
  };
}

/** Matches tables by name: the aligned pairs, and the names found on one side only. */
export function alignTables(
  real: readonly SampleTable[],
  data: readonly SampleTable[],
  options: AlignOptions = {},
): { tables: AlignedTable[]; missingTables: string[]; extraTables: string[] } {
  const byName = new Map(data.map((t) => [t.name, t]));
  const realNames = new Set(real.map((t) => t.name));
  const tables: AlignedTable[] = [];
  const missingTables: string[] = [];
  for (const r of real) {
    const d = byName.get(r.name);
    if (d) tables.push(alignTable(r, d, options));
    else missingTables.push(r.name);
  }
  return {
    tables,
    missingTables,
    extraTables: data.filter((t) => !realNames.has(t.name)).map((t) => t.name),
  };
}

/** A cell as a key that tells apart null, and equal texts of numbers and strings alike ("5" = 5). */
export const cellKey = (v: CellValue): string => (v === null ? '\u0000' : String(v));
