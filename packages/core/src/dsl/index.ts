/** @module The schema DSL: structure (zod), parsing (YAML/JSON), JSON Schema export. */
export * from './model.js';
export { parseSchema, parseSchemaText, problemsFromZod, MAX_SCHEMA_BYTES } from './parse.js';
export { dslJsonSchema } from './json-schema.js';
