/**
 * @module JSON Schema checks for json fields through zod's `z.fromJSONSchema` (zod is already
 * core's validation library; it interprets the schema as data, no code generation or eval).
 */
import { z } from 'zod';
import { TdmError } from '../errors/index.js';
import type { CellValue } from './source.js';

/** Compiles a JSON Schema into a check over JSON text (or already-parsed scalars). */
export function jsonSchemaCheck(schema: Record<string, unknown>, at: string): (v: CellValue) => boolean {
  let zs: z.ZodType;
  try {
    zs = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
  } catch (e) {
    throw new TdmError('QUALITY_RULE_INVALID', `${at}: unsupported JSON Schema: ${(e as Error).message}`);
  }
  return (v) => {
    let value: unknown = v;
    if (typeof v === 'string') {
      try {
        value = JSON.parse(v);
      } catch {
        return false;
      }
    }
    return zs.safeParse(value).success;
  };
}
