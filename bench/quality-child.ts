/**
 * @module One measured quality run, as its own process: generates the reference schema as CSV
 * with one thread (timed, as `tdm generate` does; also with `--gen-workers N` threads into a
 * scratch directory when N > 1), reads the files back without checking (timed: the reader's
 * share), then checks them against every rule the schema implies at premium, with one thread and
 * with `--threads N` (timed), through the built packages. Both checks must give the same report.
 * Also times the floor of a check (keyFloor below: reading, key sets, references and dates, no
 * other rule and no profiles).
 * Prints one JSON line `{ rows, genMs, genNMs, readMs, floorMs, check1Ms, checkNMs, ...CpuMs, genWorkers,
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
  const floor = await timed(() => keyFloor(values.out as string, schema));
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
  if (rows !== gen.value.manifest.totalRows || read.value !== rows || floor.value.rows !== rows) {
    throw new Error(
      `rows differ: generated ${gen.value.manifest.totalRows}, read ${read.value}, checked ${rows}`,
    );
  }
  if (floor.value.bad !== 0) throw new Error(`the floor pass found ${floor.value.bad} bad keys or dates`);
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
    floorMs: floor.ms,
    floorCpuMs: floor.cpuMs,
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

/** The checker's own building blocks (not public API): the floor uses exactly what a check uses. */
interface Internals {
  FingerprintSet: new () => { add(h1: number, h2: number): number; get(h1: number, h2: number): number };
  fingerprint: (v: unknown) => void;
  fp: { h1: number; h2: number };
  instantOf: (s: string) => number | undefined;
}

async function internals(): Promise<Internals> {
  const at = (m: string) => new URL(`./quality/${m}.js`, import.meta.resolve('@tdm/core')).href;
  const [sets, hash, instant] = await Promise.all([
    import(at('fingerprint-set')),
    import(at('hash')),
    import(at('instant')),
  ]);
  return { ...sets, ...hash, ...instant } as Internals;
}

/**
 * The floor of checking the reference schema with this reader and these key sets: every row read
 * and typed, every key added to its set (customers.id, customers.email, orders.id), every
 * reference looked up (orders.customer_id), every date parsed (birth_date, created_at, order_date)
 * and each order's date compared with its customer's created_at. No other rule and no profiles:
 * a check that does all of its 42 rules and the field profiles cannot be faster than this.
 */
async function keyFloor(
  dir: string,
  schema: ReturnType<typeof parseSchema>,
): Promise<{ rows: number; bad: number }> {
  const { FingerprintSet, fingerprint, fp, instantOf } = await internals();
  const dataset = await openDataset([dir], { schema });
  const entity = (name: string) => {
    const e = dataset.entities.find((x) => x.name === name);
    if (!e) throw new Error(`no ${name} in ${dir}`);
    const col = (field: string): number => e.columns.findIndex((c) => c.name === field);
    return { e, col };
  };
  const time = (v: unknown): number => (typeof v === 'string' ? (instantOf(v) ?? NaN) : NaN);
  const c = entity('customers');
  const [cid, email, birth, created] = ['id', 'email', 'birth_date', 'created_at'].map(c.col) as number[];
  const ids = new FingerprintSet();
  const emails = new FingerprintSet();
  const createdAt: number[] = [];
  let rows = 0;
  let bad = 0;
  for await (const batch of c.e.batches()) {
    for (const row of batch) {
      fingerprint(row[cid as number]);
      if (ids.add(fp.h1, fp.h2) >= 0) createdAt.push(time(row[created as number]));
      else bad++;
      fingerprint(row[email as number]);
      if (emails.add(fp.h1, fp.h2) < 0) bad++;
      if (Number.isNaN(time(row[birth as number]))) bad++;
    }
    rows += batch.length;
  }
  const o = entity('orders');
  const [oid, customer, ordered] = ['id', 'customer_id', 'order_date'].map(o.col) as number[];
  const orderIds = new FingerprintSet();
  for await (const batch of o.e.batches()) {
    for (const row of batch) {
      fingerprint(row[oid as number]);
      if (orderIds.add(fp.h1, fp.h2) < 0) bad++;
      fingerprint(row[customer as number]);
      const parent = ids.get(fp.h1, fp.h2);
      if (parent < 0 || !(time(row[ordered as number]) >= (createdAt[parent] as number))) bad++;
    }
    rows += batch.length;
  }
  return { rows, bad };
}

await main();
