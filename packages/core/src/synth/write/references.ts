/**
 * @module Relationships between written tables (a synthesizer's foreign keys) as SQL constraints:
 * the referenced column becomes its table's primary key (or a unique key when it has another),
 * the referencing column a foreign key, and tables are ordered parents first so data.sql loads
 * in order. A reference that closes a cycle is deferred, as generation does it.
 */
import type { TablePlan } from '../../compile/index.js';
import { TdmError } from '../../errors/index.js';

export interface WriteReference {
  from: { table: string; column: string };
  to: { table: string; column: string };
}

function check(plans: readonly TablePlan[], ref: { table: string; column: string }, at: string): TablePlan {
  const plan = plans.find((p) => p.name === ref.table);
  if (!plan || !plan.columns.some((c) => c.name === ref.column)) {
    throw new TdmError(
      'DATASET_COLUMNS_MISMATCH',
      `${at}: ${plan ? `table "${ref.table}" has no column "${ref.column}"` : `no table "${ref.table}" is written`}`,
      { suggestedActions: ['Reference tables and columns of the written data only.'] },
    );
  }
  return plan;
}

/** The plans with the references declared, parents first. */
export function withReferences(plans: readonly TablePlan[], refs: readonly WriteReference[]): TablePlan[] {
  if (refs.length === 0) return [...plans];
  const out = new Map(plans.map((p) => [p.name, { ...p, columns: [...p.columns], uniques: [...p.uniques] }]));
  refs.forEach((r, i) => {
    check(plans, r.from, `references[${i}].from`);
    check(plans, r.to, `references[${i}].to`);
    const parent = out.get(r.to.table)!;
    const key = [r.to.column];
    if (parent.primaryKey.length === 0) {
      parent.primaryKey = key;
      parent.columns = parent.columns.map((c) => (c.name === r.to.column ? { ...c, nullable: false } : c));
    } else if (
      parent.primaryKey.join() !== key.join() &&
      !parent.uniques.some((u) => u.join() === key.join())
    ) {
      parent.uniques.push(key);
    }
  });
  const order: TablePlan[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string): void => {
    if (state.has(name)) return;
    state.set(name, 'visiting');
    const plan = out.get(name)!;
    plan.foreignKeys = [
      ...plan.foreignKeys,
      ...refs
        .filter((r) => r.from.table === name)
        .map((r) => {
          const cycle = state.get(r.to.table) === 'visiting';
          if (!cycle) visit(r.to.table);
          return {
            columns: [r.from.column],
            refTable: r.to.table,
            refColumns: [r.to.column],
            deferred: cycle,
          };
        }),
    ];
    state.set(name, 'done');
    order.push(plan);
  };
  plans.forEach((p) => visit(p.name));
  return order;
}
