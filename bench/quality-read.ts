/**
 * @module Reading speed of the quality checker's input side, next to csv-parse in the same run:
 * rows/s over a generated dataset's CSV files (raw records, typed batches, typed per-row).
 * Not a test; nothing asserts a time.
 *
 *   npm run build && node packages/cli/bin/tdm.js generate bench/reference-schema.yaml --out /tmp/ref
 *   node --import tsx bench/quality-read.ts /tmp/ref
 */
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse';
import { inferSchema, openDataset } from '../packages/core/src/quality/read/index.js';
import { csvRecords } from '../packages/core/src/quality/read/csv-read.js';

/**
 * Runs one measurement; prints rows/s by wall clock and by this process's CPU time (the second
 * is the steadier figure on a shared machine, where other processes take turns on the cores).
 */
async function timed(label: string, run: () => Promise<number>): Promise<void> {
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const rows = await run();
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const used = process.cpuUsage(cpu0);
  const cpu = (used.user + used.system) / 1e6;
  const rss = Math.round(process.memoryUsage().rss / 2 ** 20);
  const rate = (s: number): string =>
    Math.round(rows / s)
      .toLocaleString('en')
      .padStart(10);
  console.log(
    `${label.padEnd(42)} ${String(rows).padStart(8)} rows  wall ${wall.toFixed(2).padStart(6)} s ${rate(wall)}/s` +
      `  cpu ${cpu.toFixed(2).padStart(6)} s ${rate(cpu)}/s  rss ${rss} MB`,
  );
}

async function main(): Promise<void> {
  const dir = process.argv[2] ?? '/tmp/ref';
  const files = ['customers.csv', 'orders.csv'].map((f) => join(dir, f));
  for (let round = 0; round < 2; round++) {
    console.log(`round ${round + 1}`);
    await timed('csv-parse 6 (raw records, both files)', async () => {
      let n = 0;
      for (const f of files) for await (const _r of createReadStream(f).pipe(parse())) n++;
      return n - files.length;
    });
    await timed('tdm csvRecords (raw records, both files)', async () => {
      let n = 0;
      for (const f of files) for await (const b of csvRecords(f, { delimiter: ',' })) n += b.length;
      return n - files.length;
    });
    const ds = await openDataset([dir]);
    await timed('tdm inferSchema (typed read + profiles)', async () => {
      const doc = await inferSchema(ds);
      return Object.values(doc.entities).reduce((n, e) => n + (typeof e.count === 'number' ? e.count : 0), 0);
    });
    await timed('tdm openDataset batches() (typed)', async () => {
      let n = 0;
      for (const e of ds.entities) for await (const b of e.batches()) n += b.length;
      return n;
    });
    await timed('tdm openDataset rows() (typed, per row)', async () => {
      let n = 0;
      for (const e of ds.entities) for await (const _r of e.rows()) n++;
      return n;
    });
  }
}

await main();
