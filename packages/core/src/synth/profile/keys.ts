/**
 * @module Keys of a sample: candidate keys (minimal unique, non-null sets of one or two columns)
 * and foreign keys between tables found by inclusion (a column's values are values of another
 * table's key). Values are interned to integer ids once per column, so pair checks hash numbers.
 */
import type { CellValue, ColumnType } from '../../quality/read/index.js';
import type { SampleTable } from '../table.js';
import type { DetectedForeignKey } from './patterns-schema.js';

/** Referencing values that must be found in the key (5% may be dirty or outside a cut sample). */
export const MIN_FK_COVERAGE = 0.95;
/** Columns considered for two-column keys (pairs grow quadratically). */
const MAX_PAIR_COLUMNS = 40;

const keyable = (t: ColumnType): boolean =>
  t === 'integer' || t === 'string' || t === 'date' || t === 'timestamp';

interface Interned {
  ids: Int32Array;
  distinct: number;
  nulls: number;
}

function intern(values: readonly CellValue[]): Interned {
  const map = new Map<CellValue, number>();
  const ids = new Int32Array(values.length);
  let nulls = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === null) {
      ids[i] = -1;
      nulls++;
      continue;
    }
    let id = map.get(v);
    if (id === undefined) map.set(v, (id = map.size));
    ids[i] = id;
  }
  return { ids, distinct: map.size, nulls };
}

function pairUnique(a: Interned, b: Interned): boolean {
  const seen = new Set<number>();
  for (let i = 0; i < a.ids.length; i++) {
    const k = a.ids[i]! * b.distinct + b.ids[i]!;
    if (seen.has(k)) return false;
    seen.add(k);
  }
  return true;
}

/** Minimal candidate keys of one or two columns, single columns first, in column order. */
export function candidateKeys(table: SampleTable): string[][] {
  if (table.rows < 2) return [];
  const cols = table.columns
    .filter((c) => keyable(c.type))
    .map((c) => ({ name: c.name, ...intern(c.values) }))
    .filter((c) => c.nulls === 0 && c.distinct > 1);
  const singles = cols.filter((c) => c.distinct === table.rows);
  const rest = cols.filter((c) => c.distinct < table.rows).slice(0, MAX_PAIR_COLUMNS);
  const keys = singles.map((c) => [c.name]);
  for (let i = 0; i < rest.length; i++) {
    for (let j = i + 1; j < rest.length; j++) {
      const a = rest[i]!;
      const b = rest[j]!;
      if (a.distinct * b.distinct >= table.rows && pairUnique(a, b)) keys.push([a.name, b.name]);
    }
  }
  return keys;
}

const singular = (name: string): string => name.replace(/ies$/, 'y').replace(/s$/, '');

/** Whether a column's name points at the table (customer_id -> customers) or repeats its key's name. */
function hinted(column: string, keyColumn: string, parent: string): boolean {
  const c = column.toLowerCase();
  const p = parent.toLowerCase();
  return (c === keyColumn.toLowerCase() && c !== 'id') || c.includes(singular(p)) || c.includes(p);
}

interface KeyInfo {
  table: SampleTable;
  column: number;
  values: Set<CellValue>;
}

/**
 * Foreign keys by inclusion: for every keyable column, the single-column key of another table
 * (or of its own, for a nullable self reference named like an id) holding at least 95% of its
 * non-null values. Integers need a name hint (small numbers fit in any id range); a table's own
 * first key references another table only when its name says so (a 1:1 extension table).
 */
export function foreignKeys(
  tables: readonly SampleTable[],
  keys: ReadonlyMap<string, string[][]>,
): DetectedForeignKey[] {
  const parents: KeyInfo[] = [];
  for (const t of tables) {
    for (const k of keys.get(t.name) ?? []) {
      if (k.length !== 1) continue;
      const column = t.columns.findIndex((c) => c.name === k[0]);
      parents.push({ table: t, column, values: new Set(t.columns[column]!.values) });
    }
  }
  const out: DetectedForeignKey[] = [];
  for (const t of tables) {
    const ownKey = keys.get(t.name)?.find((k) => k.length === 1)?.[0];
    t.columns.forEach((col, ci) => {
      if (col.type !== 'integer' && col.type !== 'string') return;
      let best: { fk: DetectedForeignKey; score: number } | undefined;
      for (const p of parents) {
        const key = p.table.columns[p.column]!;
        if (key.type !== col.type) continue;
        const self = p.table === t;
        if (self && (ci === p.column || !col.values.includes(null) || !/(?:_id|Id)$/.test(col.name)))
          continue;
        const hint = hinted(col.name, key.name, p.table.name);
        if (!self && !hint && (col.type === 'integer' || col.name === ownKey)) continue;
        let nonNull = 0;
        let found = 0;
        const distinct = new Set<CellValue>();
        for (const v of col.values) {
          if (v === null) continue;
          nonNull++;
          distinct.add(v);
          if (p.values.has(v)) found++;
        }
        if (nonNull === 0 || (distinct.size < 2 && !hint)) continue;
        const coverage = found / nonNull;
        if (coverage < MIN_FK_COVERAGE) continue;
        const score = coverage + (hint ? 1 : 0) + (key.name.toLowerCase() === 'id' ? 0.5 : 0);
        if (!best || score > best.score) {
          best = {
            fk: {
              from: { table: t.name, column: col.name },
              to: { table: p.table.name, column: key.name },
              coverage,
            },
            score,
          };
        }
      }
      if (best) out.push(best.fk);
    });
  }
  return out;
}
