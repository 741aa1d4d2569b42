/**
 * @module Reference fields: `{ ref: entity.field }` checked (the target exists and is a key, the
 * options are those of a reference, self references have roots) and turned into RefInfo.
 */
import { didYouMean } from '../dsl/did-you-mean.js';
import type { EntityDoc, SchemaDoc } from '../dsl/model.js';
import { problem, TdmError, type Problem } from '../errors/index.js';
import { consequence } from './consequence.js';
import type { RefInfo } from './refs.js';
import { COMMON_KEYS, type FieldContext, type FieldState } from './field-state.js';

const REF_KEYS = ['ref', 'nullRate', 'unique', 'primaryKey', 'description', 'pick', 'skew', 'tree'];

export function compileRefField(ctx: FieldContext, st: FieldState, stack: string[]): void {
  const doc = st.doc;
  if (doc.type !== undefined) {
    throw new TdmError('SCHEMA_TYPE_INVALID', `${st.path}: give either type or ref, not both`);
  }
  const unknownOptions = Object.keys(doc).filter((k) => !COMMON_KEYS.has(k));
  for (const k of unknownOptions) {
    ctx.report(
      problem(
        'SCHEMA_OPTION_UNKNOWN',
        `${st.path}.${k}`,
        `${st.path}.${k}: a reference has no option "${k}"${didYouMean(k, [...COMMON_KEYS])}`,
        `Options of a reference: ${REF_KEYS.join(', ')}.`,
      ),
    );
  }
  if (unknownOptions.length) throw consequence('SCHEMA_OPTION_UNKNOWN', `${st.path}: invalid options`);
  const [entity, field, ...rest] = String(doc.ref).split('.');
  if (!entity || !field || rest.length) {
    throw new TdmError('SCHEMA_REF_UNKNOWN', `${st.path}.ref: "${doc.ref}" is not of the form entity.field`);
  }
  if (!ctx.doc.entities[entity]) {
    throw new TdmError(
      'SCHEMA_REF_UNKNOWN',
      `${st.path}.ref: unknown entity "${entity}"${didYouMean(entity, Object.keys(ctx.doc.entities))}`,
    );
  }
  const target = ctx.states.get(`${entity}.${field}`);
  if (!target) {
    const fields = Object.keys((ctx.doc.entities[entity] as EntityDoc).fields);
    throw new TdmError(
      'SCHEMA_REF_UNKNOWN',
      `${st.path}.ref: ${entity} has no field "${field}"${didYouMean(field, fields)}`,
    );
  }
  if (!isKey(ctx.doc, entity, field)) {
    throw new TdmError(
      'SCHEMA_REF_UNKNOWN',
      `${st.path}.ref: ${entity}.${field} is not a primary key or unique field`,
      {
        suggestedActions: [
          `Mark ${entity}.${field} primaryKey or unique, or reference the key of ${entity}.`,
        ],
      },
    );
  }
  if (target.status === 'pending' && !(entity === st.entity && field === st.field))
    ctx.compileField(target, stack);
  if (target.status === 'failed')
    throw consequence('SCHEMA_REF_UNKNOWN', `${st.path}.ref: ${doc.ref} is itself invalid`);
  if (entity === st.entity && field === st.field) {
    throw new TdmError('SCHEMA_REF_UNKNOWN', `${st.path}.ref: a field cannot reference itself`);
  }
  st.kind = target.kind;
  st.value = target.value;
  const count = ctx.doc.entities[st.entity]?.count;
  const perParent =
    typeof count === 'object' && count.per === entity && firstRefTo(ctx.doc, st.entity, entity) === st.field;
  if (entity === st.entity && !doc.tree && !(doc.nullRate !== undefined && doc.nullRate > 0)) {
    throw new TdmError(
      'SCHEMA_SELF_REF_NOT_NULLABLE',
      `${st.path}: a self reference needs roots: set nullRate > 0 or tree: { maxDepth: N }`,
    );
  }
  if (doc.tree && entity !== st.entity) {
    throw new TdmError('SCHEMA_TYPE_INVALID', `${st.path}.tree: tree applies to self references only`);
  }
  if (doc.tree) st.nullable = true;
  if (entity === st.entity) st.nullable = true;
  st.ref = {
    entity,
    field,
    targetSlot: target.slot,
    perParent,
    nullRate: doc.nullRate ?? 0,
    pick: doc.pick ?? 'uniform',
    skew: doc.skew ?? 1.1,
    tree: doc.tree ?? null,
    unique: doc.unique === true,
  };
}

function firstRefTo(doc: SchemaDoc, entity: string, parent: string): string | undefined {
  const fields = (doc.entities[entity] as EntityDoc).fields;
  return Object.keys(fields).find((f) => String(fields[f]?.ref ?? '').split('.')[0] === parent);
}

function isKey(doc: SchemaDoc, entity: string, field: string): boolean {
  const e = doc.entities[entity] as EntityDoc;
  const f = e.fields[field];
  if (!f) return false;
  if (f.primaryKey || f.unique) return true;
  if (e.primaryKey?.length === 1 && e.primaryKey[0] === field) return true;
  return (e.unique ?? []).some((u) => u.length === 1 && u[0] === field);
}

/**
 * A required reference needs parent rows: with none, every child row would break its foreign
 * key (a count override or scale can empty a parent table).
 */
export function parentRowsProblem(
  st: FieldState,
  ref: RefInfo,
  rows: number,
  parents: number,
): Problem | null {
  if (parents > 0 || rows === 0 || ref.nullRate > 0 || ref.perParent || ref.entity === st.entity) return null;
  // A unique reference already reports its parent's rows as too few.
  if (st.doc.unique) return null;
  return problem(
    'SCHEMA_COUNT_INVALID',
    `${st.path}.ref`,
    `${st.path}.ref: ${st.entity} has ${rows} row(s) that must reference ${ref.entity}, but ${ref.entity} has no rows`,
    `Give ${ref.entity} rows, or make ${st.field} nullable (nullRate > 0).`,
  );
}
