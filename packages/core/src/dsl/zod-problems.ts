/**
 * @module zod issues -> problems users can act on: the path of the offending key, the value found,
 * what is expected, and a "did you mean" for misspelt keys and options.
 */
import type { z } from 'zod';
import { problem, type ErrorCode, type Problem } from '../errors/index.js';
import { didYouMean } from './did-you-mean.js';
import {
  constraintSchema,
  entitySchema,
  perParentCountSchema,
  schemaDocSchema,
  treeSchema,
} from './model.js';

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

export function issuePath(path: Path): string {
  return path.reduce<string>(
    (acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc ? `${acc}.${String(k)}` : String(k)),
    '',
  );
}

/** The value at `path` in the raw input (undefined when absent). */
export function valueAt(raw: unknown, path: Path): unknown {
  let v = raw;
  for (const k of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[k as string];
  }
  return v;
}

/** Keys the object at `path` accepts, for "did you mean" on unknown keys. */
function knownKeys(path: Path): string[] {
  const [a, , c, , e] = path;
  if (path.length === 0) return Object.keys(schemaDocSchema.shape);
  if (a === 'entities' && path.length === 2) return Object.keys(entitySchema.shape);
  if (a === 'entities' && path.length === 3 && c === 'count') return Object.keys(perParentCountSchema.shape);
  if (a === 'entities' && path.length === 3 && c === 'xml') return ['element', 'row'];
  if (a === 'entities' && path.length === 5 && e === 'tree') return Object.keys(treeSchema.shape);
  if (a === 'constraints' && path.length === 2) return Object.keys(constraintSchema.shape);
  return [];
}

/** A short, readable form of a value for messages. */
export function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s = typeof v === 'string' ? `"${v}"` : JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

const TYPE_NAMES: Record<string, string> = {
  int: 'a whole number',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  object: 'a mapping',
  record: 'a mapping',
  array: 'a list',
};

function codeFor(path: Path): ErrorCode {
  return path[0] === 'entities' && path[2] === 'count' && path.length > 2
    ? 'SCHEMA_COUNT_INVALID'
    : 'SCHEMA_TYPE_INVALID';
}

export interface ZodProblemOptions {
  /** Path of `raw` in the schema, when it is a part of it (a field's generator options). */
  base?: string;
  /** Keys the object at the issue's path accepts (default: the DSL's own objects). */
  knownKeys?: readonly string[];
}

/** Maps zod issues to problems with stable codes, reading offending values from `raw`. */
export function problemsFromZod(
  error: z.ZodError,
  raw?: unknown,
  options: ZodProblemOptions = {},
): Problem[] {
  return error.issues.flatMap((issue) => fromIssue(issue as Issue, [], raw, options));
}

function joinPath(base: string | undefined, path: Path): string {
  const rest = issuePath(path);
  if (!base) return rest;
  if (!rest) return base;
  return rest.startsWith('[') ? base + rest : `${base}.${rest}`;
}

function fromIssue(issue: Issue, parent: Path, raw: unknown, options: ZodProblemOptions): Problem[] {
  const path = [...parent, ...issue.path];
  const at = joinPath(options.base, path);
  const value = valueAt(raw, path);
  const say = (code: ErrorCode, text: string, suggestion?: string): Problem[] => [
    problem(code, at, `${at || 'schema'}: ${text}`, suggestion),
  ];
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = options.knownKeys ?? knownKeys(path);
      return issue.keys.map((k) => {
        const keyPath = joinPath(options.base, [...path, k]);
        return problem(
          'SCHEMA_OPTION_UNKNOWN',
          keyPath,
          `${keyPath}: unknown key "${k}"${didYouMean(k, known)}`,
          known.length ? `Use one of: ${known.join(', ')}.` : undefined,
        );
      });
    }
    case 'invalid_union': {
      // Report the branch the value was meant for: a mapping means the object form.
      const branch = issue.errors.find((errs) =>
        errs.every((e) => !(e.code === 'invalid_type' && e.path.length === 0)),
      );
      if (branch && typeof value === 'object' && value !== null)
        return branch.flatMap((e) => fromIssue(e, path, raw, options));
      const numeric = issue.errors.find((errs) => errs.some((e) => e.code !== 'invalid_type'));
      if (numeric && typeof value === 'number')
        return numeric.flatMap((e) => fromIssue(e, path, raw, options));
      if (path[0] === 'entities' && path[2] === 'count') {
        return say(
          'SCHEMA_COUNT_INVALID',
          `${show(value)} is not a count: give a whole number of rows or a per-parent spec`,
          'Write e.g. `count: 500` or `count: { per: customers, distribution: poisson, mean: 5 }`.',
        );
      }
      return say(codeFor(path), `${show(value)} is not a valid value here`);
    }
    case 'invalid_value': {
      const options = issue.values.map((v) => String(v));
      return say(
        codeFor(path),
        `${show(value)} is not one of ${options.join(', ')}${didYouMean(String(value), options)}`,
      );
    }
    case 'invalid_type': {
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      if (value === undefined) return say(codeFor(path), `missing: expected ${expected}`);
      return say(codeFor(path), `expected ${expected}, got ${show(value)}`);
    }
    case 'too_big':
    case 'too_small': {
      const big = issue.code === 'too_big';
      const limit = String(big ? issue.maximum : issue.minimum);
      if (issue.origin === 'array' || issue.origin === 'string') {
        const unit = issue.origin === 'array' ? 'item(s)' : 'character(s)';
        return say(
          codeFor(path),
          `${show(value)} has too ${big ? 'many' : 'few'} ${unit} (${big ? 'at most' : 'at least'} ${limit})`,
        );
      }
      const bound =
        issue.inclusive === false
          ? `must be ${big ? 'less' : 'greater'} than ${limit}`
          : `${big ? 'at most' : 'at least'} ${limit}`;
      return say(codeFor(path), `${show(value)} is too ${big ? 'big' : 'small'} (${bound})`);
    }
    default:
      return say(codeFor(path), issue.message);
  }
}
