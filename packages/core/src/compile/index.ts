/** @module The compiler: schema document -> table plans + row runtimes. */
export { compileSchema } from './compile-schema.js';
export { resolveNow, type CompileOptions, type CompiledSchema } from './options.js';
export { didYouMean } from '../dsl/did-you-mean.js';
export { EntityRuntime } from './runtime.js';
export type { ColumnSpec, ForeignKeySpec, TablePlan } from './types.js';
