/** @module The compiler: schema document -> table plans + row runtimes. */
export { compileSchema, type CompileOptions, type CompiledSchema } from './compile-schema.js';
export { didYouMean } from '../dsl/did-you-mean.js';
export { EntityRuntime } from './runtime.js';
export type { ColumnSpec, ForeignKeySpec, TablePlan } from './types.js';
