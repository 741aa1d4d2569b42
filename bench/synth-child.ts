/**
 * @module One measured synthesis run, as its own process: loads a real dataset of the catalogue
 * (bench/lib/real-datasets.ts, passed as its transpiled path), then per method fits and samples
 * as many rows as the real table has (timed, wall and CPU), and scores the output against the
 * real table with the fidelity and privacy report (not timed). Prints one JSON line
 * `{ rows, ms, maxRssKb, dataset, realRows, columns, methods: [...] }`.
 *
 * `node bench/synth-child.ts --lib <real-datasets.mjs> --dataset <name> --out <dir>
 *   [--methods sequential,independent,copula] [--seed N] [--max-rows N] [--no-report]`
 */
import { parseArgs } from 'node:util';
import {
  dependenceCaptured,
  generateSyntheticData,
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
  /** Share of synthetic rows closer to a real row than the real rows' own 5th percentile. */
  dcrCloserThanP5: number | null;
  /** Replayed over all values of the PII columns; null when the dataset declares none. */
  piiReplay: number | null;
  pii: PiiReplay[];
}

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
  const real = head(loaded, values['max-rows'] ? Number(values['max-rows']) : loaded.rows);
  const pii: PiiColumn[] = (d?.piiColumns ?? []).map((p) => ({ table: real.name, ...p }));
  const seed = Number(values.seed);
  const report = !values['no-report'];
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
      ? validateSyntheticQuality([real], [data], { pii, dcrSampleRows: 500, seed })
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
    dataset: real.name,
    realRows: real.rows,
    columns: real.columns.length,
    methods: runs,
  };
  process.stdout.write(JSON.stringify(result) + '\n');
}

await main();
