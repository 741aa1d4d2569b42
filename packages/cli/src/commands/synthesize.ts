/**
 * @module `tdm synthesize <sample...> --rows N --out <dir>`: learns the sample's statistics
 * (per-column distributions, dependence between columns, children per parent) and writes that
 * many synthetic rows in any format. Personal-data columns are detected and generated, never
 * sampled from real values; foreign keys are detected (or given) so joins hold. `--report`
 * scores the result against the sample (fidelity and privacy, HTML or JSON).
 */
import { Option, type Command } from 'commander';
import {
  detectPii,
  generateSyntheticData,
  keyColumns,
  sampleDataset,
  splitHoldout,
  SYNTHESIS_METHODS,
  syntheticReportHtml,
  syntheticReportJson,
  TdmError,
  validateSyntheticQuality,
  type PiiColumn,
  type SampleTable,
  type SynthesisMethod,
  type SyntheticQualityReport,
  type WrittenFile,
} from '@tdm/core';
import { intFlag } from '../flags.js';
import type { Io } from '../io.js';
import { detectForeignKeys } from './profile.js';
import { runCodedCommand, writeOutputFile } from './coded-command.js';
import {
  addWriteOptions,
  choiceFlag,
  filesText,
  fractionFlag,
  maxRowsOption,
  readSample,
  checkOutputs,
  checkWriteFlags,
  rowsFlag,
  writeTo,
  type WriteFlags,
  type Relationship,
} from './sample-common.js';

export interface SynthesizeFlags extends WriteFlags {
  rows?: number | Record<string, number>;
  seed?: number;
  method?: SynthesisMethod;
  foreignKey?: Relationship[];
  detectKeys?: boolean;
  piiDetect?: boolean;
  minConfidence?: number;
  minDistance?: number | 'auto';
  holdout?: number;
  report?: string;
  maxRows?: number;
  output: 'text' | 'json';
}

/** `--min-distance auto` (the default: derived from the sample) or a Gower distance in [0, 1]. */
export function minDistanceFlag(value: string): number | 'auto' {
  if (value.trim().toLowerCase() === 'auto') return 'auto';
  const n = Number(value);
  if (value.trim() === '' || !(n >= 0 && n <= 1)) {
    throw new TdmError('INPUT_INVALID', `--min-distance: "${value}" is not auto or a number from 0 to 1`, {
      suggestedActions: ['Pass --min-distance auto (the default), 0.02, or 0 to turn the check off.'],
    });
  }
  return n;
}

/** `--foreign-key orders.customer_id=customers.id` (repeatable). */
export function foreignKeyFlag(value: string, previous: Relationship[] = []): Relationship[] {
  const m = /^([^.=\s]+)\.([^=\s]+)=([^.=\s]+)\.([^=\s]+)$/.exec(value.trim());
  if (!m) {
    throw new TdmError(
      'INPUT_INVALID',
      `--foreign-key: "${value}" is not of the form table.column=table.column`,
      {
        suggestedActions: ['Pass --foreign-key orders.customer_id=customers.id (child column = parent key).'],
      },
    );
  }
  return [...previous, { from: { table: m[1]!, column: m[2]! }, to: { table: m[3]!, column: m[4]! } }];
}

export interface SynthesizeResult {
  tables: SampleTable[];
  files: WrittenFile[];
  pii: PiiColumn[];
  foreignKeys: Relationship[];
  report: SyntheticQualityReport | null;
}

export async function runSynthesize(paths: string[], flags: SynthesizeFlags): Promise<SynthesizeResult> {
  checkWriteFlags(flags, 'synthetic');
  if (flags.report && !/\.(html?|json)$/i.test(flags.report)) {
    throw new TdmError('INPUT_INVALID', `--report: "${flags.report}" must end in .html or .json`, {
      suggestedActions: ['Pass --report report.html (a page with plots) or --report report.json.'],
    });
  }
  if (flags.holdout !== undefined && !flags.report) {
    throw new TdmError('INPUT_INVALID', '--holdout applies with --report only', {
      suggestedActions: ['Add --report report.html, or drop --holdout to learn from every row.'],
    });
  }
  await checkOutputs(paths, [
    { flag: '--out', path: flags.out, kind: 'dir' },
    { flag: '--report', path: flags.report, kind: 'file' },
  ]);
  const seed = flags.seed ?? 0;
  const { tables } = await readSample(paths, flags.maxRows);
  const pii: PiiColumn[] =
    flags.piiDetect === false
      ? []
      : (
          await detectPii(
            tables,
            flags.minConfidence === undefined ? {} : { minConfidence: flags.minConfidence },
          )
        ).map((f) => ({ table: f.table, column: f.column, kind: f.kind }));
  const foreignKeys = flags.foreignKey ?? (flags.detectKeys === false ? [] : detectForeignKeys(tables));
  const split = flags.holdout === undefined ? null : splitHoldout(tables, flags.holdout, seed);
  const train = split?.train ?? tables;
  const synthetic = generateSyntheticData(train, {
    ...(flags.rows === undefined ? {} : { rows: flags.rows }),
    seed,
    ...(flags.method ? { method: flags.method } : {}),
    pii,
    foreignKeys,
    ...(flags.minDistance === undefined ? {} : { privacy: { minDistance: flags.minDistance } }),
  });
  const files = await writeTo(sampleDataset(synthetic), flags, 'synthetic', {
    producedBy: 'synthesize',
    seed,
    references: foreignKeys,
  });
  let report: SyntheticQualityReport | null = null;
  if (flags.report) {
    // Keys are made anew and foreign keys copied from parents: not data whose shape is scored.
    report = validateSyntheticQuality(train, synthetic, {
      pii,
      keys: keyColumns(train, { pii, foreignKeys }),
      foreignKeys,
      seed,
      ...(split ? { holdout: split.holdout } : {}),
    });
    const html = /\.html?$/i.test(flags.report);
    await writeOutputFile(
      flags.report,
      html ? syntheticReportHtml(report) : syntheticReportJson(report),
      '--report',
    );
  }
  return { tables: synthetic, files, pii, foreignKeys, report };
}

