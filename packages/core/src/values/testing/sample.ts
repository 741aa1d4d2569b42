/**
 * @module Test support for the value library: compiles tiny schemas around one field spec and
 * returns its first values, through the real compiler (so examples, options and unique keys are
 * exercised exactly as a user's schema would be).
 */
import { compileSchema, type EntityRuntime } from '../../compile/index.js';
import { parseSchema } from '../../dsl/index.js';
import { rowsOf } from '../../generate/index.js';
import { LocaleData } from '../locale-data.js';
import { getGenerator } from '../registry.js';
import type { CompileContext, CompiledValue, Value } from '../types.js';

/** The generation instant every sample uses (relative bounds such as -3y are measured from it). */
export const SAMPLE_NOW = '2026-01-01T00:00:00Z';

/**
 * Fields every sample row has, so examples can refer to them (`from: [first_name, last_name]`,
 * `customer_id.created_at`, `round(unit_price * quantity, 2)`).
 */
export const contextFields: Record<string, Record<string, unknown>> = {
  id: { type: 'sequence' },
  first_name: { type: 'person.firstName' },
  last_name: { type: 'person.lastName' },
  domain: { type: 'internet.domainName' },
  unit_price: { type: 'decimal', min: 1, max: 100 },
  quantity: { type: 'integer', min: 1, max: 5 },
  customer_id: { ref: 'customers.id' },
};

const customers = {
  count: 20,
  fields: {
    id: { type: 'uuid', primaryKey: true },
    created_at: { type: 'timestamp', min: '-3y', max: '-1y' },
  },
};

export interface SampleOptions {
  rows?: number;
  seed?: number;
  locale?: string;
}

/** A schema document with one entity per spec (`value` is the field under test). */
export function sampleSchema(specs: Record<string, Record<string, unknown>>, o: SampleOptions = {}): unknown {
  const entities: Record<string, unknown> = { customers };
  for (const [name, spec] of Object.entries(specs)) {
    entities[name] = { count: o.rows ?? 5, fields: { ...contextFields, value: spec } };
  }
  return { name: 'sample', seed: o.seed ?? 42, locale: o.locale ?? 'en', now: SAMPLE_NOW, entities };
}

/** The `value` column of every spec's entity: spec name -> values of rows 0..rows-1. */
export function sampleValues(
  specs: Record<string, Record<string, unknown>>,
  o: SampleOptions = {},
): Record<string, Value[]> {
  const compiled = compileSchema(parseSchema(sampleSchema(specs, o)));
  const out: Record<string, Value[]> = {};
  for (const name of Object.keys(specs)) {
    const rt = compiled.runtimes.get(name) as EntityRuntime;
    const table = compiled.tables.find((t) => t.name === name);
    const slot = table ? table.columns.findIndex((c) => c.name === 'value') : -1;
    out[name] = rowsOf(rt, 0, rt.count).map((r) => r[slot] as Value);
  }
  return out;
}

/** The values of one field spec. */
export function sampleField(spec: Record<string, unknown>, o: SampleOptions = {}): Value[] {
  return sampleValues({ field: spec }, o)['field'] as Value[];
}

/**
 * Compiles one generator outside any schema (to read its capacity or call `at` directly).
 * Options that read other fields are not available here.
 */
export function compileAlone(
  name: string,
  params: Record<string, unknown> = {},
  locale = 'en',
): CompiledValue {
  const def = getGenerator(name);
  if (!def) throw new Error(`no generator ${name}`);
  const ctx: CompileContext = {
    path: `entities.t.fields.${name}`,
    entity: 't',
    field: name,
    rowCount: 100,
    now: Date.parse(SAMPLE_NOW),
    seed: 42,
    locale: LocaleData.for(locale),
    resolve: () => {
      throw new Error('compileAlone cannot resolve fields');
    },
    kindOf: () => undefined,
    compileNested: () => {
      throw new Error('compileAlone cannot compile nested specs');
    },
  };
  return def.compile(def.params.parse(params), ctx);
}
