/**
 * @module A trial of a few rows of every table once a schema compiles: rules no row can satisfy
 * ("a > b" where a <= 10 and b >= 20, "status = 'z'" with no such value) are then reported as
 * problems of the schema, before any file is written, instead of failing mid-generation.
 */
import { problem, TdmError, type Problem } from '../errors/index.js';
import type { Value } from '../expr/index.js';
import type { EntityRuntime } from './runtime.js';
import type { TablePlan } from './types.js';

/** Rows tried per table: the first few and a spread over the rest. */
const TRIAL_ROWS = 8;

function trialRows(count: number): number[] {
  const rows = new Set<number>();
  for (let i = 0; i < Math.min(count, TRIAL_ROWS / 2); i++) rows.add(i);
  for (let k = 1; k <= TRIAL_ROWS / 2 && count > 0; k++)
    rows.add(Math.floor(((count - 1) * k) / (TRIAL_ROWS / 2)));
  return [...rows];
}

export function trialProblems(tables: readonly TablePlan[], runtimes: Map<string, EntityRuntime>): Problem[] {
  const problems: Problem[] = [];
  const reported = new Set<string>();
  for (const table of tables) {
    const rt = runtimes.get(table.name) as EntityRuntime;
    const out = new Array<Value>(rt.slotCount).fill(null);
    for (const row of trialRows(table.rowCount)) {
      try {
        rt.fill(row, out);
      } catch (e) {
        if (!(e instanceof TdmError)) throw e;
        const p = asProblem(e, table.name);
        if (!reported.has(p.path)) problems.push(p);
        reported.add(p.path);
        break;
      }
    }
  }
  return problems;
}

function asProblem(e: TdmError, table: string): Problem {
  const d = e.details as { entity?: string; row?: number; rule?: string; index?: number } | undefined;
  if (e.code === 'GENERATION_CONSTRAINT_UNSATISFIED' && d?.index !== undefined && d.index >= 0) {
    const at = `constraints[${d.index}].rule`;
    return problem(
      'SCHEMA_CONSTRAINT_CONFLICT',
      at,
      `${at}: "${d.rule}" cannot be satisfied: no values for ${d.entity} row ${d.row} met it in 100 attempts`,
      'Check the rule against the ranges and values of the fields it names; relax one of them.',
    );
  }
  return problem(e.code, `entities.${table}`, `entities.${table}: ${e.message}`, e.suggestedActions[0]);
}
