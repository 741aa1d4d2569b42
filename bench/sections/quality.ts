/**
 * @module Bench section `quality`: rows/s checked for the reference schema with every derived
 * rule at premium (completeness, keys, references, formats, domains, distributions, the
 * cross-entity date rule), reading the generated CSV files, next to the generator's rows/s on the
 * same data in the same process. Target: checking is at least as fast as generating.
 *
 * Each run is its own process (bench/quality-child.ts); the fastest of `--repeat` runs counts.
 * Generate and check each run at 1 thread and at their default thread counts (the generator's
 * `--workers` default, the checker's `--threads` default: the machine's parallelism, at most 8),
 * and the generator also at the checker's count, so every ratio compares like with like.
 * The read-only pass (the reader alone, no rules) shows how much of the check is parsing; the
 * floor pass adds what no check of these rules can skip (key sets, reference lookups, dates), so
 * it bounds how fast any check built from this reader and these key sets can be.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { runChild, transpileChild } from '../lib/children.js';
import type { BenchContext, BenchSection, SectionResult } from '../lib/section.js';
import { int, renderTable } from '../lib/table.js';

/** The reference size: 200k customers, ~1.2M rows in all. */
const CUSTOMERS = 200_000;

interface QualityRun {
  rows: number;
  genMs: number;
  genCpuMs: number;
  genNMs: number;
  genNCpuMs: number;
  readMs: number;
  readCpuMs: number;
  floorMs: number;
  floorCpuMs: number;
  check1Ms: number;
  check1CpuMs: number;
  checkNMs: number;
  checkNCpuMs: number;
  genWorkers: number;
  threads: number;
  rules: number;
  passed: boolean;
  keyStateBytes: number;
  maxRssKb: number;
}

/** `generateData`'s and `tdm generate`'s default `workers` (packages/core/src/generate/generate-data.ts). */
const GENERATOR_DEFAULT_WORKERS = 1;

