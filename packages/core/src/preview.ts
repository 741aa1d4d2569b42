/**
 * @module preview: the first rows of an entity as plain text cells, for a quick look.
 */
import { compileSchema, type CompileOptions, type EntityRuntime } from './compile/index.js';
import { didYouMean } from './compile/index.js';
import { parseSchema } from './dsl/index.js';
import { TdmError } from './errors/index.js';
import { valueText } from './format/index.js';
import { rowsOf } from './generate/index.js';

export interface PreviewResult {
  entity: string;
  columns: string[];
  rows: (string | null)[][];
  rowCount: number;
}

export function preview(
  schema: unknown,
  options: CompileOptions & { entity?: string; rows?: number },
): PreviewResult[] {
  const compiled = compileSchema(parseSchema(schema), options);
  const names = compiled.tables.map((t) => t.name);
  if (options.entity && !names.includes(options.entity)) {
    throw new TdmError(
      'INPUT_INVALID',
      `unknown entity "${options.entity}"${didYouMean(options.entity, names)}`,
      {
        suggestedActions: [`Use one of: ${names.join(', ')}.`],
      },
    );
  }
  const limit = options.rows ?? 10;
  return compiled.tables
    .filter((t) => !options.entity || t.name === options.entity)
    .map((t) => {
      const rt = compiled.runtimes.get(t.name) as EntityRuntime;
      const rows = rowsOf(rt, 0, Math.min(limit, t.rowCount)).map((r) =>
        r.map((v, i) => (v === null ? null : valueText(v, t.columns[i] as never))),
      );
      return { entity: t.name, columns: t.columns.map((c) => c.name), rows, rowCount: t.rowCount };
    });
}