/** Adds `tdm synthesize` to the program. */
export function registerSynthesizeCommand(program: Command, io: Io, setExit: (code: number) => void): void {
  const cmd = program
    .command('synthesize')
    .description('learn a sample’s statistics and write synthetic data with no real person’s values')
    .argument(
      '<sample...>',
      'sample files (csv, tsv, json, ndjson, parquet) or directories; one file per table',
    )
    .option(
      '-n, --rows <n|table=n>',
      'rows per table, or per named table (repeatable; default: the sample’s)',
      rowsFlag,
    )
    .option(
      '--seed <int>',
      'same sample, options and seed: same data (default 0)',
      intFlag('--seed', 0, 2 ** 31 - 1),
    )
    .addOption(
      new Option('--method <method>', `${SYNTHESIS_METHODS.join(', ')} (default sequential)`).argParser(
        choiceFlag('--method', SYNTHESIS_METHODS),
      ),
    )
    .option(
      '--foreign-key <child.col=parent.col>',
      'a relationship to keep (repeatable; default: detected from the sample)',
      foreignKeyFlag,
    )
    .option('--no-detect-keys', 'do not detect foreign keys between the sample’s tables')
    .option('--no-pii-detect', 'do not detect personal data (every column is learned from its values)')
    .option(
      '--min-confidence <x>',
      'PII findings at or above this confidence are generated (default 0.5)',
      fractionFlag('--min-confidence'),
    )
    .option(
      '--min-distance <auto|x>',
      'reject synthetic rows closer than this Gower distance (0..1) to a real row; auto (default) derives it from the sample, 0 turns the check off',
      minDistanceFlag,
    )
    .option(
      '--holdout <fraction>',
      'learn from the rest, keep this share for the report’s privacy baseline',
      fractionFlag('--holdout'),
    )
    .option('--report <file>', 'write the fidelity and privacy report (.html or .json)')
    .addOption(maxRowsOption());
  addWriteOptions(cmd, 'synthetic')
    .addOption(
      new Option('--output <style>', 'result style: text or json')
        .argParser(choiceFlag('--output', ['text', 'json'] as const))
        .default('text'),
    )
    .action((paths: string[], flags: SynthesizeFlags) =>
      runCodedCommand(io, setExit, async () => {
        const r = await runSynthesize(paths, flags);
        if (flags.output === 'json') {
          io.out(
            JSON.stringify(
              { files: r.files, pii: r.pii, foreignKeys: r.foreignKeys, score: r.report?.score ?? null },
              null,
              2,
            ) + '\n',
          );
          return 0;
        }
        const rows = r.tables.reduce((s, t) => s + t.rows, 0);
        let text = `synthesized ${rows} rows into ${flags.out} (${flags.format}${flags.gzip ? ', gzip' : ''}, seed ${flags.seed ?? 0})\n${filesText(r.files)}`;
        if (r.pii.length)
          text += `  generated, not learned (PII): ${r.pii.map((p) => `${p.table}.${p.column} (${p.kind})`).join(', ')}\n`;
        if (r.foreignKeys.length) {
          text += `  relationships kept: ${r.foreignKeys.map((f) => `${f.from.table}.${f.from.column} -> ${f.to.table}.${f.to.column}`).join(', ')}\n`;
        }
        if (r.report)
          text += `  report: score ${r.report.score?.toFixed(4) ?? 'n/a'}, written to ${flags.report}\n`;
        io.out(text);
        return 0;
      }),
    );
}
