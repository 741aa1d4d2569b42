/** @module `tdm validate`: every problem of a schema, as text or JSON. */
import { validateSchema, type ValidationResult } from '@tdm/core';
import { todayUtc } from '../flags.js';
import { readSchemaFile } from '../read-input.js';

/** Validates against the same "now" generate would use, so both agree on relative bounds. */
export async function validate(schemaPath: string, now?: number): Promise<ValidationResult> {
  return validateSchema(await readSchemaFile(schemaPath), { now: now ?? todayUtc() });
}
