/**
 * @module Exact copies on whole output rows, for tables with generated keys or foreign keys: once
 * keys are assigned, a synthetic row whose every non-PII cell equals a real row's is drawn again
 * (its modelled attributes; keys stay), so no output row repeats a real one.
 */
import type { CellValue } from '../../quality/read/index.js';
import type { SampleTable } from '../table.js';
import { drawAccepted, type FittedTable, type SampleRowsOptions } from './table-model.js';

const cellKey = (v: CellValue): string => (v === null ? '\u2205' : `${typeof v}:${String(v)}`);

/**
 * Redraws the rows of `out` that copy a real row; returns how many draws were rejected. Attempts
 * continue after the ones sampling used, so the redraws are new.
 */
export function replaceCopies(fitted: FittedTable, out: SampleTable, o: SampleRowsOptions): number {
  const real = fitted.table;
  const compared = real.columns.flatMap((c, i) => (fitted.roles.pii.has(c.name) ? [] : [i]));
  const attributes = fitted.columns.flatMap((m, i) => (m.role === 'attribute' ? [i] : []));
  // Rows of keys alone carry nothing from the sample (keys are made anew), and redrawing could not change them.
  if (attributes.length === 0) return 0;
  const keyOf = (t: SampleTable, r: number): string =>
    compared.map((i) => cellKey(t.columns[i]!.values[r] ?? null)).join('\u0001');
  const seen = new Set<string>();
  for (let r = 0; r < real.rows; r++) seen.add(keyOf(real, r));
  const row = new Float64Array(fitted.columns.length);
  let rejected = 0;
  for (let r = 0; r < out.rows; r++) {
    if (!seen.has(keyOf(out, r))) continue;
    rejected +=
      1 +
      drawAccepted(fitted, r, o.maxAttempts, row, o, (v) => {
        for (const i of attributes) {
          const m = fitted.columns[i]!;
          out.columns[m.column]!.values[r] = m.codec.cell(v[i]!);
        }
        return !seen.has(keyOf(out, r));
      });
  }
  return rejected;
}
