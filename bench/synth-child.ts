/**
 * @module One measured synthesis run, as its own process: loads a real dataset of the catalogue
 * (bench/lib/real-datasets.ts, passed as its transpiled path), holds 20% of its rows out, then per
 * method fits on the other 80% and samples as many rows (timed, wall and CPU), and scores the
 * output against the training rows with the fidelity and privacy report, the holdout being the
 * DCR baseline (not timed). With `--no-report` (timing only) the whole table is fitted. Prints
 * one JSON line `{ rows, ms, maxRssKb, dataset, realRows, trainRows, columns, methods: [...] }`.
 *
 * `node bench/synth-child.ts --lib <real-datasets.mjs> --dataset <name> --out <dir>
 *   [--methods sequential,independent,copula] [--seed N] [--max-rows N] [--no-report]`
 */
import { parseArgs } from 'node:util';
import {
  dependenceCaptured,
  generateSyntheticData,
  splitHoldout,
  validateSyntheticQuality,
  type PiiColumn,
  type PiiReplay,
  type SampleTable,
  type SynthesisMethod,
} from '@tdm/core';
import type * as RealDatasets from './lib/real-datasets.js';

export interface MethodRun {
  method: string;
  rows: number;
  /** Wall and CPU milliseconds of fit + sample. */
  ms: number;
  cpuMs: number;
  shapes: number | null;
  /** E: mean |assoc(real) - assoc(data)| over pairs with real association >= 0.1. */
  associationError: number | null;
  associationPairs: number;
  /** 1 - E / E_independent of the same run; null without pairs or without the independent run. */
  dependence: number | null;
  copies: number;
  /**
   * Share of synthetic rows closer to a training row than the 5th percentile of the holdout rows'
   * distances to the training rows (about 0.05 when synthesis does not memorize).
   */
  dcrCloserThanP5: number | null;
  /** That 5th percentile (Gower distance). */
  dcrBaselineP5: number | null;
  /** Replayed over all values of the PII columns; null when the dataset declares none. */
  piiReplay: number | null;
  pii: PiiReplay[];
}

/** Share of the real rows held out of fitting, as the DCR baseline. */
const HOLDOUT_FRACTION = 0.2;
/** Synthetic and holdout rows whose closest training row is searched. */
const DCR_SAMPLE_ROWS = 1000;

/** The first `n` rows of a table (quick runs). */
const head = (t: SampleTable, n: number): SampleTable =>
  n >= t.rows
    ? t
    : {
        ...t,
        rows: n,
        truncated: true,
        columns: t.columns.map((c) => ({ ...c, values: c.values.slice(0, n) })),
      };

const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      lib: { type: 'string' },
      dataset: { type: 'string' },
      out: { type: 'string' },
      methods: { type: 'string', default: 'sequential,independent,copula' },
      seed: { type: 'string', default: '1' },
      'max-rows': { type: 'string' },
      'no-report': { type: 'boolean', default: false },
    },
  });
  if (!values.lib || !values.dataset) throw new Error('usage: synth-child.ts --lib <file> --dataset <name>');
  const lib = (await import(values.lib)) as typeof RealDatasets;
  const wide = values.dataset === lib.WIDE_NAME;
  const d = wide ? undefined : lib.realDataset(values.dataset);
  const loaded = d ? await lib.loadRealDataset(d) : await lib.loadWideTable();
  const sample = head(loaded, values['max-rows'] ? Number(values['max-rows']) : loaded.rows);
  const pii: PiiColumn[] = (d?.piiColumns ?? []).map((p) => ({ table: sample.name, ...p }));
  const seed = Number(values.seed);
  const report = !values['no-report'];
  // Scored runs fit on 80% of the rows and keep 20% unseen: the DCR baseline (how close real rows
  // the synthesizer never saw are to the training rows). Timing-only runs fit the whole table.
  const split = report ? splitHoldout([sample], HOLDOUT_FRACTION, seed) : undefined;
  const real = split ? split.train[0]! : sample;
  const runs: MethodRun[] = [];
  let totalMs = 0;
  for (const method of values.methods.split(',') as SynthesisMethod[]) {
    const t = performance.now();
    const c = cpu();
    const out = generateSyntheticData([real], { method, rows: real.rows, seed, pii });
    const ms = performance.now() - t;
    const cpuMs = cpu() - c;
    totalMs += ms;
    const data = out.find((x) => x.name === real.name);
    if (!data) throw new Error(`${method}: no table "${real.name}" in the output`);
    const r = report
      ? validateSyntheticQuality([real], [data], {
          pii,
          dcrSampleRows: DCR_SAMPLE_ROWS,
          seed,
          holdout: split!.holdout,
        })
      : undefined;
    const table = r?.tables[0];
    runs.push({
      method,
      rows: data.rows,
      ms,
      cpuMs,
      shapes: r?.columnShapes ?? null,
      associationError: table?.associationError ?? null,
      associationPairs: table?.associationPairs ?? 0,
      dependence: null,
      copies: table?.exactCopies.copies ?? 0,
      dcrCloserThanP5: table?.dcr?.closerThanBaselineP5 ?? null,
      dcrBaselineP5: table?.dcr?.baseline.p5 ?? null,
      piiReplay: r?.piiReplayRate ?? null,
      pii: r?.pii ?? [],
    });
  }
  const eInd = runs.find((m) => m.method === 'independent')?.associationError ?? null;
  for (const m of runs) {
    if (m.associationError !== null && eInd !== null && m.associationPairs > 0) {
      m.dependence = dependenceCaptured(m.associationError, eInd);
    }
  }
  const result = {
    rows: real.rows,
    ms: totalMs,
    maxRssKb: process.resourceUsage().maxRSS,
    dataset: sample.name,
    realRows: sample.rows,
    trainRows: real.rows,
    columns: real.columns.length,
    methods: runs,
  };
  process.stdout.write(JSON.stringify(result) + '\n');
}

await main();
