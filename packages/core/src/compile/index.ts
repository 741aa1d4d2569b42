/** @module The compiler: schema document -> table plans + row runtimes. */
export { compileSchema, didYouMean, type CompileOptions, type CompiledSchema } from './compile-schema.js';
export { EntityRuntime } from './runtime.js';
export type { ColumnSpec, ForeignKeySpec, TablePlan } from './types.js';
