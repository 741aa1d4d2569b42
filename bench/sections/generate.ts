/**
 * @module Bench section `generate`: tdm's CSV generation of the reference schema against the
 * straightforward @faker-js/faker script, tdm with `--workers 1` and `2` (generating threads: the
 * main thread, plus one worker thread for 2), and peak RSS at ~1M and ~10M rows.
 *
 * Rows/s = (customers + orders) / the generation's wall time, measured inside each child process
 * (process start-up and module loading excluded on both sides). The baseline runs at the reference
 * size (200k customers, ~1.2M rows); tdm's 1- and 2-worker figures come from the 10M-row runs, where
 * worker start-up does not hide the speed-up. Each run is its own process writing to a temp dir.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { runChild, transpileChild, type ChildResult } from '../lib/children.js';
import type { BenchContext, BenchSection, SectionResult } from '../lib/section.js';
import { int } from '../lib/table.js';
import { renderGenerate, TARGETS, type Run } from './generate-report.js';

/** Customers per ~1M and ~10M total rows (each customer has ~5 orders: 6 rows). */
const SIZES = { reference: 200_000, oneMillion: 166_667, tenMillion: 1_666_667 };

function buildPackages(ctx: BenchContext): void {
  // The tdm side runs the built packages, as users do (`npm run build`, then the CLI).
  const tsc = join(ctx.root, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-b'], { cwd: ctx.root, encoding: 'utf8' });
  if (r.status !== 0) {
    if (!existsSync(join(ctx.root, 'packages', 'core', 'dist', 'index.js'))) {
      throw new Error(`build failed:\n${r.stdout}${r.stderr}`);
    }
    ctx.log(`warning: tsc -b reported errors; measuring what it emitted:\n${r.stdout.slice(0, 1500)}`);
  }
}

interface Spec {
  label: string;
  customers: number;
  workers: number | null;
  go: () => Promise<ChildResult>;
}

/**
 * Runs every spec `ctx.repeat` times, round after round (so a busy spell on the machine hits all
 * of them alike), and keeps each one's fastest run: other load only ever slows a run down. Peak
 * RSS is the largest seen.
 */
async function measure(ctx: BenchContext, specs: Spec[]): Promise<Run[]> {
  const fastest = new Map<Spec, ChildResult>();
  const peak = new Map<Spec, number>();
  for (let round = 1; round <= ctx.repeat; round++) {
    for (const spec of specs) {
      const r = await spec.go();
      ctx.log(`  [${round}/${ctx.repeat}] ${spec.label}: ${int(r.rows)} rows in ${int(r.ms)} ms`);
      peak.set(spec, Math.max(peak.get(spec) ?? 0, r.maxRssKb));
      const best = fastest.get(spec);
      if (!best || r.ms < best.ms) fastest.set(spec, r);
    }
  }
  return specs.map((spec) => {
    const r = fastest.get(spec) as ChildResult;
    const { label, customers, workers } = spec;
    const rowsPerSec = r.rows / (r.ms / 1000);
    return { ...r, label, customers, workers, rowsPerSec, peakRssMb: (peak.get(spec) ?? 0) / 1024 };
  });
}

async function run(ctx: BenchContext): Promise<SectionResult> {
  const loadBefore = loadavg().map(round2);
  const scale = ctx.quick ? 0.1 : 1;
  const size = (n: number): number => Math.round(n * scale);
  buildPackages(ctx);
  const faker = await transpileChild(ctx.root, 'faker-baseline');
  const tdm = await transpileChild(ctx.root, 'tdm-child');
  const schema = join(ctx.root, 'bench', 'reference-schema.yaml');
  const tdmSpec = (label: string, customers: number, workers: number): Spec => ({
    label,
    customers,
    workers,
    go: () =>
      runChild(tdm, ['--schema', schema, '--customers', String(customers), '--workers', String(workers)]),
  });
  const reference = size(SIZES.reference);
  const [baseline, ref, oneM, tenM1, tenM2] = (await measure(ctx, [
    {
      label: 'faker baseline, reference size',
      customers: reference,
      workers: null,
      go: () => runChild(faker, ['--customers', String(reference)]),
    },
    tdmSpec('tdm --workers 1, reference size', reference, 1),
    tdmSpec('tdm --workers 1, ~1M rows', size(SIZES.oneMillion), 1),
    tdmSpec('tdm --workers 1, ~10M rows', size(SIZES.tenMillion), 1),
    tdmSpec('tdm --workers 2, ~10M rows', size(SIZES.tenMillion), 2),
  ])) as [Run, Run, Run, Run, Run];
  const runs = [baseline, ref, oneM, tenM1, tenM2];

  const identical = JSON.stringify(tenM1.files) === JSON.stringify(tenM2.files);
  const figures = {
    baselineRowsPerSec: Math.round(baseline.rowsPerSec),
    rowsPerSec1: Math.round(tenM1.rowsPerSec),
    rowsPerSec2: Math.round(tenM2.rowsPerSec),
    ratio1: round2(tenM1.rowsPerSec / baseline.rowsPerSec),
    ratio2: round2(tenM2.rowsPerSec / baseline.rowsPerSec),
    peakRssMb1M: Math.round(oneM.peakRssMb),
    // The larger of the two 10M-row runs (each is listed in the table and the details).
    peakRssMb10M: Math.round(Math.max(tenM1.peakRssMb, tenM2.peakRssMb)),
    peakRssMb10M1: Math.round(tenM1.peakRssMb),
    peakRssMb10M2: Math.round(tenM2.peakRssMb),
    speedup2: round2(tenM2.rowsPerSec / tenM1.rowsPerSec),
    ratioReferenceSize: round2(ref.rowsPerSec / baseline.rowsPerSec),
    identicalOutput1vs2Workers: identical,
  };
  // Other work on the machine slows runs down unevenly; the load average says how busy it was.
  const load = { before: loadBefore, after: loadavg().map(round2) };
  ctx.log('');
  ctx.log(renderGenerate(runs, figures, load));
  return { figures, details: { quick: ctx.quick, repeat: ctx.repeat, targets: TARGETS, load, runs } };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

export const generateSection: BenchSection = {
  name: 'generate',
  description: 'CSV generation of the reference schema vs a @faker-js/faker script; workers; peak RSS',
  run,
};
