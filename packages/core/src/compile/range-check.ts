/**
 * @module The declared range of a field whose bounds rules extended, kept as a row check.
 *
 * A rule such as "ship_date >= order_date" becomes a lower bound of ship_date; when order_date
 * lands after ship_date's declared max, the bounds cross and the generator can only return a value
 * outside the declared range (or null, which would pass the rule vacuously). Checking the declared
 * range per row turns that into a retry, so such rows are redrawn rather than silently broken.
 */
import type { FieldDoc } from '../dsl/model.js';
import type { Value } from '../expr/index.js';
import { boundValue, resolveBound, type Bound } from '../values/index.js';
import type { ColumnKind, CompileContext } from '../values/index.js';
import type { CheckRuntime } from './runtime.js';

const KIND: Partial<Record<ColumnKind, 'number' | 'instant' | 'time'>> = {
  integer: 'number',
  decimal: 'number',
  date: 'instant',
  timestamp: 'instant',
  time: 'time',
};

/**
 * A check that the value is within the declared min/max and, when `mayBeNull` is false, not null
 * (unless a declared bound reads a null field: nulls propagate through field bounds by design).
 */
export function declaredRangeCheck(
  declared: FieldDoc,
  kind: ColumnKind,
  slot: number,
  mayBeNull: boolean,
  ctx: CompileContext,
  rule: { text: string; index: number },
): CheckRuntime | null {
  const boundKind = KIND[kind];
  if (!boundKind) return null;
  const lo: Bound | undefined = resolveBound(declared['min'], boundKind, ctx, 'min');
  const hi: Bound | undefined = resolveBound(declared['max'], boundKind, ctx, 'max');
  const test = (row: number, out: Value[]): Value => {
    const v = out[slot] ?? null;
    const a = lo ? boundValue(lo, row, out) : undefined;
    const b = hi ? boundValue(hi, row, out) : undefined;
    if (v === null) return mayBeNull || a === null || b === null;
    const x = Number(v);
    return (a === undefined || a === null || x >= a) && (b === undefined || b === null || x <= b);
  };
  return { rule: rule.text, index: rule.index, test };
}

/** A min/max naming a field (`order_date`, `customer_id.created_at + 1d`), not `now` or a date. */
const FIELD_BOUND = /^\s*(?!now\b)[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*\s*([+-].*)?$/;

/**
 * The range check of a value field: needed when a rule extended its bounds (`rule` names it) or
 * when its own bounds read other fields, which can cross in some rows even without a rule.
 */
export function fieldRangeCheck(
  own: FieldDoc,
  st: { field: string; kind: ColumnKind; slot: number },
  mayBeNull: boolean,
  ctx: CompileContext,
  rule: { text: string; index: number } | undefined,
): CheckRuntime | null {
  const readsFields = [own['min'], own['max']].some((b) => typeof b === 'string' && FIELD_BOUND.test(b));
  if (!rule && !readsFields) return null;
  return declaredRangeCheck(
    own,
    st.kind,
    st.slot,
    mayBeNull,
    ctx,
    rule ?? { text: `${st.field} between its min and max`, index: -1 },
  );
}
