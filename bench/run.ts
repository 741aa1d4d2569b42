/**
 * @module `npm run bench`: runs every benchmark section (or one: `--only generate`), prints each
 * section's table, and with `--json <file>` writes the headline figures (top level) and per-run
 * details (`sections.<name>`). Not a test: nothing here asserts a time.
 *
 *   npm run bench -- [--only <section>] [--json <file>] [--quick] [--repeat <n, default 3>]
 */
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { BenchContext } from './lib/section.js';
import { sections } from './sections/index.js';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string', multiple: true },
      json: { type: 'string' },
      quick: { type: 'boolean', default: false },
      repeat: { type: 'string', default: '3' },
    },
  });
  const only = values.only ?? [];
  const unknown = only.filter((n) => !sections.some((s) => s.name === n));
  if (unknown.length > 0) {
    process.stderr.write(
      `unknown section(s) ${unknown.join(', ')}; sections: ${sections.map((s) => s.name).join(', ')}\n`,
    );
    return 2;
  }
  const repeat = Number(values.repeat);
  if (!Number.isInteger(repeat) || repeat < 1) {
    process.stderr.write(`--repeat: "${values.repeat}" is not a positive integer\n`);
    return 2;
  }
  const ctx: BenchContext = {
    root: join(dirname(fileURLToPath(import.meta.url)), '..'),
    quick: values.quick,
    repeat,
    log: (line) => process.stdout.write(line + '\n'),
  };
  const figures: Record<string, number | boolean> = {};
  const details: Record<string, unknown> = {};
  for (const section of sections.filter((s) => only.length === 0 || only.includes(s.name))) {
    ctx.log(`== ${section.name}: ${section.description}${ctx.quick ? ' (quick: sizes / 10)' : ''}`);
    const result = await section.run(ctx);
    Object.assign(figures, result.figures);
    details[section.name] = result.details;
    ctx.log('');
  }
  if (values.json) {
    const json = { ...figures, machine: machine(), sections: details };
    await writeFile(values.json, JSON.stringify(json, null, 2) + '\n');
    ctx.log(`figures written to ${values.json}`);
  }
  return 0;
}

function machine(): Record<string, unknown> {
  return { node: process.version, platform: process.platform, arch: process.arch };
}

process.exitCode = await main();
