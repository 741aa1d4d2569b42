/**
 * @module Field paths read by bounds, expressions and rules: `field` of the row or
 * `ref.field[.field...]` of a referenced row, compiled (dependencies first) into getters.
 */
import { didYouMean } from '../dsl/did-you-mean.js';
import type { EntityDoc } from '../dsl/model.js';
import { TdmError } from '../errors/index.js';
import type { Getter, Value } from '../expr/index.js';
import type { ColumnKind } from '../values/index.js';
import { consequence } from './consequence.js';
import type { FieldContext, FieldState } from './field-state.js';
import type { EntityRuntime } from './runtime.js';

/** A getter for `field` or `ref.field[.field...]`, compiling what it needs first. */
export function resolvePath(ctx: FieldContext, st: FieldState, path: string, stack: string[]): Getter {
  const parts = path.split('.');
  const first = ctx.states.get(`${st.entity}.${parts[0]}`);
  const fields = Object.keys((ctx.doc.entities[st.entity] as EntityDoc).fields);
  if (!first) {
    throw new TdmError(
      'SCHEMA_FIELD_UNKNOWN',
      `${st.path}: ${st.entity} has no field "${parts[0]}"${didYouMean(parts[0] ?? '', fields)}`,
    );
  }
  if (first === st)
    throw new TdmError('SCHEMA_DEPENDENCY_CYCLE', `${st.path}: a field cannot depend on itself`);
  ctx.compileField(first, stack);
  if (first.status === 'failed')
    throw consequence('SCHEMA_FIELD_UNKNOWN', `${st.path}: depends on invalid field ${parts[0]}`);
  st.deps.add(first.field);
  const rt = ctx.runtimes.get(st.entity) as EntityRuntime;
  const slot = first.slot;
  if (parts.length === 1) return (_row, out) => out[slot] as Value;
  // Walk the reference chain: each hop must be a ref field.
  const hops: { rt: EntityRuntime; refSlot: number }[] = [];
  let cur = first;
  let curRt = rt;
  for (let i = 1; i < parts.length; i++) {
    if (!cur.ref) {
      throw new TdmError(
        'SCHEMA_FIELD_UNKNOWN',
        `${st.path}: "${parts.slice(0, i).join('.')}" is not a reference, so "${path}" cannot be read`,
      );
    }
    hops.push({ rt: curRt, refSlot: cur.slot });
    const parentEntity = cur.ref.entity;
    const next = ctx.states.get(`${parentEntity}.${parts[i]}`);
    if (!next) {
      const pf = Object.keys((ctx.doc.entities[parentEntity] as EntityDoc).fields);
      throw new TdmError(
        'SCHEMA_FIELD_UNKNOWN',
        `${st.path}: ${parentEntity} has no field "${parts[i]}"${didYouMean(parts[i] ?? '', pf)}`,
      );
    }
    ctx.compileField(next, stack);
    if (next.status === 'failed')
      throw consequence(
        'SCHEMA_FIELD_UNKNOWN',
        `${st.path}: depends on invalid field ${parentEntity}.${parts[i]}`,
      );
    cur = next;
    curRt = ctx.runtimes.get(parentEntity) as EntityRuntime;
  }
  const targetRt = curRt;
  const targetSlot = cur.slot;
  const firstHop = hops[0] as { rt: EntityRuntime; refSlot: number };
  const later = hops.slice(1);
  return () => {
    let p = firstHop.rt.frame.refIdx[firstHop.refSlot] as number;
    for (let i = 0; i < later.length && p >= 0; i++) {
      const h = later[i] as { rt: EntityRuntime; refSlot: number };
      p = h.rt.refIndexAt(h.refSlot, p);
    }
    return p < 0 ? null : targetRt.valueAt(targetSlot, p);
  };
}

export function kindOfPath(ctx: FieldContext, entity: string, path: string): ColumnKind | undefined {
  const parts = path.split('.');
  let st = ctx.states.get(`${entity}.${parts[0]}`);
  for (let i = 1; st && i < parts.length; i++)
    st = st.ref ? ctx.states.get(`${st.ref.entity}.${parts[i]}`) : undefined;
  return st && st.status === 'done' ? st.kind : undefined;
}
