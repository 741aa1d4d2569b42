/**
 * @module Splits a real sample into a training part and a holdout part before synthesis, so the
 * report can compare the synthetic rows' distance to the training rows with the distance of rows
 * the synthesizer never saw (the DCR baseline).
 */
import { TdmError } from '../../errors/index.js';
import type { SampleTable } from '../table.js';
import { sampleRows } from './dcr.js';

function pick(t: SampleTable, keep: (r: number) => boolean): SampleTable {
  const rows: number[] = [];
  for (let r = 0; r < t.rows; r++) if (keep(r)) rows.push(r);
  return {
    name: t.name,
    rows: rows.length,
    truncated: t.truncated,
    columns: t.columns.map((c) => ({ ...c, values: rows.map((r) => c.values[r] ?? null) })),
  };
}

/**
 * Puts round(rows * fraction) rows of each table, drawn with `seed`, in the holdout; the rest,
 * in their original order, train. Tables split independently: a child row may land in the
 * holdout while its parent trains, so use the split for per-table scores.
 *
 * @example
 * const { train, holdout } = splitHoldout(sample, 0.2, 42);
 * const report = validateSyntheticQuality(train, synthesize(train), { holdout });
 */
export function splitHoldout(
  tables: readonly SampleTable[],
  fraction: number,
  seed: number,
): { train: SampleTable[]; holdout: SampleTable[] } {
  if (!(fraction > 0 && fraction < 1)) {
    throw new TdmError(
      'SYNTH_OPTIONS_INVALID',
      `holdout fraction must be between 0 and 1 (exclusive), got ${fraction}`,
      {
        suggestedActions: ['Pass a fraction such as 0.2 (a fifth of the rows held out).'],
      },
    );
  }
  if (!Number.isInteger(seed)) {
    throw new TdmError('SYNTH_OPTIONS_INVALID', `holdout seed must be an integer, got ${seed}`, {
      suggestedActions: ['Pass an integer seed.'],
    });
  }
  const train: SampleTable[] = [];
  const holdout: SampleTable[] = [];
  tables.forEach((t, i) => {
    const held = new Uint8Array(t.rows);
    for (const r of sampleRows(t.rows, Math.round(t.rows * fraction), seed + i)) held[r] = 1;
    train.push(pick(t, (r) => held[r] === 0));
    holdout.push(pick(t, (r) => held[r] === 1));
  });
  return { train, holdout };
}
