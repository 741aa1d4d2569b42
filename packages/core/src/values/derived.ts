/**
 * @module Values derived from other fields of the same row or of a referenced parent row:
 * `template` ("{first_name} {last_name}") and `expression` ("round(amount * 1.2, 2)").
 */
import { z } from 'zod';
import { TdmError } from '../errors/index.js';
import { compileExpression, parseExpression, type Getter } from '../expr/index.js';
import { defineGenerator, type ColumnKind, type CompileContext, type Value } from './types.js';

function compileIn(src: string, ctx: CompileContext, option: string): Getter {
  try {
    return compileExpression(parseExpression(src), (path) => ctx.resolve(path), { now: ctx.now });
  } catch (e) {
    if (e instanceof TdmError)
      throw new TdmError(e.code, `${ctx.path}.${option}: ${e.message}`, { details: e.details });
    throw e;
  }
}

export const template = defineGenerator({
  name: 'template',
  description: 'Text with {expressions} over fields of the row or of a parent row.',
  example: { type: 'template', template: '{upper(substr(last_name, 0, 3))}-{id}' },
  params: z
    .object({
      template: z.string().max(4096).describe('Text where each {expression} is replaced by its value.'),
    })
    .strict(),
  compile(p, ctx) {
    const parts: (string | Getter)[] = [];
    const re = /\{([^{}]+)\}/g;
    let last = 0;
    for (let m = re.exec(p.template); m; m = re.exec(p.template)) {
      if (m.index > last) parts.push(p.template.slice(last, m.index));
      parts.push(compileIn(m[1] as string, ctx, 'template'));
      last = m.index + m[0].length;
    }
    if (last < p.template.length) parts.push(p.template.slice(last));
    return {
      kind: 'string',
      draw: (_rng, row, out) => {
        let s = '';
        for (let i = 0; i < parts.length; i++) {
          const part = parts[i] as string | Getter;
          if (typeof part === 'string') s += part;
          else {
            const v = part(row, out);
            if (v !== null) s += typeof v === 'object' ? JSON.stringify(v) : String(v);
          }
        }
        return s;
      },
    };
  },
});

const kinds = ['string', 'integer', 'decimal', 'boolean', 'date', 'time', 'timestamp', 'json'] as const;

export const expression = defineGenerator({
  name: 'expression',
  description: 'A value computed from other fields: arithmetic, comparisons, string and date functions.',
  example: { type: 'expression', expr: 'round(unit_price * quantity, 2)', as: 'decimal' },
  params: z
    .object({
      expr: z.string().max(4096).describe('The expression (see the expression reference).'),
      as: z.enum(kinds).optional().describe('Column type of the result (default decimal for numbers).'),
      scale: z
        .number()
        .int()
        .min(0)
        .max(12)
        .optional()
        .describe('Digits after the point for decimal (default 2).'),
    })
    .strict(),
  compile(p, ctx) {
    const get = compileIn(p.expr, ctx, 'expr');
    const kind: ColumnKind = p.as ?? 'decimal';
    const scale = p.scale ?? 2;
    const f = 10 ** scale;
    const draw =
      kind === 'integer'
        ? (_r: unknown, row: number, out: Value[]) => {
            const v = get(row, out);
            return v === null ? null : Math.round(Number(v));
          }
        : kind === 'decimal'
          ? (_r: unknown, row: number, out: Value[]) => {
              const v = get(row, out);
              return v === null ? null : Math.round(Number(v) * f) / f;
            }
          : kind === 'string'
            ? (_r: unknown, row: number, out: Value[]) => {
                const v = get(row, out);
                return v === null ? null : String(v);
              }
            : kind === 'boolean'
              ? (_r: unknown, row: number, out: Value[]) => {
                  const v = get(row, out);
                  return v === null ? null : Boolean(v);
                }
              : (_r: unknown, row: number, out: Value[]) => get(row, out);
    return { kind, ...(kind === 'decimal' ? { scale } : {}), draw };
  },
});
