/**
 * @module validateSchema: every problem of a schema at once, each with a stable code, the path,
 * the message and a suggested fix. Never throws on bad input.
 */
import { compileSchema, type CompileOptions } from '../compile/index.js';
import { parseSchema } from '../dsl/index.js';
import type { SchemaDoc } from '../dsl/index.js';
import { isTdmError, problem, type Problem } from '../errors/index.js';

export interface ValidationResult {
  valid: boolean;
  problems: Problem[];
  /** Rows per entity when valid. */
  rowCounts?: Record<string, number>;
}

/** A fixed instant so validation does not depend on the clock (relative bounds only shift). */
const VALIDATION_NOW = Date.UTC(2000, 0, 1);

/**
 * Validates a schema given as YAML/JSON text, a plain object or a parsed SchemaDoc.
 * @example
 *   const { valid, problems } = validateSchema(text);
 *   for (const p of problems) console.log(p.code, p.path, p.message, p.suggestion);
 */
export function validateSchema(input: string | unknown, options: CompileOptions = {}): ValidationResult {
  let doc: SchemaDoc;
  try {
    doc = parseSchema(input);
  } catch (e) {
    return { valid: false, problems: asProblems(e) };
  }
  try {
    const compiled = compileSchema(doc, { now: VALIDATION_NOW, ...options });
    return {
      valid: true,
      problems: [],
      rowCounts: Object.fromEntries(compiled.tables.map((t) => [t.name, t.rowCount])),
    };
  } catch (e) {
    return { valid: false, problems: asProblems(e) };
  }
}

function asProblems(e: unknown): Problem[] {
  if (isTdmError(e))
    return e.problems.length ? e.problems : [problem(e.code, '', e.message, e.suggestedActions[0])];
  return [problem('INTERNAL_ERROR', '', `unexpected error: ${(e as Error).message}`)];
}
