/**
 * @module The contract between the value library and the compiler: a generator declares its
 * parameters once (a zod schema with descriptions) and compiles them into plain functions.
 */
import type { z } from 'zod';
import type { Getter, Value } from '../expr/index.js';
import type { Rng } from '../random/index.js';
import type { LocaleData } from './locale-data.js';

export type { Value, Getter };

/** The storage type of a column; writers and SQL DDL key off it. */
export type ColumnKind =
  'string' | 'integer' | 'decimal' | 'boolean' | 'date' | 'time' | 'timestamp' | 'uuid' | 'json';

/**
 * Temporal values travel as numbers: `date` and `timestamp` as epoch milliseconds (UTC),
 * `time` as milliseconds since midnight. `decimal` is a number rounded to `scale` digits.
 */
export interface CompiledValue {
  kind: ColumnKind;
  /** Digits after the decimal point, for `decimal`. */
  scale?: number;
  /** Longest string this generator can produce, when known (SQL DDL uses it). */
  maxLength?: number;
  /** Draws a value for `row`; may read fields computed earlier from `out`. */
  draw: (rng: Rng, row: number, out: Value[]) => Value;
  /** Size of a finite value space (enables `unique` and composite keys by bijection). */
  capacity?: number;
  /** The k-th value of that space, 0 <= k < capacity; distinct k give distinct values. */
  at?: (k: number, row: number, out: Value[]) => Value;
  /**
   * True when any bijection onto a domain at least as large as the row count will do (emails,
   * uuids): unique values then use a small domain (short email suffixes) instead of the full space.
   */
  compact?: boolean;
  /**
   * True when the value is a pure function of the row index already unique per row
   * (sequences, uuid v7): `unique` then needs no permutation.
   */
  uniqueByRow?: boolean;
}

export interface CompileContext {
  /** `entities.<e>.fields.<f>` for messages. */
  path: string;
  entity: string;
  field: string;
  /** Rows this entity will have (after scale and overrides). */
  rowCount: number;
  /** Generation instant, epoch ms. */
  now: number;
  /** The dataset seed mixed with this field's stable name. */
  seed: number;
  locale: LocaleData;
  /**
   * Resolves a field of this row (`order_date`) or of a referenced parent (`customer_id.created_at`)
   * and records the dependency, so that field is computed first.
   */
  resolve(path: string): Getter;
  /** The column kind behind a path, or undefined when the path is unknown. */
  kindOf(path: string): ColumnKind | undefined;
  /** Compiles a nested field spec (json shapes and arrays). */
  compileNested(spec: unknown, subPath: string): CompiledValue;
}

export interface GeneratorDef<P = Record<string, unknown>> {
  /** DSL name, e.g. `person.firstName`. */
  name: string;
  /** What it makes, one line (docs, CLI help). */
  description: string;
  /** A DSL example of a field using it. */
  example: Record<string, unknown>;
  /** The generator's options; strict, with `.describe()` on each. */
  params: z.ZodType<P>;
  compile(params: P, ctx: CompileContext): CompiledValue;
}

/** A generator with its parameter type erased, as stored in the registry. */
export interface AnyGeneratorDef {
  name: string;
  description: string;
  example: Record<string, unknown>;
  params: z.ZodType;
  compile(params: unknown, ctx: CompileContext): CompiledValue;
}

/** Declares a generator with its parameter types inferred from the zod schema. */
export function defineGenerator<S extends z.ZodType>(def: {
  name: string;
  description: string;
  example: Record<string, unknown>;
  params: S;
  compile(params: z.infer<S>, ctx: CompileContext): CompiledValue;
}): GeneratorDef<z.infer<S>> & AnyGeneratorDef {
  return def as GeneratorDef<z.infer<S>> & AnyGeneratorDef;
}
