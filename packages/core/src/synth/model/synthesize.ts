/**
 * @module Synthesis of a whole sample (`generateSyntheticData`): tables are fitted and then
 * sampled parents first; a parent's model carries, per relationship, a hidden column counting each
 * row's children, so a synthetic parent draws its number of children from real parents that look
 * like it, and the child table is laid out from those counts with foreign keys pointing at the
 * synthetic parents' new keys.
 */
import { TdmError } from '../../errors/index.js';
import type { CellValue } from '../../quality/read/index.js';
import { streamSeed } from '../../random/index.js';
import type { SampleTable } from '../table.js';
import { replaceCopies } from './copies.js';
import { childCounts, layoutChildren, parentContext, type ParentRows } from './children.js';
import { looksLikeKey, makeKeys } from './keys.js';
import { rowsFor, validateOptions, type ForeignKey, type SynthesisOptions } from './options.js';
import { piiValues, sexOfCell, type Sex } from './pii.js';
import { cellsOf, fitTable, sampleRows, type FittedTable, type TableRoles } from './table-model.js';

export interface SynthesisResult {
  tables: SampleTable[];
  /** Synthetic rows rejected by the privacy filter and drawn again, per table. */
  rejected: Record<string, number>;
}

export interface SynthesisModel {
  /** Draws synthetic tables (in the sample's table order). */
  sample(rows?: SynthesisOptions['rows'], seed?: number): SynthesisResult;
}

