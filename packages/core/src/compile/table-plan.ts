/** @module The table plan of a compiled entity: what writers, SQL DDL and loaders need. */
import type { EntityDoc } from '../dsl/model.js';
import type { ColumnKind, CompiledValue } from '../values/index.js';
import type { RefInfo } from './refs.js';
import type { ColumnSpec, TablePlan } from './types.js';

export interface PlannedField {
  field: string;
  kind: ColumnKind;
  value: CompiledValue | null;
  ref: RefInfo | null;
  /** The field may be null (nullRate, a nullable reference, or a gate that forces nulls). */
  nullable: boolean;
}

export function tablePlan(
  name: string,
  entity: EntityDoc,
  rowCount: number,
  fields: readonly PlannedField[],
  keys: { primaryKey: string[]; uniques: string[][] },
  deferred: Set<string>,
): TablePlan {
  const columns: ColumnSpec[] = fields.map((f) => ({
    name: f.field,
    kind: f.kind,
    ...(f.value?.scale !== undefined ? { scale: f.value.scale } : {}),
    ...(f.value?.maxLength !== undefined ? { maxLength: f.value.maxLength } : {}),
    nullable: !keys.primaryKey.includes(f.field) && f.nullable,
  }));
  const foreignKeys = fields.flatMap((f) =>
    f.ref
      ? [
          {
            columns: [f.field],
            refTable: f.ref.entity,
            refColumns: [f.ref.field],
            deferred: deferred.has(`${name}.${f.field}`),
          },
        ]
      : [],
  );
  return {
    name,
    rowCount,
    columns,
    primaryKey: keys.primaryKey,
    uniques: keys.uniques,
    foreignKeys,
    xml: { element: entity.xml?.element ?? name, row: entity.xml?.row ?? singular(name) },
  };
}

function singular(name: string): string {
  if (name.endsWith('ies')) return name.slice(0, -3) + 'y';
  if (name.endsWith('ses')) return name.slice(0, -2);
  if (name.endsWith('s') && !name.endsWith('ss')) return name.slice(0, -1);
  return name + '_row';
}
