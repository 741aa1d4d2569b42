/** @module Schema validation for users: every problem at once. */
export { validateSchema, type ValidationResult } from './validate-schema.js';
