/**
 * @module One measured tdm run, as its own process (so peak RSS is this run's alone): generates a
 * schema into a directory through the built @tdm/core and @tdm/cli, as `tdm generate` does, and
 * prints one JSON line `{ rows, ms, maxRssKb, files }`. `ms` covers generateData only: process
 * start-up and module loading are excluded, as they are for the faker baseline.
 *
 * `node --import tsx bench/tdm-child.ts --schema <file> --out <dir> [--workers N] [--customers N]`
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { generateData } from '@tdm/core';
import { directoryOutput } from '@tdm/cli';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      schema: { type: 'string' },
      out: { type: 'string' },
      workers: { type: 'string', default: '1' },
      customers: { type: 'string' },
      now: { type: 'string', default: '2026-01-01T00:00:00Z' },
    },
  });
  if (!values.schema || !values.out) throw new Error('usage: tdm-child.ts --schema <file> --out <dir>');
  const text = await readFile(values.schema, 'utf8');
  const output = await directoryOutput(values.out);
  const started = performance.now();
  const ds = await generateData(text, {
    output,
    format: 'csv',
    workers: Number(values.workers),
    now: Date.parse(values.now),
    ...(values.customers ? { counts: { customers: Number(values.customers) } } : {}),
  });
  const ms = performance.now() - started;
  const files = Object.values(ds.manifest.entities).flatMap((e) => e.files);
  const result = { rows: ds.manifest.totalRows, ms, maxRssKb: process.resourceUsage().maxRSS, files };
  process.stdout.write(JSON.stringify(result) + '\n');
}

await main();