/** Tables ordered so every parent comes before its children. */
function parentsFirst(sample: readonly SampleTable[], fks: readonly ForeignKey[]): SampleTable[] {
  const out: SampleTable[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (t: SampleTable): void => {
    if (state.get(t.name) === 'done') return;
    if (state.get(t.name) === 'visiting') {
      throw new TdmError(
        'SYNTH_OPTIONS_INVALID',
        `foreignKeys: the tables form a cycle through "${t.name}"`,
        {
          suggestedActions: ['Declare foreign keys that form a tree of parents and children.'],
        },
      );
    }
    state.set(t.name, 'visiting');
    for (const fk of fks) if (fk.from.table === t.name) visit(sample.find((x) => x.name === fk.to.table)!);
    state.set(t.name, 'done');
    out.push(t);
  };
  sample.forEach(visit);
  return out;
}

const hiddenName = (i: number): string => `\u0000children:${i}`;

/** Fits a model of every table of the sample. */
export function fitSynthesizer(
  sample: readonly SampleTable[],
  options: SynthesisOptions = {},
): SynthesisModel {
  validateOptions(sample, options);
  const fks = options.foreignKeys ?? [];
  const seed = options.seed ?? 0;
  const method = options.method ?? 'sequential';
  const minDistance = options.privacy?.minDistance ?? 'auto';
  const fitted = new Map<string, FittedTable>();
  for (const t of parentsFirst(sample, fks)) {
    const roles: TableRoles = { pii: new Map(), keys: new Set(), foreignKeys: new Set(), hidden: [] };
    for (const p of options.pii ?? []) if (p.table === t.name) roles.pii.set(p.column, p.kind);
    fks.forEach((fk, i) => {
      if (fk.from.table === t.name) roles.foreignKeys.add(fk.from.column);
      if (fk.to.table !== t.name) return;
      roles.keys.add(fk.to.column);
      const child = sample.find((x) => x.name === fk.from.table)!;
      roles.hidden.push({ name: hiddenName(i), values: childCounts(t, child, fk) });
    });
    for (const c of t.columns) {
      if (
        !roles.pii.has(c.name) &&
        !roles.foreignKeys.has(c.name) &&
        looksLikeKey(c.name, c.type, c.values)
      ) {
        roles.keys.add(c.name);
      }
    }
    const primary = fks.find((fk) => fk.from.table === t.name);
    const context = primary
      ? parentContext(
          sample.find((x) => x.name === primary.to.table)!,
          t,
          primary,
          contextColumns(fitted.get(primary.to.table)!),
        )
      : [];
    fitted.set(t.name, fitTable(t, roles, { method, seed, minDistance, context }));
  }
  const order = parentsFirst(sample, fks);
  return {
    sample(rows = options.rows, sampleSeed = seed) {
      const o = { ...options, rows, seed: sampleSeed };
      validateOptions(sample, o);
      const made = new Map<string, SampleTable>();
      const parents = new Map<number, ParentRows>();
      const rejected: Record<string, number> = {};
      for (const t of order) {
        const f = fitted.get(t.name)!;
        const primary = fks.findIndex((fk) => fk.from.table === t.name);
        const layout = primary >= 0 ? layoutChildren(t, fks, parents, rowsFor(t, o), sampleSeed) : undefined;
        const n = layout ? layout.rows : (rowsFor(t, o) ?? t.rows);
        const so = {
          seed: sampleSeed,
          maxAttempts: options.privacy?.maxAttempts ?? 50,
          signal: options.signal,
          prefill:
            layout && made.get(fks[primary]!.to.table)
              ? prefillFromParent(f, made.get(fks[primary]!.to.table)!, layout.parentRow)
              : undefined,
        };
        const s = sampleRows(f, n, so);
        const table = decode(f, s.columns, n, sampleSeed, layout?.foreignKeys);
        rejected[t.name] = s.rejected + (f.filter?.exact ? 0 : replaceCopies(f, table, so));
        made.set(t.name, table);
        fks.forEach((fk, i) => {
          if (fk.to.table !== t.name) return;
          const h = f.columns.findIndex((m) => m.codec.name === hiddenName(i));
          const key = table.columns.find((c) => c.name === fk.to.column)!.values;
          parents.set(i, {
            keys: key,
            counts: Array.from(s.columns[h]!, (v) => Math.max(0, Math.round(v) || 0)),
          });
        });
      }
      return { tables: sample.map((t) => made.get(t.name)!), rejected };
    },
  };
}

/** The parent's modelled attribute columns, which condition its children's columns. */
function contextColumns(parent: FittedTable): string[] {
  return parent.columns.filter((m) => m.role === 'attribute').map((m) => m.codec.name);
}

/** Sets each child row's context columns from its synthetic parent's cells. */
function prefillFromParent(
  child: FittedTable,
  parent: SampleTable,
  parentRow: Int32Array,
): ((r: number, row: Float64Array) => void) | undefined {
  const slots = child.columns.flatMap((m, i) => (m.role === 'context' ? [i] : []));
  if (slots.length === 0) return undefined;
  const cells = slots.map((i) => parent.columns.find((c) => c.name === child.columns[i]!.codec.name)!.values);
  return (r, row) => {
    const p = parentRow[r]!;
    slots.forEach(
      (slot, k) => (row[slot] = child.columns[slot]!.codec.internalOf(p < 0 ? null : (cells[k]![p] ?? null))),
    );
  };
}

/** A modelled sex/gender column's synthetic values as the name generators' sex, if the table has one. */
function sexColumn(f: FittedTable, values: Float64Array[]): (Sex | undefined)[] | undefined {
  const i = f.table.columns.findIndex((c) => /^(sex|gender)$/i.test(c.name.trim()));
  const m = f.columns.findIndex((x) => x.column === i);
  if (i < 0 || m < 0) return undefined;
  return cellsOf(f.columns[m]!.codec, values[m]!).map(sexOfCell);
}

/** Turns sampled internal values into the table's columns. */
function decode(
  f: FittedTable,
  values: Float64Array[],
  n: number,
  seed: number,
  foreignKeys: Map<string, CellValue[]> | undefined,
): SampleTable {
  const t = f.table;
  const sexes = sexColumn(f, values);
  const columns = t.columns.map((c, i) => {
    let out: CellValue[];
    const m = f.columns.findIndex((x) => x.column === i);
    const kind = f.roles.pii.get(c.name);
    if (f.roles.foreignKeys.has(c.name)) out = foreignKeys?.get(c.name) ?? new Array<CellValue>(n).fill(null);
    else if (f.roles.keys.has(c.name)) out = makeKeys(c.values, c.type, n, seed, t.name);
    else if (kind !== undefined) {
      const codec = f.columns[m]!.codec;
      const present = Array.from(values[m]!, (v) => codec.cell(v) === true);
      out = piiValues(kind, `${t.name}.${c.name}`, c.type, c.values, present, streamSeed(seed, 'pii'), sexes);
    } else out = cellsOf(f.columns[m]!.codec, values[m]!);
    return { name: c.name, type: c.type, values: out };
  });
  return { name: t.name, rows: n, columns, truncated: false };
}

/**
 * Synthetic tables with the sample's statistics and relationships and none of its rows.
 *
 * @example
 * const [people] = generateSyntheticData([sample], {
 *   rows: 10_000,
 *   seed: 7,
 *   pii: [{ table: 'people', column: 'email', kind: 'email' }],
 * });
 */
export function generateSyntheticData(
  sample: readonly SampleTable[],
  options: SynthesisOptions = {},
): SampleTable[] {
  return fitSynthesizer(sample, options).sample().tables;
}
