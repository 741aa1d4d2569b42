/**
 * @module One measured quality run, as its own process: generates the reference schema as CSV
 * with one thread (timed, as `tdm generate` does; also with `--gen-workers N` threads into a
 * scratch directory when N > 1), reads the files back without checking (timed: the reader's
 * share), then checks them against every rule the schema implies at premium, with one thread and
 * with `--threads N` (timed), through the built packages. Both checks must give the same report.
 * Prints one JSON line `{ rows, genMs, genNMs, readMs, check1Ms, checkNMs, ...CpuMs, genWorkers,
 * threads, rules, passed, keyStateBytes, maxRssKb }` (wall and CPU milliseconds per phase).
 *
 * `node bench/quality-child.ts --schema <file> --out <dir> [--customers N] [--threads N] [--gen-workers N]
 * [--threads-first]`
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { join } from 'node:path';
import {
  defaultCheckThreads,
  defineQualityRules,
  generateData,
  openDataset,
  parseSchema,
  validateDataQuality,
  type QualityReport,
} from '@tdm/core';
import { directoryOutput } from '@tdm/cli';

// CPU time too: on a shared machine wall time also measures the neighbours.
const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function timed<T>(f: () => Promise<T>): Promise<{ value: T; ms: number; cpuMs: number }> {
  const t = performance.now();
  const c = cpu();
  const value = await f();
  return { value, ms: performance.now() - t, cpuMs: cpu() - c };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      schema: { type: 'string' },
      out: { type: 'string' },
      customers: { type: 'string' },
      threads: { type: 'string' },
      'gen-workers': { type: 'string', default: '1' },
      'threads-first': { type: 'boolean', default: false },
      now: { type: 'string', default: '2026-01-01T00:00:00Z' },
    },
  });
  if (!values.schema || !values.out) throw new Error('usage: quality-child.ts --schema <file> --out <dir>');
  const text = await readFile(values.schema, 'utf8');
  const now = Date.parse(values.now);
  const threads = values.threads ? Number(values.threads) : defaultCheckThreads();
  const genWorkers = Number(values['gen-workers']);
  const counts = values.customers ? { counts: { customers: Number(values.customers) } } : {};
  const generate = async (dir: string, workers: number) =>
    generateData(text, { output: await directoryOutput(dir), format: 'csv', workers, now, ...counts });
  const gen = await timed(() => generate(values.out as string, 1));
  let genN = gen;
  if (genWorkers > 1) {
    const scratch = await mkdtemp(join(values.out, '..', 'tdm-bench-gen-'));
    try {
      genN = await timed(() => generate(scratch, genWorkers));
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }
  const schema = parseSchema(text);
  const read = await timed(async () => {
    const dataset = await openDataset([values.out as string], { schema });
    let n = 0;
    for (const e of dataset.entities) for await (const batch of e.batches()) n += batch.length;
    return n;
  });
  const check = (n: number) =>
    timed(async () => {
      const rules = defineQualityRules(schema, { now, level: 'premium' });
      const dataset = await openDataset([values.out as string], { schema });
      return validateDataQuality(dataset, rules, { now, threads: n });
    });
  // Rounds alternate which check goes first: the second runs on a bigger, warmer heap.
  const first = values['threads-first'] && threads > 1 ? await check(threads) : null;
  const check1 = await check(1);
  const checkN = first ?? (threads > 1 ? await check(threads) : check1);
  const report: QualityReport = check1.value;
  const rows = report.entities.reduce((n, e) => n + e.rows, 0);
  if (rows !== gen.value.manifest.totalRows || read.value !== rows) {
    throw new Error(
      `rows differ: generated ${gen.value.manifest.totalRows}, read ${read.value}, checked ${rows}`,
    );
  }
  if (!isDeepStrictEqual(checkN.value, report))
    throw new Error(`the ${threads}-thread report differs from one thread's`);
  const result = {
    rows,
    genMs: gen.ms,
    genCpuMs: gen.cpuMs,
    genNMs: genN.ms,
    genNCpuMs: genN.cpuMs,
    readMs: read.ms,
    readCpuMs: read.cpuMs,
    check1Ms: check1.ms,
    check1CpuMs: check1.cpuMs,
    checkNMs: checkN.ms,
    checkNCpuMs: checkN.cpuMs,
    genWorkers,
    threads,
    rules: report.rules.length,
    passed: report.passed,
    keyStateBytes: report.keyStateBytes,
    maxRssKb: process.resourceUsage().maxRSS,
  };
  process.stdout.write(JSON.stringify(result) + '\n');
}

await main();
