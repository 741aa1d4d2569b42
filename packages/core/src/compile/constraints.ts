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

/**
 * Bounds are inclusive; for a strict comparison with a number, the bound moves one step (1 for
 * integers, one unit of the scale for decimals) past the literal, so values drawn by construction
 * (unique ones, which cannot be retried) never sit on it.
 */
function excludeLiteral(
  source: string | number,
  option: 'min' | 'max',
  type: string | undefined,
  scale: number | undefined,
): string | number {
  if (typeof source !== 'number' || (type !== 'integer' && type !== 'decimal')) return source;
  const digits = type === 'integer' ? 0 : (scale ?? 2);
  const units = source * 10 ** digits;
  // A small tolerance keeps literals already on the grid (0.1 * 100 = 10.000000000000002) on it.
  const k = option === 'min' ? Math.floor(units + 1e-9) + 1 : Math.ceil(units - 1e-9) - 1;
  return Number((k / 10 ** digits).toFixed(digits));
}

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
  scaleOf: (field: string) => number | undefined = () => undefined,
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
    const strict = c.op === '<' || c.op === '>';
    const bound = (field: string, option: 'min' | 'max', source: string | number): DerivedBound => ({
      field,
      option,
      source: strict ? excludeLiteral(source, option, typeOf(field), scaleOf(field)) : source,
    });
    // Prefer bounding the left side; a field compared with a literal always takes the bound.
    if (boundable(l)) bounds.push(bound(l, lowerOnLeft ? 'min' : 'max', r));
    else if (boundable(r)) bounds.push(bound(r, lowerOnLeft ? 'max' : 'min', l));
  }
  return { bounds, gates };
}
