/**
 * @module Bench section `quality`: rows/s checked for the reference schema with every derived
 * rule at premium (completeness, keys, references, formats, domains, distributions, the
 * cross-entity date rule), reading the generated CSV files, next to the generator's rows/s on the
 * same data in the same process. Target: checking is at least as fast as generating.
 *
 * Each run is its own process (bench/quality-child.ts); the fastest of `--repeat` runs counts.
 * The read-only pass (the reader alone, no rules) shows how much of the check is parsing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runChild, transpileChild } from '../lib/children.js';
import type { BenchContext, BenchSection, SectionResult } from '../lib/section.js';
import { int, renderTable } from '../lib/table.js';

/** The reference size: 200k customers, ~1.2M rows in all. */
const CUSTOMERS = 200_000;

interface QualityRun {
  rows: number;
  genMs: number;
  readMs: number;
  checkMs: number;
  genCpuMs: number;
  readCpuMs: number;
  checkCpuMs: number;
  rules: number;
  passed: boolean;
  keyStateBytes: number;
  maxRssKb: number;
}

function buildPackages(ctx: BenchContext): void {
  const tsc = join(ctx.root, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-b'], { cwd: ctx.root, encoding: 'utf8' });
  if (r.status !== 0 && !existsSync(join(ctx.root, 'packages', 'core', 'dist', 'index.js'))) {
    throw new Error(`build failed:\n${r.stdout}${r.stderr}`);
  }
}

const perSec = (rows: number, ms: number): number => rows / (ms / 1000);

async function run(ctx: BenchContext): Promise<SectionResult> {
  buildPackages(ctx);
  const child = await transpileChild(ctx.root, 'quality-child');
  const schema = join(ctx.root, 'bench', 'reference-schema.yaml');
  const customers = Math.round(CUSTOMERS * (ctx.quick ? 0.1 : 1));
  const runs: QualityRun[] = [];
  for (let round = 1; round <= ctx.repeat; round++) {
    const r = (await runChild(child, [
      '--schema',
      schema,
      '--customers',
      String(customers),
    ])) as unknown as QualityRun;
    ctx.log(
      `  [${round}/${ctx.repeat}] ${int(r.rows)} rows: generate ${int(r.genMs)} ms, read ${int(r.readMs)} ms, check ${int(r.checkMs)} ms`,
    );
    runs.push(r);
  }
  // Each phase's fastest run: other load on the machine only ever slows a phase down.
  type Phase = 'genMs' | 'readMs' | 'checkMs' | 'genCpuMs' | 'readCpuMs' | 'checkCpuMs';
  const best = (k: Phase): number => Math.min(...runs.map((r) => r[k]));
  const first = runs[0] as QualityRun;
  const rows = first.rows;
  const gen = perSec(rows, best('genMs'));
  const read = perSec(rows, best('readMs'));
  const check = perSec(rows, best('checkMs'));
  const genCpu = perSec(rows, best('genCpuMs'));
  const readCpu = perSec(rows, best('readCpuMs'));
  const checkCpu = perSec(rows, best('checkCpuMs'));
  const figures = {
    qualityRowsPerSec: Math.round(check),
    qualityGenerateRowsPerSec: Math.round(gen),
    qualityReadRowsPerSec: Math.round(read),
    qualityCheckVsGenerate: Math.round((check / gen) * 100) / 100,
    qualityRowsPerCpuSec: Math.round(checkCpu),
    qualityGenerateRowsPerCpuSec: Math.round(genCpu),
    qualityCheckVsGenerateCpu: Math.round((checkCpu / genCpu) * 100) / 100,
    qualityRules: first.rules,
    qualityPassed: runs.every((r) => r.passed),
    qualityKeyStateMb: Math.round((first.keyStateBytes / 2 ** 20) * 10) / 10,
    qualityPeakRssMb: Math.round(Math.max(...runs.map((r) => r.maxRssKb)) / 1024),
  };
  ctx.log('');
  ctx.log(
    renderTable(
      ['phase (same data, same process)', 'rows/s', 'vs generate', 'rows/cpu-s', 'vs generate'],
      [
        ['generate CSV (tdm, 1 thread)', int(gen), '1.00', int(genCpu), '1.00'],
        [
          'read CSV back (reader only, no rules)',
          int(read),
          (read / gen).toFixed(2),
          int(readCpu),
          (readCpu / genCpu).toFixed(2),
        ],
        [
          `check: ${first.rules} derived rules at premium`,
          int(check),
          (check / gen).toFixed(2),
          int(checkCpu),
          (checkCpu / genCpu).toFixed(2),
        ],
      ],
    ),
  );
  ctx.log(
    `${int(rows)} rows; level passed: ${figures.qualityPassed}; key state ${figures.qualityKeyStateMb} MiB; peak RSS ${figures.qualityPeakRssMb} MB; target: check >= generate: ${check >= gen ? 'met' : 'NOT met'}`,
  );
  return { figures, details: { quick: ctx.quick, repeat: ctx.repeat, customers, runs } };
}

export const qualitySection: BenchSection = {
  name: 'quality',
  description: 'quality check of the reference schema (all derived rules) vs generating it',
  run,
};
