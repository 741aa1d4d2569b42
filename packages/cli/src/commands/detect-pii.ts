/**
 * @module `tdm detect-pii <sample...>`: which columns hold personal data, how sure tdm is, and
 * why (the name pattern, values checked and matched, the validator, masked examples). Never
 * prints a raw value. Exit 0 whether or not anything is found.
 */
import { Option, type Command } from 'commander';
import { detectPii, type PiiFinding } from '@tdm/core';
import { intFlag } from '../flags.js';
import type { Io } from '../io.js';
import { runCodedCommand } from './coded-command.js';
import { choiceFlag, emit, fractionFlag, maxRowsOption, checkOutputs, readSample } from './sample-common.js';

export interface DetectPiiFlags {
  output: 'text' | 'json';
  minConfidence?: number;
  sampleRows?: number;
  maxRows?: number;
  out?: string;
}

export async function runDetectPii(paths: string[], flags: DetectPiiFlags): Promise<PiiFinding[]> {
  await checkOutputs(paths, [{ flag: '--out', path: flags.out, kind: 'file' }]);
  const { tables } = await readSample(paths, flags.maxRows);
  return detectPii(tables, {
    ...(flags.minConfidence === undefined ? {} : { minConfidence: flags.minConfidence }),
    ...(flags.sampleRows === undefined ? {} : { sampleRows: flags.sampleRows }),
  });
}

/** One line per finding, strongest first within each table. */
export function piiText(findings: readonly PiiFinding[]): string {
  if (findings.length === 0) return 'no personal data found\n';
  const width = Math.max(...findings.map((f) => `${f.table}.${f.column}`.length));
  const lines = findings.map((f) => {
    const e = f.evidence;
    const why = [
      e.name ? `name "${e.name}"` : null,
      e.checked ? `${e.matched}/${e.checked} values match${e.validator ? ` (${e.validator})` : ''}` : null,
      e.examples.length ? `e.g. ${e.examples.join(', ')}` : null,
    ].filter((x) => x !== null);
    return `  ${`${f.table}.${f.column}`.padEnd(width)}  ${f.kind.padEnd(14)} ${f.confidence.toFixed(2)}  ${why.join('; ')}`;
  });
  return `${findings.length} column(s) with personal data:\n${lines.join('\n')}\n`;
}

/** Adds `tdm detect-pii` to the program. */
export function registerDetectPiiCommand(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('detect-pii')
    .description('find columns holding personal data, with confidence and evidence (values never shown)')
    .argument('<sample...>', 'sample files (csv, tsv, json, ndjson, parquet) or directories of them')
    .addOption(
      new Option('--output <style>', 'text or json')
        .argParser(choiceFlag('--output', ['text', 'json'] as const))
        .default('text'),
    )
    .option(
      '--min-confidence <x>',
      'drop findings below this confidence (default 0.5)',
      fractionFlag('--min-confidence'),
    )
    .option(
      '--sample-rows <n>',
      'values checked per column (default 2000)',
      intFlag('--sample-rows', 1, 10_000_000),
    )
    .addOption(maxRowsOption())
    .option('--out <file>', 'write the findings to a file instead of stdout')
    .action((paths: string[], flags: DetectPiiFlags) =>
      runCodedCommand(io, setExit, async () => {
        const findings = await runDetectPii(paths, flags);
        const text = flags.output === 'json' ? JSON.stringify(findings, null, 2) + '\n' : piiText(findings);
        await emit(io, text, flags.out);
        if (flags.out) io.out(`${findings.length} finding(s) written to ${flags.out}\n`);
        return 0;
      }),
    );
}
