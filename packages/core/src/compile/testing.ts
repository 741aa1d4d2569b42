/**
 * @module Helpers for tests of generated rows: compile a YAML/JSON schema at a fixed instant and
 * read whole tables as records keyed by column name.
 */
import { parseSchema, type SchemaDoc } from '../dsl/index.js';
import { compileExpression, parseExpression, type Getter, type Value } from '../expr/index.js';
import { parseInstant } from '../values/index.js';
import { compileSchema } from './compile-schema.js';
import type { CompileOptions, CompiledSchema } from './options.js';
import type { EntityRuntime } from './runtime.js';

/** The instant tests generate at (relative bounds such as -3y count from it). */
export const TEST_NOW = Date.UTC(2025, 0, 15, 12, 0, 0);

export type Row = Record<string, Value>;

/** Compiles schema text (or an object) at TEST_NOW unless options say otherwise. */
export function compileText(schema: unknown, options: CompileOptions = {}): CompiledSchema {
  return compileSchema(parseSchema(schema), { now: TEST_NOW, ...options });
}

export function runtimeOf(compiled: CompiledSchema, entity: string): EntityRuntime {
  const rt = compiled.runtimes.get(entity);
  if (!rt) throw new Error(`no entity ${entity}`);
  return rt;
}

/** Row `i` of an entity, computed in a fresh buffer. */
export function rowAt(compiled: CompiledSchema, entity: string, i: number): Row {
  const rt = runtimeOf(compiled, entity);
  const out = new Array<Value>(rt.slotCount).fill(null);
  rt.fill(i, out);
  return toRecord(compiled, entity, out);
}

/** Every row of an entity, in order, as records. */
export function tableRows(compiled: CompiledSchema, entity: string): Row[] {
  const rt = runtimeOf(compiled, entity);
  const rows: Row[] = [];
  const out = new Array<Value>(rt.slotCount).fill(null);
  for (let i = 0; i < rt.count; i++) {
    rt.fill(i, out);
    rows.push(toRecord(compiled, entity, out));
  }
  return rows;
}

/** Every table, by entity name. */
export function allTables(compiled: CompiledSchema): Map<string, Row[]> {
  return new Map(compiled.tables.map((t) => [t.name, tableRows(compiled, t.name)]));
}

function toRecord(compiled: CompiledSchema, entity: string, values: readonly Value[]): Row {
  const plan = compiled.tables.find((t) => t.name === entity);
  if (!plan) throw new Error(`no table ${entity}`);
  const row: Row = {};
  plan.columns.forEach((c, i) => (row[c.name] = values[i] ?? null));
  return row;
}

/** A stable text key of several values (for uniqueness checks). */
export function keyOf(row: Row, fields: readonly string[]): string {
  return JSON.stringify(fields.map((f) => row[f] ?? null));
}

/** Share of rows where `field` is null. */
export function nullShare(rows: readonly Row[], field: string): number {
  return rows.length === 0 ? 0 : rows.filter((r) => r[field] === null).length / rows.length;
}

/** Counts of children per parent key (parents without children count 0; null refs are skipped). */
export function childCounts(
  parents: readonly Row[],
  key: string,
  children: readonly Row[],
  ref: string,
): number[] {
  const counts = new Map<Value, number>(parents.map((p) => [p[key] ?? null, 0]));
  for (const c of children) {
    const k = c[ref] ?? null;
    if (k === null) continue;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts.values()];
}

export function mean(xs: readonly number[]): number {
  return xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
}

/**
 * Checks generated tables against their declarations without the engine's runtime: foreign keys
 * resolve, primary keys and uniques hold, non-null columns have no nulls, and every rule (compiled
 * here over plain records) is not false. Returns the violations found (at most `limit`).
 */
export function violations(
  compiled: CompiledSchema,
  doc: SchemaDoc,
  tables: Map<string, Row[]>,
  limit = 10,
): string[] {
  const found: string[] = [];
  const add = (s: string): void => {
    if (found.length < limit) found.push(s);
  };
  const index = new Map<string, Map<Value, Row>>();
  const indexOf = (entity: string, field: string): Map<Value, Row> => {
    const k = `${entity}.${field}`;
    let m = index.get(k);
    if (!m) {
      m = new Map((tables.get(entity) ?? []).map((r) => [r[field] ?? null, r]));
      index.set(k, m);
    }
    return m;
  };
  for (const plan of compiled.tables) {
    const rows = tables.get(plan.name) ?? [];
    for (const fk of plan.foreignKeys) {
      const parents = indexOf(fk.refTable, fk.refColumns[0] as string);
      rows.forEach((r, i) => {
        const v = r[fk.columns[0] as string] ?? null;
        if (v !== null && !parents.has(v))
          add(`${plan.name}[${i}].${fk.columns[0]}: ${String(v)} not in ${fk.refTable}`);
      });
    }
    for (const fields of [plan.primaryKey, ...plan.uniques]) {
      if (fields.length === 0) continue;
      const seen = new Set<string>();
      rows.forEach((r, i) => {
        if (fields.some((f) => r[f] === null)) return;
        const k = keyOf(r, fields);
        if (seen.has(k)) add(`${plan.name}[${i}]: duplicate (${fields.join(', ')}) ${k}`);
        seen.add(k);
      });
    }
    for (const col of plan.columns) {
      if (col.nullable) continue;
      rows.forEach((r, i) => {
        if (r[col.name] === null) add(`${plan.name}[${i}].${col.name} is null but not nullable`);
      });
    }
  }
  for (const c of doc.constraints ?? []) {
    const plan = compiled.tables.find((t) => t.name === c.entity);
    if (!plan) continue;
    let current: Row = {};
    const resolve = (path: string): Getter => {
      const parts = path.split('.');
      return () => {
        let entity = c.entity;
        let row: Row | undefined = current;
        for (let i = 0; i < parts.length - 1 && row; i++) {
          const p = compiled.tables.find((t) => t.name === entity);
          const fk = p?.foreignKeys.find((f) => f.columns[0] === parts[i]);
          if (!fk) throw new Error(`${path}: ${parts[i]} is not a reference`);
          const v: Value = row[parts[i] as string] ?? null;
          row = v === null ? undefined : indexOf(fk.refTable, fk.refColumns[0] as string).get(v);
          entity = fk.refTable;
        }
        return row ? (row[parts[parts.length - 1] as string] ?? null) : null;
      };
    };
    const kindOf = (path: string): string | undefined => {
      const field = path.split('.').pop();
      return compiled.tables.flatMap((t) => t.columns).find((col) => col.name === field)?.kind;
    };
    const test = compileExpression(parseExpression(c.rule), resolve, {
      now: compiled.now,
      coerceLiteral: (path, lit) => {
        const kind = kindOf(path);
        return kind === 'date' || kind === 'timestamp' ? (parseInstant(lit) ?? lit) : lit;
      },
    });
    (tables.get(c.entity) ?? []).forEach((r, i) => {
      current = r;
      if (test(i, []) === false) add(`${c.entity}[${i}] breaks "${c.rule}": ${JSON.stringify(r)}`);
    });
  }
  return found;
}
