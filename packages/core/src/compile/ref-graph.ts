/**
 * @module The graph of references between entities: load order for SQL (parents first) and
 * cycles. A cycle is allowed only when one of its references is nullable; that reference is then
 * "deferred" (enforced after the data is loaded).
 */
import { problem, type Problem } from '../errors/index.js';

export interface RefEdge {
  from: string;
  field: string;
  to: string;
  nullable: boolean;
}

export interface RefOrder {
  order: string[];
  /** `entity.field` of references that close cycles. */
  deferred: Set<string>;
  problems: Problem[];
}

export function orderEntities(entities: string[], edges: RefEdge[]): RefOrder {
  const active = edges.filter((e) => e.from !== e.to);
  const deferred = new Set<string>();
  const problems: Problem[] = [];
  const order: string[] = [];
  const remaining = new Set(entities);
  while (remaining.size > 0) {
    const ready = [...remaining].filter((n) =>
      active.every((e) => e.from !== n || !remaining.has(e.to) || deferred.has(`${e.from}.${e.field}`)),
    );
    if (ready.length > 0) {
      for (const n of ready) {
        order.push(n);
        remaining.delete(n);
      }
      continue;
    }
    // Stuck: every remaining entity waits on another. Find one cycle and break it.
    const cycle = findCycle(
      [...remaining],
      active.filter(
        (e) => remaining.has(e.from) && remaining.has(e.to) && !deferred.has(`${e.from}.${e.field}`),
      ),
    );
    const breakable = cycle.find((e) => e.nullable);
    if (breakable) {
      deferred.add(`${breakable.from}.${breakable.field}`);
      continue;
    }
    const path = cycle.map((e) => `${e.from}.${e.field}`).join(' -> ') + ` -> ${cycle[0]?.from}`;
    problems.push(
      problem(
        'SCHEMA_CYCLE',
        `entities.${cycle[0]?.from}.fields.${cycle[0]?.field}.ref`,
        `references form a cycle with no nullable reference: ${path}`,
        `Make one of ${cycle.map((e) => `${e.from}.${e.field}`).join(', ')} nullable (nullRate > 0).`,
      ),
    );
    for (const e of cycle) deferred.add(`${e.from}.${e.field}`);
  }
  return { order, deferred, problems };
}

function findCycle(nodes: string[], edges: RefEdge[]): RefEdge[] {
  const out = new Map<string, RefEdge[]>();
  for (const e of edges) out.set(e.from, [...(out.get(e.from) ?? []), e]);
  const state = new Map<string, 'open' | 'done'>();
  const stack: RefEdge[] = [];
  const visit = (n: string): RefEdge[] | null => {
    state.set(n, 'open');
    for (const e of out.get(n) ?? []) {
      stack.push(e);
      if (state.get(e.to) === 'open') {
        const start = stack.findIndex((s) => s.from === e.to);
        return stack.slice(start);
      }
      if (!state.has(e.to)) {
        const found = visit(e.to);
        if (found) return found;
      }
      stack.pop();
    }
    state.set(n, 'done');
    return null;
  };
  for (const n of nodes) {
    if (!state.has(n)) {
      const c = visit(n);
      if (c) return c;
    }
  }
  return [];
}
