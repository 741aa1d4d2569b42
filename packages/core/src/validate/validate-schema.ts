/**
 * @module validateSchema: every problem of a schema at once, each with a stable code, the path,
 * the message and a suggested fix. Never throws on bad input.
 */
import { compileSchema, type CompileOptions } from '../compile/index.js';
import { parseSchemaLenient, parseSchemaText } from '../dsl/index.js';
import { isTdmError, problem, type Problem } from '../errors/index.js';
import { qualitySectionProblems } from '../quality/index.js';

export interface ValidationResult {
  valid: boolean;
  problems: Problem[];
  /** Rows per entity when valid. */
  rowCounts?: Record<string, number>;
}

/**
 * The instant relative bounds are checked at when neither the options nor the schema give one.
 * Fixed, so validation does not depend on the clock; callers that know the generation instant
 * (the CLI, the server) should pass it, since a schema mixing absolute and relative bounds can be
 * valid at one instant and not at another.
 */
const VALIDATION_NOW = Date.UTC(2000, 0, 1);

/**
 * Validates a schema given as YAML/JSON text, a plain object or a parsed SchemaDoc.
 * @example
 *   const { valid, problems } = validateSchema(text, { now: Date.now() });
 *   for (const p of problems) console.log(p.code, p.path, p.message, p.suggestion);
 */
export function validateSchema(input: string | unknown, options: CompileOptions = {}): ValidationResult {
  try {
    const raw = typeof input === 'string' ? parseSchemaText(input) : input;
    const { doc, problems, setAside } = parseSchemaLenient(raw);
    if (!doc) return { valid: false, problems };
    try {
      problems.push(...qualitySectionProblems(doc));
      const compiled = compileSchema(doc, { ...options, now: options.now ?? doc.now ?? VALIDATION_NOW });
      if (problems.length > 0) return { valid: false, problems };
      return {
        valid: true,
        problems: [],
        rowCounts: Object.fromEntries(compiled.tables.map((t) => [t.name, t.rowCount])),
      };
    } catch (e) {
      // What was set aside is already reported; problems under it would only repeat that.
      const under = (p: Problem): boolean =>
        setAside.some((a) => p.path === a || p.path.startsWith(`${a}.`) || p.path.startsWith(`${a}[`));
      return { valid: false, problems: [...problems, ...asProblems(e).filter((p) => !under(p))] };
    }
  } catch (e) {
    return { valid: false, problems: asProblems(e) };
  }
}

function asProblems(e: unknown): Problem[] {
  if (isTdmError(e))
    return e.problems.length ? e.problems : [problem(e.code, '', e.message, e.suggestedActions[0])];
  return [problem('INTERNAL_ERROR', '', `unexpected error: ${(e as Error).message}`)];
}