function buildPackages(ctx: BenchContext): void {
  const tsc = join(ctx.root, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-b'], { cwd: ctx.root, encoding: 'utf8' });
  if (r.status !== 0 && !existsSync(join(ctx.root, 'packages', 'core', 'dist', 'index.js'))) {
    throw new Error(`build failed:\n${r.stdout}${r.stderr}`);
  }
}

const perSec = (rows: number, ms: number): number => rows / (ms / 1000);
const ratio = (a: number, b: number): string => (a / b).toFixed(2);

async function run(ctx: BenchContext): Promise<SectionResult> {
  buildPackages(ctx);
  const child = await transpileChild(ctx.root, 'quality-child');
  const schema = join(ctx.root, 'bench', 'reference-schema.yaml');
  const customers = Math.round(CUSTOMERS * (ctx.quick ? 0.1 : 1));
  // The checker's default thread count, measured in a child like everything else.
  const threads = Math.max(1, Math.min(8, availableParallelism()));
  const runs: QualityRun[] = [];
  for (let round = 1; round <= ctx.repeat; round++) {
    const args = ['--schema', schema, '--customers', String(customers), '--threads', String(threads)];
    const order = round % 2 === 0 ? ['--threads-first'] : [];
    const r = (await runChild(child, [
      ...args,
      '--gen-workers',
      String(threads),
      ...order,
    ])) as unknown as QualityRun;
    ctx.log(
      `  [${round}/${ctx.repeat}] ${int(r.rows)} rows: generate ${int(r.genMs)} ms (${threads} threads ${int(r.genNMs)} ms), read ${int(r.readMs)} ms, floor ${int(r.floorMs)} ms, check 1 thread ${int(r.check1Ms)} ms, ${threads} threads ${int(r.checkNMs)} ms`,
    );
    runs.push(r);
  }
  // Each phase's fastest run: other load on the machine only ever slows a phase down.
  type Phase = Exclude<
    keyof QualityRun,
    'passed' | 'rows' | 'rules' | 'keyStateBytes' | 'maxRssKb' | 'genWorkers' | 'threads'
  >;
  const first = runs[0] as QualityRun;
  const rows = first.rows;
  const rate = (k: Phase): number => perSec(rows, Math.min(...runs.map((r) => r[k])));
  const gen1 = rate('genMs');
  const genN = rate('genNMs');
  const read = rate('readMs');
  const floor = rate('floorMs');
  const floorCpu = rate('floorCpuMs');
  const check1 = rate('check1Ms');
  const checkN = rate('checkNMs');
  const gen1Cpu = rate('genCpuMs');
  const genNCpu = rate('genNCpuMs');
  const readCpu = rate('readCpuMs');
  const check1Cpu = rate('check1CpuMs');
  const checkNCpu = rate('checkNCpuMs');
  const genDefault = GENERATOR_DEFAULT_WORKERS === 1 ? gen1 : genN;
  const genDefaultCpu = GENERATOR_DEFAULT_WORKERS === 1 ? gen1Cpu : genNCpu;
  const figures = {
    qualityRowsPerSec: Math.round(checkN),
    qualityThreads: threads,
    qualityRowsPerSec1Thread: Math.round(check1),
    qualityGenerateRowsPerSec: Math.round(genDefault),
    qualityGenerateRowsPerSecNThreads: Math.round(genN),
    qualityReadRowsPerSec: Math.round(read),
    qualityFloorRowsPerSec: Math.round(floor),
    qualityFloorVsGenerate: Math.round((floor / gen1) * 100) / 100,
    qualityCheckVsGenerate: Math.round((checkN / genDefault) * 100) / 100,
    qualityCheckVsGenerate1Thread: Math.round((check1 / gen1) * 100) / 100,
    qualityRowsPerCpuSec: Math.round(checkNCpu),
    qualityRowsPerCpuSec1Thread: Math.round(check1Cpu),
    qualityGenerateRowsPerCpuSec: Math.round(gen1Cpu),
    qualityCheckVsGenerateCpu: Math.round((check1Cpu / gen1Cpu) * 100) / 100,
    qualityRules: first.rules,
    qualityPassed: runs.every((r) => r.passed),
    qualityKeyStateMb: Math.round((first.keyStateBytes / 2 ** 20) * 10) / 10,
    qualityPeakRssMb: Math.round(Math.max(...runs.map((r) => r.maxRssKb)) / 1024),
  };
  const row = (name: string, r: number, vs: number, c: number, vsCpu: number): string[] => [
    name,
    int(r),
    ratio(r, vs),
    int(c),
    ratio(c, vsCpu),
  ];
  ctx.log('');
  ctx.log(
    renderTable(
      ['phase (same data, same process)', 'rows/s', 'vs generate', 'rows/cpu-s', 'vs generate'],
      [
        row('generate CSV, 1 thread (the default)', gen1, gen1, gen1Cpu, gen1Cpu),
        row(`generate CSV, --workers ${threads}`, genN, genN, genNCpu, genNCpu),
        row('read CSV back (reader only, no rules)', read, gen1, readCpu, gen1Cpu),
        row('floor: read + key sets + references + dates', floor, gen1, floorCpu, gen1Cpu),
        row(`check ${first.rules} derived rules, 1 thread vs generate 1`, check1, gen1, check1Cpu, gen1Cpu),
        row(
          `check, ${threads} threads (the default) vs generate default`,
          checkN,
          genDefault,
          checkNCpu,
          genDefaultCpu,
        ),
        row(`check, ${threads} threads vs generate ${threads} threads`, checkN, genN, checkNCpu, genNCpu),
      ],
    ),
  );
  ctx.log(
    `${int(rows)} rows; level passed: ${figures.qualityPassed}; reports equal at 1 and ${threads} threads; key state ${figures.qualityKeyStateMb} MiB; peak RSS ${figures.qualityPeakRssMb} MB (whole run)`,
  );
  ctx.log(
    'floor: reading, the three key sets, the reference lookups and the date parsing a check of these rules cannot skip (no other rule, no profiles), on one thread',
  );
  ctx.log(
    `target (check >= generate, each at its default threads: check ${threads}, generate ${GENERATOR_DEFAULT_WORKERS}): ${checkN >= genDefault ? 'met' : 'NOT met'}; at 1 thread each: ${check1 >= gen1 ? 'met' : 'not met'}`,
  );
  return { figures, details: { quick: ctx.quick, repeat: ctx.repeat, customers, threads, runs } };
}

export const qualitySection: BenchSection = {
  name: 'quality',
  description: 'quality check of the reference schema (all derived rules) vs generating it',
  run,
};
