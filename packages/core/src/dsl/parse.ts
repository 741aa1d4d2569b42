/**
 * @module Reading a schema: YAML or JSON text (or an object) -> a typed SchemaDoc, with every
 * structural problem reported by path. Input is bounded (size, nesting, alias expansion) so
 * hostile documents fail fast with a coded error.
 */
import { LineCounter, parseDocument } from 'yaml';
import { problem, TdmError } from '../errors/index.js';
import { schemaDocSchema, type SchemaDoc } from './model.js';
import { problemsFromZod } from './zod-problems.js';

/** Largest schema text accepted (1 MiB of UTF-8). */
export const MAX_SCHEMA_BYTES = 1024 * 1024;
/** Deepest nesting of mappings and lists accepted (a schema needs about 8). */
export const MAX_SCHEMA_DEPTH = 64;

function utf8Bytes(text: string): number {
  // Every UTF-16 unit is 1 to 3 UTF-8 bytes: measure exactly only near the limit.
  if (text.length * 3 <= MAX_SCHEMA_BYTES) return text.length;
  return new TextEncoder().encode(text).length;
}

/** Parses YAML or JSON text into a plain value; throws SCHEMA_PARSE_ERROR with line and column. */
export function parseSchemaText(text: string): unknown {
  const bytes = text.length > MAX_SCHEMA_BYTES ? text.length : utf8Bytes(text);
  if (bytes > MAX_SCHEMA_BYTES) {
    throw new TdmError('SCHEMA_TOO_LARGE', `schema is ${bytes} bytes; the limit is ${MAX_SCHEMA_BYTES}`, {
      details: { bytes, limit: MAX_SCHEMA_BYTES },
    });
  }
  checkTextDepth(text);
  const lines = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, lineCounter: lines });
  if (doc.errors.length > 0) {
    const err = doc.errors[0] as (typeof doc.errors)[number];
    const pos = lines.linePos(err.pos[0]);
    const where = ` at line ${pos.line}, column ${pos.col}`;
    throw new TdmError(
      'SCHEMA_PARSE_ERROR',
      `schema is not valid YAML/JSON${where}: ${err.message.split('\n')[0]}`,
      { details: { line: pos.line, column: pos.col } },
    );
  }
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new TdmError('SCHEMA_PARSE_ERROR', `schema could not be read: ${(e as Error).message}`);
  }
}

/**
 * Rejects flow collections nested deeper than MAX_SCHEMA_DEPTH before the YAML parser recurses
 * into them (`[[[[...` thousands deep would otherwise overflow its stack). Block nesting needs
 * indentation, so it cannot get deep within the size limit without flow brackets.
 */
function checkTextDepth(text: string): void {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\n') quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ''))) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '[' || c === '{') {
      if (++depth > MAX_SCHEMA_DEPTH) {
        const line = text.slice(0, i).split('\n').length;
        throw new TdmError(
          'SCHEMA_TOO_LARGE',
          `schema nests deeper than ${MAX_SCHEMA_DEPTH} levels at line ${line}`,
          { details: { line, limit: MAX_SCHEMA_DEPTH } },
        );
      }
    } else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
  }
}

function notAMapping(): TdmError {
  return new TdmError('SCHEMA_INVALID', 'a schema must be a mapping with an `entities` key', {
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

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Reads a schema from YAML/JSON text or an already-parsed object; throws SCHEMA_INVALID with
 * every structural problem.
 * @example
 *   const doc = parseSchema('entities:\n  users:\n    count: 10\n    fields:\n      id: { type: uuid, primaryKey: true }');
 */
export function parseSchema(input: string | unknown): SchemaDoc {
  const raw = typeof input === 'string' ? parseSchemaText(input) : input;
  if (!isMapping(raw)) throw notAMapping();
  const parsed = schemaDocSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = problemsFromZod(parsed.error, raw);
    throw new TdmError(
      'SCHEMA_INVALID',
      `${problems.length} problem(s) in the schema; first: ${problems[0]?.message}`,
      { problems },
    );
  }
  return parsed.data;
}

export { isMapping, notAMapping };
