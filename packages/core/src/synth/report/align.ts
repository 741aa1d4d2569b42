/**
 * @module Lines up real and generated tables before anything is measured: tables by name,
 * columns by name (missing and extra ones listed, never fatal), the data's columns put in the real
 * order so pair measures fixed on the real table apply to the data as is, and the columns that
 * fidelity skips (declared PII, identifier-like strings) set aside.
 */
import type { CellValue } from '../../quality/read/index.js';
import type { SampleColumn, SampleTable } from '../table.js';
import type { PiiColumn } from '../types.js';

export interface SkippedColumn {
  column: string;
  reason: 'pii' | 'identifier';
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

/** String columns whose non-null real values are all distinct (ids, free text): TV would be 0. */
function identifierLike(c: SampleColumn): boolean {
  if (c.type !== 'string' && c.type !== 'json') return false;
  const seen = new Set<CellValue>();
  let n = 0;
  for (const v of c.values) {
    if (v === null) continue;
    n++;
    if (seen.has(v)) return false;
    seen.add(v);
  }
  return n >= 2;
}

/** Aligns one real table with its generated counterpart. */
export function alignTable(real: SampleTable, data: SampleTable, pii: readonly PiiColumn[]): AlignedTable {
  const byName = new Map(data.columns.map((c) => [c.name, c]));
  const realNames = new Set(real.columns.map((c) => c.name));
  const piiNames = new Set(pii.filter((p) => p.table === real.name).map((p) => p.column));
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
    if (piiNames.has(c.name)) skipped.push({ column: c.name, reason: 'pii' });
    else if (identifierLike(c)) skipped.push({ column: c.name, reason: 'identifier' });
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
  pii: readonly PiiColumn[],
): { tables: AlignedTable[]; missingTables: string[]; extraTables: string[] } {
  const byName = new Map(data.map((t) => [t.name, t]));
  const realNames = new Set(real.map((t) => t.name));
  const tables: AlignedTable[] = [];
  const missingTables: string[] = [];
  for (const r of real) {
    const d = byName.get(r.name);
    if (d) tables.push(alignTable(r, d, pii));
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
