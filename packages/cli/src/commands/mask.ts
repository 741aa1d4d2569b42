/**
 * @module `tdm mask <sample...> --rules r.yaml --out <dir>`: masks a dataset by privacy rules (or
 * by rules made from detected PII with `--auto`) and writes it in any format. Rows stream from the
 * input files to the output, so any size masks in constant memory. The pseudonym secret comes
 * from `--secret-file` or TDM_PSEUDONYM_SECRET and is never printed.
 */
import { Option, type Command } from 'commander';
import {
  detectPii,
  maskSensitiveData,
  openDataset,
  parsePrivacyRules,
  privacyRulesFromFindings,
  TdmError,
  type MaskingSummary,
  type PrivacyRules,
  type WrittenFile,
} from '@tdm/core';
import { intFlag } from '../flags.js';
import type { Io } from '../io.js';
import { runCodedCommand, writeOutputFile } from './coded-command.js';
import {
  addWriteOptions,
  choiceFlag,
  filesText,
  fractionFlag,
  interruptible,
  readTextFile,
  checkOutputs,
  checkWriteFlags,
  writeTo,
  type WriteFlags,
} from './sample-common.js';

export interface MaskFlags extends WriteFlags {
  rules?: string;
  auto?: boolean;
  minConfidence?: number;
  rulesOut?: string;
  secretFile?: string;
  seed?: number;
  output: 'text' | 'json';
}

/** The env variable the pseudonym secret may come from. */
export const SECRET_ENV = 'TDM_PSEUDONYM_SECRET';

async function secretOf(flags: MaskFlags, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  if (flags.secretFile) {
    const text = (await readTextFile(flags.secretFile, 'secret file')).replace(/\r?\n$/, '');
    if (text === '') {
      throw new TdmError('PRIVACY_SECRET_MISSING', `the secret file ${flags.secretFile} is empty`, {
        suggestedActions: ['Put a long random secret in the file, e.g. `openssl rand -hex 32 > secret`.'],
      });
    }
    return text;
  }
  const fromEnv = env[SECRET_ENV];
  return fromEnv === undefined || fromEnv === '' ? undefined : fromEnv;
}

export interface MaskResult {
  files: WrittenFile[];
  rules: PrivacyRules;
  summary: MaskingSummary;
}

/** What was masked: per column its method and rows changed; the k reached. */
export function maskText(r: MaskResult, flags: MaskFlags): string {
  const rows = r.files.reduce((s, f) => s + f.rows, 0);
  const lines = [`masked ${rows} rows into ${flags.out} (${flags.format}${flags.gzip ? ', gzip' : ''})`];
  lines.push(filesText(r.files).trimEnd());
  for (const c of r.summary.columns) {
    lines.push(`  ${c.table}.${c.column}: ${c.method}, ${c.rowsChanged} of ${c.rows} rows changed`);
  }
  const k = r.summary.kAnonymity;
  if (k) {
    lines.push(
      `  k-anonymity on ${k.table} (${k.quasiIdentifiers.join(', ')}): k ${k.kVerified ?? k.kAchieved} (asked ${k.kRequested}), ${k.suppressedRows} rows suppressed`,
    );
  }
  if (r.summary.columns.length === 0)
    lines.push('  note: the rules mask no column; the data was copied as is');
  return lines.filter((l) => l !== '').join('\n') + '\n';
}

export async function runMask(
  paths: string[],
  flags: MaskFlags,
  env: NodeJS.ProcessEnv,
): Promise<MaskResult> {
  if (Boolean(flags.rules) === Boolean(flags.auto)) {
    throw new TdmError('INPUT_INVALID', 'give either --rules <file> or --auto', {
      suggestedActions: [
        'Pass --rules rules.yaml with your privacy rules, or --auto to mask every column detect-pii finds.',
      ],
    });
  }
  if (flags.minConfidence !== undefined && !flags.auto) {
    throw new TdmError('INPUT_INVALID', '--min-confidence applies to --auto only', {
      suggestedActions: ['Drop --min-confidence, or use --auto.'],
    });
  }
  checkWriteFlags(flags, 'masked');
  await checkOutputs(paths, [
    { flag: '--out', path: flags.out, kind: 'dir' },
    { flag: '--rules-out', path: flags.rulesOut, kind: 'file' },
  ]);
  const secret = await secretOf(flags, env);
  const source = await openDataset(paths);
  const rules = flags.rules
    ? parsePrivacyRules(await readTextFile(flags.rules, 'privacy rules'))
    : privacyRulesFromFindings(
        await detectPii(
          source,
          flags.minConfidence === undefined ? {} : { minConfidence: flags.minConfidence },
        ),
      );
  if (flags.rulesOut)
    await writeOutputFile(flags.rulesOut, JSON.stringify(rules, null, 2) + '\n', '--rules-out');
  return interruptible(async (signal) => {
    const masked = await maskSensitiveData(source, rules, {
      ...(secret === undefined ? {} : { secret }),
      ...(flags.seed === undefined ? {} : { seed: flags.seed }),
      signal,
    });
    const files = await writeTo(masked, flags, 'masked', {
      producedBy: 'mask',
      ...(flags.seed === undefined ? {} : { seed: flags.seed }),
      signal,
    });
    return { files, rules, summary: masked.summary };
  });
}

/** Adds `tdm mask` to the program. */
export function registerMaskCommand(program: Command, io: Io, setExit: (code: number) => void): void {
  const cmd = program
    .command('mask')
    .description('mask personal data by privacy rules and write the dataset in any format')
    .argument('<sample...>', 'data files (csv, tsv, json, ndjson, parquet) or directories of them')
    .option('--rules <file>', 'privacy rules (YAML or JSON): tables.<table>.<column>: method')
    .option('--auto', 'mask every column detect-pii finds, with the default method of its kind')
    .option(
      '--min-confidence <x>',
      '--auto: mask findings at or above this confidence (default 0.5)',
      fractionFlag('--min-confidence'),
    )
    .option('--rules-out <file>', 'write the rules used (JSON) to this file, e.g. to review --auto')
    .option('--secret-file <file>', `pseudonym secret (default: the ${SECRET_ENV} environment variable)`)
    .option(
      '--seed <int>',
      'seed of anonymized values and shuffles',
      intFlag('--seed', -(2 ** 31), 2 ** 32 - 1),
    );
  addWriteOptions(cmd, 'masked')
    .addOption(
      new Option('--output <style>', 'result style: text or json')
        .argParser(choiceFlag('--output', ['text', 'json'] as const))
        .default('text'),
    )
    .action((paths: string[], flags: MaskFlags) =>
      runCodedCommand(io, setExit, async () => {
        const r = await runMask(paths, flags, process.env);
        io.out(
          flags.output === 'json'
            ? JSON.stringify({ files: r.files, summary: r.summary }, null, 2) + '\n'
            : maskText(r, flags),
        );
        return 0;
      }),
    );
}
