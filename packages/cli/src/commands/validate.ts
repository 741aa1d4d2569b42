/** @module `tdm validate`: every problem of a schema, as text or JSON. */
import { validateSchema, type ValidationResult } from '@tdm/core';
import { readSchemaFile } from '../read-input.js';

export async function validate(schemaPath: string): Promise<ValidationResult> {
  return validateSchema(await readSchemaFile(schemaPath));
}
