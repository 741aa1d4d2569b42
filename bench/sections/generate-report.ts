/** @module The `generate` section's printed report: one table of runs, one of figures and targets. */
import type { ChildResult } from '../lib/children.js';
import { int, renderTable } from '../lib/table.js';

export const TARGETS = { ratio1: 4, speedup2: 1.6, peakRssMb10M: 200 };

export interface Run extends ChildResult {
  label: string;
  customers: number;
  workers: number | null;
  rowsPerSec: number;
  peakRssMb: number;
}

export interface GenerateFigures {
  ratio1: number;
  ratio2: number;
  speedup2: number;
  ratioReferenceSize: number;
  peakRssMb1M: number;
  peakRssMb10M: number;
  identicalOutput1vs2Workers: boolean;
}

export function renderGenerate(
  runs: Run[],
  f: GenerateFigures,
  load: { before: number[]; after: number[] },
): string {
  const check = (ok: boolean): string => (ok ? 'ok' : 'MISSED');
  const runTable = renderTable(
    ['run', 'customers', 'rows', 'ms', 'rows/s', 'peak RSS MB'],
    runs.map((r) => [r.label, int(r.customers), int(r.rows), int(r.ms), int(r.rowsPerSec), int(r.peakRssMb)]),
  );
  const figureTable = renderTable(
    ['figure', 'value', 'target', ''],
    [
      [
        'ratio1: tdm --workers 1 (10M) / faker',
        `${f.ratio1}x`,
        `>= ${TARGETS.ratio1}x`,
        check(f.ratio1 >= TARGETS.ratio1),
      ],
      ['ratio2: tdm --workers 2 (10M) / faker', `${f.ratio2}x`, '', ''],
      [
        '--workers 2 / --workers 1 (10M)',
        `${f.speedup2}x`,
        `>= ${TARGETS.speedup2}x`,
        check(f.speedup2 >= TARGETS.speedup2),
      ],
      ['same size (1.2M): tdm --workers 1 / faker', `${f.ratioReferenceSize}x`, '', ''],
      ['peak RSS, ~1M rows', `${f.peakRssMb1M} MB`, '', ''],
      [
        'peak RSS, ~10M rows (larger of 1 and 2 workers)',
        `${f.peakRssMb10M} MB`,
        `<= ${TARGETS.peakRssMb10M} MB`,
        check(f.peakRssMb10M <= TARGETS.peakRssMb10M),
      ],
      [
        '10M output identical for 1 and 2 workers',
        f.identicalOutput1vs2Workers ? 'yes' : 'NO',
        'yes',
        check(f.identicalOutput1vs2Workers),
      ],
    ],
  );
  const busy = `load average (1/5/15 min) before ${load.before.join(' ')}, after ${load.after.join(' ')}`;
  return `${runTable}\n\n${figureTable}\n\n${busy}`;
}
