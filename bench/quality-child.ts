/**
 * @module One measured quality run, as its own process: generates the reference schema as CSV
 * (timed, as `tdm generate` does), then reads the files back without checking (timed: the
 * reader's share), then checks them against every rule the schema implies at premium (timed),
 * through the built packages. Prints one JSON line
 * `{ rows, genMs, readMs, checkMs, genCpuMs, readCpuMs, checkCpuMs, rules, passed, keyStateBytes,
 * maxRssKb }` (wall and CPU milliseconds per phase).
 *
 * `node bench/quality-child.ts --schema <file> --out <dir> [--customers N]`
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { defineQualityRules, generateData, openDataset, parseSchema, validateDataQuality } from '@tdm/core';
import { directoryOutput } from '@tdm/cli';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      schema: { type: 'string' },
      out: { type: 'string' },
      customers: { type: 'string' },
      now: { type: 'string', default: '2026-01-01T00:00:00Z' },
    },
  });
  if (!values.schema || !values.out) throw new Error('usage: quality-child.ts --schema <file> --out <dir>');
  const text = await readFile(values.schema, 'utf8');
  const now = Date.parse(values.now);
  const output = await directoryOutput(values.out);
  // CPU time too: on a shared machine wall time also measures the neighbours.
  const cpu = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  let t = performance.now();
  let c = cpu();
  const ds = await generateData(text, {
    output,
    format: 'csv',
    workers: 1,
    now,
    ...(values.customers ? { counts: { customers: Number(values.customers) } } : {}),
  });
  const genMs = performance.now() - t;
  const genCpuMs = cpu() - c;
  const schema = parseSchema(text);
  t = performance.now();
  c = cpu();
  const dataset = await openDataset([values.out], { schema });
  let read = 0;
  for (const e of dataset.entities) for await (const batch of e.batches()) read += batch.length;
  const readMs = performance.now() - t;
  const readCpuMs = cpu() - c;
  t = performance.now();
  c = cpu();
  const rules = defineQualityRules(schema, { now, level: 'premium' });
  const report = await validateDataQuality(await openDataset([values.out], { schema }), rules, { now });
  const checkMs = performance.now() - t;
  const checkCpuMs = cpu() - c;
  const rows = report.entities.reduce((n, e) => n + e.rows, 0);
  if (rows !== ds.manifest.totalRows || read !== rows) {
    throw new Error(`rows differ: generated ${ds.manifest.totalRows}, read ${read}, checked ${rows}`);
  }
  const result = {
    rows,
    genMs,
    readMs,
    checkMs,
    genCpuMs,
    readCpuMs,
    checkCpuMs,
    rules: report.rules.length,
    passed: report.passed,
    keyStateBytes: report.keyStateBytes,
    maxRssKb: process.resourceUsage().maxRSS,
  };
  process.stdout.write(JSON.stringify(result) + '\n');
}

await main();
