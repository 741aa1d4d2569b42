/** @module Request validation against the route's zod schemas: every bad path, all at once. */
import type { Issue } from '@tdm/contract';
import type { z } from 'zod';
import { ServerError } from '../errors.js';

type Part = 'params' | 'query' | 'body';

/** Parses each declared part; throws one REQUEST_INVALID listing the issues of all parts. */
export function validateParts(
  schemas: Partial<Record<Part, z.ZodType | undefined>>,
  input: Record<Part, unknown>,
): Record<Part, unknown> {
  const out: Record<Part, unknown> = { params: undefined, query: undefined, body: undefined };
  const issues: Issue[] = [];
  for (const part of ['params', 'query', 'body'] as const) {
    const schema = schemas[part];
    if (!schema) continue;
    const r = schema.safeParse(part === 'body' ? input.body : (input[part] ?? {}));
    if (r.success) out[part] = r.data;
    else {
      for (const i of r.error.issues) {
        issues.push({ path: [part, ...i.path.map(String)].join('.'), message: i.message, code: i.code });
      }
    }
  }
  if (issues.length > 0) {
    const list = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
    throw new ServerError('REQUEST_INVALID', `invalid request: ${list}`, { details: { issues } });
  }
  return out;
}
