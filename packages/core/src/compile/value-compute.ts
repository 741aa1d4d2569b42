/**
 * @module How a value field is computed per row: its generator's draw (or, for a member of a
 * unique group, the group's component), behind its nullRate and its null gates.
 *
 * Hot path: the returned closure runs once per row and allocates nothing.
 */
import type { Getter, Value } from '../expr/index.js';
import type { CompiledValue } from '../values/index.js';
import { isNullAt, type EntityRuntime, type FieldRuntime } from './runtime.js';

export interface ValueComputeSpec {
  value: CompiledValue;
  slot: number;
  rt: EntityRuntime;
  /** Member of a unique group: the value is the group component's `at`. */
  driven: boolean;
  nullRate: number;
  nullSeed: number;
  /** "if when then X is (not) null", compiled. */
  gates: { when: Getter; notNull: boolean }[];
}

export function valueCompute(s: ValueComputeSpec): FieldRuntime['compute'] {
  const { value, slot, rt, nullRate, nullSeed, gates } = s;
  const at = value.at;
  const draw: FieldRuntime['compute'] =
    s.driven && at ? (_rng, row, out) => at(rt.frame.comp[slot] as number, row, out) : value.draw;
  const isNull = (row: number): boolean => isNullAt(nullSeed, row, rt.frame.attempt, nullRate);
  if (gates.length > 0) {
    return (rng, row, out): Value => {
      let forceNull = false;
      let forbidNull = false;
      for (const g of gates) {
        if (g.when(row, out) === true) {
          if (g.notNull) forbidNull = true;
          else forceNull = true;
        }
      }
      if (forceNull) return null;
      if (!forbidNull && isNull(row)) return null;
      return draw(rng, row, out);
    };
  }
  if (nullRate > 0) return (rng, row, out) => (isNull(row) ? null : draw(rng, row, out));
  return draw;
}
