/**
 * @module Turns declared constraints into generation: comparisons become bounds of the field they
 * constrain (so "ship_date >= order_date" holds by construction), "if C then X is (not) null"
 * gates X's nulls, and every rule is still checked per row (retrying with fresh draws when a rule
 * fails), so any rule the expression language can state is honoured.
 */
import type { Expr } from '../expr/index.js';

export interface DerivedBound {
  field: string;
  option: 'min' | 'max';
  /** A field path or a literal the bound reads. */
  source: string | number;
}

export interface NullGate {
  field: string;
  /** The rule's condition, as an expression. */
  when: Expr;
  /** true: X is never null when the condition holds; false: X is always null then. */
  notNull: boolean;
}

const BOUNDABLE = new Set(['integer', 'decimal', 'date', 'timestamp', 'time']);

/** Splits a rule on top-level `and`. */
function conjuncts(e: Expr): Expr[] {
  return e.k === 'bin' && e.op === 'and' ? [...conjuncts(e.l), ...conjuncts(e.r)] : [e];
}

function operand(e: Expr): string | number | null {
  if (e.k === 'ref') return e.path;
  if (e.k === 'lit' && (typeof e.v === 'number' || typeof e.v === 'string')) return e.v;
  if (e.k === 'unary' && e.op === '-' && e.e.k === 'lit' && typeof e.e.v === 'number') return -e.e.v;
  return null;
}

/**
 * Finds bounds a rule implies. `typeOf` gives the generator type of a same-row field (undefined
 * for unknown fields, refs and derived fields, which cannot take bounds).
 */
export function deriveFromRule(
  rule: Expr,
  typeOf: (field: string) => string | undefined,
): {
  bounds: DerivedBound[];
  gates: NullGate[];
} {
  const bounds: DerivedBound[] = [];
  const gates: NullGate[] = [];
  const boundable = (p: string | number | null): p is string =>
    typeof p === 'string' && !p.includes('.') && BOUNDABLE.has(typeOf(p) ?? '');
  for (const c of conjuncts(rule)) {
    if (
      c.k === 'if' &&
      c.else === null &&
      c.then.k === 'isnull' &&
      c.then.e.k === 'ref' &&
      !c.then.e.path.includes('.')
    ) {
      gates.push({ field: c.then.e.path, when: c.cond, notNull: c.then.not });
      continue;
    }
    if (c.k === 'between' && !c.not) {
      const x = operand(c.e);
      const lo = operand(c.lo);
      const hi = operand(c.hi);
      if (boundable(x) && lo !== null && hi !== null) {
        bounds.push({ field: x, option: 'min', source: lo }, { field: x, option: 'max', source: hi });
      }
      continue;
    }
    if (c.k !== 'bin' || !['<', '<=', '>', '>='].includes(c.op)) continue;
    const l = operand(c.l);
    const r = operand(c.r);
    if (l === null || r === null) continue;
    const lowerOnLeft = c.op === '>' || c.op === '>=';
    // Prefer bounding the left side; a field compared with a literal always takes the bound.
    if (boundable(l) && (typeof r === 'number' || typeof r === 'string')) {
      bounds.push({ field: l, option: lowerOnLeft ? 'min' : 'max', source: r });
    } else if (boundable(r)) {
      bounds.push({ field: r, option: lowerOnLeft ? 'max' : 'min', source: l });
    }
  }
  return { bounds, gates };
}
