/** @module The compiler's state per field, and what field-level helpers need of the compiler. */
import type { FieldDoc, SchemaDoc } from '../dsl/model.js';
import { fieldCommonShape } from '../dsl/model.js';
import type { Problem } from '../errors/index.js';
import type { ColumnKind, CompiledValue } from '../values/index.js';
import type { RefInfo } from './refs.js';
import type { EntityRuntime } from './runtime.js';

/** Keys every field accepts (generator options are the others). */
export const COMMON_KEYS: ReadonlySet<string> = new Set(Object.keys(fieldCommonShape));

export interface FieldState {
  entity: string;
  field: string;
  path: string;
  doc: FieldDoc;
  slot: number;
  status: 'pending' | 'done' | 'failed';
  kind: ColumnKind;
  value: CompiledValue | null;
  ref: RefInfo | null;
  deps: Set<string>;
  nullable: boolean;
}

export interface FieldContext {
  readonly doc: SchemaDoc;
  readonly states: Map<string, FieldState>;
  readonly runtimes: Map<string, EntityRuntime>;
  /** Compiles a field (and what it depends on) unless already done. */
  compileField(st: FieldState, stack: string[]): void;
  report(p: Problem): void;
}

/** A pseudo field state standing for a rule: it reads fields (its deps) but is none. */
export function ruleReaderState(entity: string, path: string): FieldState {
  return {
    entity,
    field: '#check',
    path,
    doc: {},
    slot: -1,
    status: 'done',
    kind: 'boolean',
    value: null,
    ref: null,
    deps: new Set(),
    nullable: false,
  };
}
