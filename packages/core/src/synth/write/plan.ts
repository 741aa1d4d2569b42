/**
 * @module Table plans (what the format writers and SQL DDL need) for data that was read rather
 * than generated: one column per read column, typed from the reader's column types, with keys,
 * references and nullability taken from a DSL schema when one describes the data.
 */
import { compileSchema, type ColumnSpec, type TablePlan } from '../../compile/index.js';
import type { SchemaDoc } from '../../dsl/index.js';
import { TdmError } from '../../errors/index.js';
import type { ColumnInfo, ColumnType } from '../../quality/read/index.js';
import type { ColumnKind } from '../../values/index.js';

/**
 * Digits after the point of a `number` column. Read numbers are doubles of any precision, so no
 * fixed scale is exact; a scale above Parquet's DECIMAL cap (12) makes Parquet store DOUBLE, and
 * the text formats write the shortest exact text instead of a fixed scale (see cells.ts).
 */
export const NUMBER_SCALE = 15;

const KIND: Record<ColumnType, ColumnKind> = {
  string: 'string',
  integer: 'integer',
  number: 'decimal',
  boolean: 'boolean',
  date: 'date',
  timestamp: 'timestamp',
  json: 'json',
};

/** An entity to write: its name and read columns. */
export interface WriteEntity {
  name: string;
  columns: readonly ColumnInfo[];
}

function singular(name: string): string {
  return name.endsWith('s') && !name.endsWith('ss') ? name.slice(0, -1) : `${name}_row`;
}

function plainPlan(e: WriteEntity): TablePlan {
  return {
    name: e.name,
    rowCount: 0,
    columns: e.columns.map((c) => ({
      name: c.name,
      kind: KIND[c.type],
      ...(c.type === 'number' ? { scale: NUMBER_SCALE } : {}),
      nullable: true,
    })),
    primaryKey: [],
    uniques: [],
    foreignKeys: [],
    xml: { element: e.name, row: singular(e.name) },
  };
}

/**
 * The entity's plan with the schema's keys, references and NOT NULLs. Column kinds stay the read
 * types (the values are what the reader yields), except uuid, which only changes the SQL type.
 */
function schemaPlan(e: WriteEntity, declared: TablePlan, written: ReadonlySet<string>): TablePlan {
  const byName = new Map(declared.columns.map((c) => [c.name, c]));
  const missing = e.columns.filter((c) => !byName.has(c.name)).map((c) => c.name);
  if (missing.length) {
    throw new TdmError(
      'DATASET_COLUMNS_MISMATCH',
      `${e.name}: the schema has no field ${missing.map((m) => `"${m}"`).join(', ')}`,
      {
        suggestedActions: ['Write with the schema the data was made from, or without a schema.'],
        details: { entity: e.name, missing },
      },
    );
  }
  const base = plainPlan(e);
  const names = new Set(e.columns.map((c) => c.name));
  const columns: ColumnSpec[] = base.columns.map((c) => {
    const d = byName.get(c.name) as ColumnSpec;
    return {
      ...c,
      ...(d.kind === 'uuid' && c.kind === 'string' ? { kind: 'uuid' as const } : {}),
      nullable: d.nullable,
    };
  });
  const has = (cols: readonly string[]): boolean => cols.every((c) => names.has(c));
  return {
    ...base,
    columns,
    primaryKey: has(declared.primaryKey) ? declared.primaryKey : [],
    uniques: declared.uniques.filter(has),
    foreignKeys: declared.foreignKeys.filter((fk) => has(fk.columns) && written.has(fk.refTable)),
    xml: declared.xml,
  };
}

/**
 * Plans for the entities, in load order when a schema gives one (parents before children, as
 * SQL needs), else in the given order.
 */
export function planTables(entities: readonly WriteEntity[], schema?: SchemaDoc): TablePlan[] {
  if (!schema) return entities.map(plainPlan);
  const compiled = compileSchema(schema, { now: schema.now ?? '2000-01-01T00:00:00Z' });
  const declared = new Map(compiled.tables.map((t, i) => [t.name, { plan: t, order: i }]));
  const written = new Set(entities.map((e) => e.name));
  const unknown = entities.filter((e) => !declared.has(e.name)).map((e) => e.name);
  if (unknown.length) {
    throw new TdmError(
      'DATASET_COLUMNS_MISMATCH',
      `the schema has no entity ${unknown.map((u) => `"${u}"`).join(', ')} (it has ${[...declared.keys()].join(', ')})`,
      { details: { unknown } },
    );
  }
  const order = (e: WriteEntity): number => declared.get(e.name)!.order;
  return [...entities]
    .sort((a, b) => order(a) - order(b))
    .map((e) => schemaPlan(e, declared.get(e.name)!.plan, written));
}

/** A field of each type (only its kind matters to the reader; json needs some shape). */
const FIELD: Record<ColumnType, Record<string, unknown>> = {
  string: { type: 'string' },
  integer: { type: 'integer' },
  number: { type: 'decimal' },
  boolean: { type: 'boolean' },
  date: { type: 'date' },
  timestamp: { type: 'timestamp' },
  json: { type: 'json', shape: { value: { type: 'integer' } } },
};

/**
 * A minimal DSL schema that declares each column's type: give it to `openDataset(paths,
 * { schema })` to read a CSV back with exactly these types (a CSV column of digit strings would
 * otherwise read back as integers).
 */
export function columnsSchema(entities: readonly WriteEntity[], name = 'dataset'): SchemaDoc {
  return {
    name,
    entities: Object.fromEntries(
      entities.map((e) => [
        e.name,
        {
          count: 0,
          fields: Object.fromEntries(e.columns.map((c) => [c.name, { ...FIELD[c.type] }])),
        },
      ]),
    ),
  };
}
