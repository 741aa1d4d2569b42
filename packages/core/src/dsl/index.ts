/** @module The schema DSL: structure (zod), parsing (YAML/JSON), JSON Schema export. */
export * from './model.js';
export * from './quality.js';
export { parseSchema, parseSchemaText, MAX_SCHEMA_BYTES, MAX_SCHEMA_DEPTH } from './parse.js';
export { parseSchemaLenient, type LenientResult } from './lenient.js';
export { problemsFromZod } from './zod-problems.js';
export { didYouMean } from './did-you-mean.js';
export { dslJsonSchema } from './json-schema.js';
