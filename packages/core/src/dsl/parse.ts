/**
 * @module Reading a schema: YAML or JSON text (or an object) -> a typed SchemaDoc, with every
 * structural problem reported by path. Input is bounded (size, alias expansion) so hostile
 * documents fail fast with a coded error.
 */
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { problem, TdmError, type Problem } from '../errors/index.js';
import { schemaDocSchema, type SchemaDoc } from './model.js';

/** Largest schema text accepted (1 MiB). */
export const MAX_SCHEMA_BYTES = 1024 * 1024;

/** Parses YAML or JSON text into a plain value; throws SCHEMA_PARSE_ERROR with line and column. */
export function parseSchemaText(text: string): unknown {
  if (text.length > MAX_SCHEMA_BYTES) {
    throw new TdmError(
      'SCHEMA_TOO_LARGE',
      `schema is ${text.length} bytes; the limit is ${MAX_SCHEMA_BYTES}`,
    );
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const err = doc.errors[0] as (typeof doc.errors)[number];
    const pos = err.linePos?.[0];
    const where = pos ? ` at line ${pos.line}, column ${pos.col}` : '';
    throw new TdmError(
      'SCHEMA_PARSE_ERROR',
      `schema is not valid YAML/JSON${where}: ${(err.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`,
      {
        details: pos ? { line: pos.line, column: pos.col } : undefined,
      },
    );
  }
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new TdmError('SCHEMA_PARSE_ERROR', `schema could not be read: ${(e as Error).message}`);
  }
}

export function issuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc ? `${acc}.${String(k)}` : String(k)),
    '',
  );
}

/** Maps zod issues to problems with stable codes. */
export function problemsFromZod(error: z.ZodError): Problem[] {
  return error.issues.map((issue) => {
    const path = issuePath(issue.path);
    if (issue.code === 'unrecognized_keys') {
      return problem(
        'SCHEMA_OPTION_UNKNOWN',
        path,
        `${path || 'schema'}: unknown key(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`,
        'Remove the key or correct its spelling (see the DSL reference).',
      );
    }
    return problem('SCHEMA_TYPE_INVALID', path, `${path || 'schema'}: ${issue.message}`);
  });
}

/**
 * Reads a schema from YAML/JSON text or an already-parsed object.
 * @example
 *   const doc = parseSchema('entities:\n  users:\n    count: 10\n    fields:\n      id: { type: uuid, primaryKey: true }');
 */
export function parseSchema(input: string | unknown): SchemaDoc {
  const raw = typeof input === 'string' ? parseSchemaText(input) : input;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new TdmError('SCHEMA_INVALID', 'a schema must be a mapping with an `entities` key', {
      problems: [
        problem(
          'SCHEMA_TYPE_INVALID',
          '',
          'the document is not a mapping',
          'Start the schema with `entities:`.',
        ),
      ],
    });
  }
  const parsed = schemaDocSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = problemsFromZod(parsed.error);
    throw new TdmError(
      'SCHEMA_INVALID',
      `${problems.length} problem(s) in the schema; first: ${problems[0]?.message}`,
      { problems },
    );
  }
  return parsed.data;
}
