/**
 * @module `tdm quality <dir-or-file...>`: checks a dataset against the rules its schema implies
 * (`--schema`) or a schema inferred from the data (`--infer`, the default), prints or writes the
 * report (text, JSON or a self-contained HTML page). Exit 0 when the level passes, 1 when it
 * fails; a coded failure exits by the one table of exit-codes.ts (bad flags or rules 2, missing,
 * unreadable or empty data 3).
 */
import { Option, type Command } from 'commander';
import {
  defineQualityRules,
  inferSchema,
  openDataset,
  parseSchema,
  qualityLevels,
  qualityReportHtml,
  qualityReportJson,
  suggestQualityImprovements,
  TdmError,
  validateDataQuality,
  type CheckProgress,
  type QualityLevel,
  type QualityReport,
} from '@tdm/core';
import { ExitCode } from '../exit-codes.js';
import { runCodedCommand, writeOutputFile } from './coded-command.js';
import { instantFlag, intFlag } from '../flags.js';
import type { Io } from '../io.js';
import { createCheckProgress } from '../progress.js';
import { readSchemaFile } from '../read-input.js';

export interface QualityFlags {
  schema?: string;
  infer?: boolean;
  level?: QualityLevel;
  output: 'text' | 'json' | 'html';
  out?: string;
  now?: number;
  samples?: number;
  threads?: number;
  quiet?: boolean;
}

/** Runs the check and returns the report (throws coded errors for bad input). */
export async function runQuality(
  paths: string[],
  flags: QualityFlags,
  onProgress?: (p: CheckProgress) => void,
): Promise<QualityReport> {
  if (flags.schema && flags.infer) {
    throw new TdmError('INPUT_INVALID', 'give either --schema or --infer, not both', {
      suggestedActions: [
        'Use --schema s.yaml to check against a schema, or --infer to infer one from the data.',
      ],
    });
  }
  const schema = flags.schema ? parseSchema(await readSchemaFile(flags.schema)) : undefined;
  const dataset = await openDataset(paths, schema ? { schema } : {});
  const doc = schema ?? (await inferSchema(dataset));
  const rules = defineQualityRules(doc, {
    ...(flags.now === undefined ? {} : { now: flags.now }),
    ...(flags.level ? { level: flags.level } : {}),
  });
  const report = await validateDataQuality(dataset, rules, {
    ...(flags.now === undefined ? {} : { now: flags.now }),
    ...(flags.samples === undefined ? {} : { sampleSize: flags.samples }),
    ...(flags.threads === undefined ? {} : { threads: flags.threads }),
    ...(onProgress ? { onProgress } : {}),
  });
  // Every rule holds vacuously over no rows: an empty dataset would pass at any level.
  if (report.entities.every((e) => e.rows === 0)) {
    throw new TdmError(
      'QUALITY_DATASET_INVALID',
      `${paths.join(', ')}: no data rows to check (every rule would pass on nothing)`,
      { suggestedActions: ['Point at data with at least one row below the header.'] },
    );
  }
  return report;
}

const fixed = (x: number): string => x.toFixed(4);

/** A short human summary: verdict, metrics, failing rules, suggestions. */
export function qualityText(report: QualityReport): string {
  const m = report.metrics;
  const lines = [
    `quality: ${report.passed ? 'PASSED' : 'FAILED'} at level ${report.level} (overall ${fixed(m.overall)})`,
    `  completeness ${fixed(m.completeness)}  consistency ${fixed(m.consistency)}  accuracy ${fixed(m.accuracy)}`,
    `  validity ${fixed(m.validity)}  uniqueness ${fixed(m.uniqueness)}  businessRuleCompliance ${fixed(m.businessRuleCompliance)}`,
    `  ${report.entities.map((e) => `${e.name}: ${e.rows} rows`).join(', ')}; ${report.rules.length} rules checked`,
  ];
  const failing = report.rules.filter((r) => !r.passed);
  if (failing.length) {
    lines.push('failing rules:');
    for (const r of failing.slice(0, 50)) {
      lines.push(
        `  ✗ ${r.id}: ${r.error ? `could not run: ${r.error}` : `${r.failed} of ${r.checked} failed`}`,
      );
    }
  }
  const reasons = report.reasons.filter((r) => r.startsWith('overall'));
  reasons.forEach((r) => lines.push(`  ${r}`));
  const suggestions = suggestQualityImprovements(report);
  if (suggestions.length) {
    lines.push('suggestions:');
    suggestions.slice(0, 20).forEach((s) => lines.push(`  - ${s.message}`));
  }
  return lines.join('\n') + '\n';
}

/** Adds `tdm quality` to the program. */
export function registerQualityCommand(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('quality')
    .description(
      'check a dataset’s quality (exit 0 when the level passes, 1 when it fails, 2 bad flags, 3 unreadable or empty data)',
    )
    .argument('<paths...>', 'data files (csv, tsv, json, ndjson, parquet) or directories of them')
    .option('--schema <file>', 'check against the rules this DSL schema implies (and its quality: rules)')
    .option('--infer', 'infer a schema from the data and check against it (the default)')
    .addOption(
      new Option('--level <level>', 'quality level (default: the schema’s, else standard)').choices(
        qualityLevels,
      ),
    )
    .addOption(
      new Option('--output <style>', 'report style').choices(['text', 'json', 'html']).default('text'),
    )
    .option('--out <file>', 'write the report to a file instead of stdout')
    .option(
      '--now <iso>',
      'the generation instant relative bounds (-3y, now) count from',
      instantFlag('--now'),
    )
    .option(
      '--threads <n>',
      'threads checking large CSV/TSV files (default: CPUs, at most 8); the report is the same for any count',
      intFlag('--threads', 1, 64),
    )
    .option('-q, --quiet', 'no progress output (shown on stderr for checks longer than a second)')
    .action((paths: string[], flags: QualityFlags) =>
      runCodedCommand(io, setExit, async () => {
        // As tdm generate: no progress beside a machine-read report on stdout.
        const machine = flags.output !== 'text' && !flags.out;
        const progress = createCheckProgress(io.progressStream, flags.quiet === true || machine);
        let report: QualityReport;
        try {
          report = await runQuality(paths, flags, (p) => progress.update(p));
        } finally {
          progress.stop();
        }
        const text =
          flags.output === 'json'
            ? qualityReportJson(report)
            : flags.output === 'html'
              ? qualityReportHtml(report)
              : qualityText(report);
        if (flags.out) {
          await writeOutputFile(flags.out, text);
          io.out(
            `quality: ${report.passed ? 'PASSED' : 'FAILED'} at level ${report.level} (overall ${fixed(report.metrics.overall)}); report written to ${flags.out}\n`,
          );
        } else io.out(text);
        return report.passed ? ExitCode.OK : ExitCode.INVALID;
      }),
    );
}
