/**
 * @module `tdm compare <real> <synthetic>`: the fidelity and privacy report of synthetic (or,
 * with `--masked`, masked) data against the real sample: column shapes, pair trends, an overall
 * score in [0, 1], exact copies, distance to closest record, PII replay and achieved k. Prints
 * text, JSON or an HTML page. Exit 1 when a `--statistical-accuracy` target is missed.
 */
import { Option, type Command } from 'commander';
import {
  detectPii,
  didYouMean,
  keyColumns,
  syntheticReportHtml,
  syntheticReportJson,
  TdmError,
  validateSyntheticQuality,
  type PiiColumn,
  type SampleTable,
  type SyntheticQualityReport,
} from '@tdm/core';
import { ExitCode } from '../exit-codes.js';
import { intFlag } from '../flags.js';
import type { Io } from '../io.js';
import { detectForeignKeys } from './profile.js';
import { runCodedCommand } from './coded-command.js';
import {
  choiceFlag,
  emit,
  fractionFlag,
  maxRowsOption,
  quasiFlag,
  checkOutputs,
  readSample,
} from './sample-common.js';

export interface CompareFlags {
  output: 'text' | 'json' | 'html';
  out?: string;
  holdout?: string;
  masked?: boolean;
  quasiIdentifiers?: Record<string, string[]>;
  statisticalAccuracy?: number;
  piiDetect?: boolean;
  maxRows?: number;
  seed?: number;
}

export async function runCompare(
  realPath: string,
  dataPath: string,
  flags: CompareFlags,
): Promise<SyntheticQualityReport> {
  const inputs = [realPath, dataPath, ...(flags.holdout ? [flags.holdout] : [])];
  await checkOutputs(inputs, [{ flag: '--out', path: flags.out, kind: 'file' }]);
  const real = await readSample([realPath], flags.maxRows);
  const data = await readSample([dataPath], flags.maxRows);
  const holdout = flags.holdout ? (await readSample([flags.holdout], flags.maxRows)).tables : undefined;
  checkQuasiIdentifiers(flags.quasiIdentifiers ?? {}, real.tables);
  const pii: PiiColumn[] =
    flags.piiDetect === false
      ? []
      : (await detectPii(real.tables)).map((f) => ({ table: f.table, column: f.column, kind: f.kind }));
  // Keys and foreign keys identify rows; their values are not data to score.
  const foreignKeys = detectForeignKeys(real.tables);
  return validateSyntheticQuality(real.tables, data.tables, {
    kind: flags.masked ? 'masked' : 'synthetic',
    pii,
    keys: keyColumns(real.tables, { pii, foreignKeys }),
    foreignKeys,
    ...(holdout ? { holdout } : {}),
    ...(flags.quasiIdentifiers ? { quasiIdentifiers: flags.quasiIdentifiers } : {}),
    ...(flags.statisticalAccuracy === undefined ? {} : { statisticalAccuracy: flags.statisticalAccuracy }),
    ...(flags.seed === undefined ? {} : { seed: flags.seed }),
  });
}

/** --quasi-identifiers must name the real sample's tables and columns (a typo gave no k at all). */
function checkQuasiIdentifiers(q: Record<string, string[]>, tables: readonly SampleTable[]): void {
  for (const [name, columns] of Object.entries(q)) {
    const t = tables.find((x) => x.name === name);
    const names = t ? t.columns.map((c) => c.name) : tables.map((x) => x.name);
    const unknown = t ? columns.find((c) => !names.includes(c)) : name;
    if (unknown === undefined) continue;
    const what = t ? `table "${name}" has no column "${unknown}"` : `no table "${name}" in the real sample`;
    throw new TdmError('INPUT_INVALID', `--quasi-identifiers: ${what}${didYouMean(unknown, names)}`, {
      suggestedActions: [`Use one of: ${names.join(', ')}.`],
    });
  }
}

const score = (x: number | null): string => (x === null ? 'n/a' : x.toFixed(4));
const pct = (x: number | null): string => (x === null ? 'n/a' : `${(x * 100).toFixed(2)}%`);

/** A short human summary of the report. */
export function compareText(r: SyntheticQualityReport): string {
  const lines = [
    `${r.kind} data: score ${score(r.score)} (column shapes ${score(r.columnShapes)}, pair trends ${score(r.pairTrends)})` +
      (r.target ? `; target ${r.target.statisticalAccuracy} ${r.target.passed ? 'PASSED' : 'MISSED'}` : ''),
    `privacy: exact copies ${pct(r.exactCopyRate)}, PII replay ${pct(r.piiReplayRate)}`,
  ];
  for (const t of r.tables) {
    const parts = [
      `${t.dataRows} rows vs ${t.realRows}`,
      `score ${score(t.score)}`,
      `shapes ${score(t.columnShapes)}`,
      `pairs ${score(t.pairTrends)}`,
      `copies ${t.exactCopies.copies}`,
    ];
    if (t.kAnonymity) parts.push(`k ${t.kAnonymity.k} on ${t.kAnonymity.columns.join(',')}`);
    lines.push(`  ${t.table}: ${parts.join(', ')}`);
    // The scores cover only the columns compared: say which were left out, or a masked table
    // whose personal columns were all rewritten reads as a perfect 1.0.
    const skipped = t.skippedColumns.map((c) => `${c.column} (${c.reason})`);
    if (skipped.length) lines.push(`    not scored: ${skipped.join(', ')}`);
    const changed = (t.cellsChanged ?? []).filter((c) => c.rate > 0);
    if (changed.length) {
      lines.push(`    cells changed: ${changed.map((c) => `${c.column} ${pct(c.rate)}`).join(', ')}`);
    }
    if (t.dcr) {
      lines.push(
        `    distance to closest real row: median ${t.dcr.data.median.toFixed(4)} (${t.dcr.baselineKind} baseline ${t.dcr.baseline.median.toFixed(4)}); ${pct(t.dcr.closerThanBaselineP5)} closer than the baseline's 5th percentile`,
      );
    }
    const worst = [...t.columns].sort((a, b) => a.score - b.score).slice(0, 3);
    if (worst.length && worst[0]!.score < 0.9) {
      lines.push(`    weakest columns: ${worst.map((c) => `${c.column} ${c.score.toFixed(3)}`).join(', ')}`);
    }
  }
  for (const n of r.notes) lines.push(`  note: ${n}`);
  return lines.join('\n') + '\n';
}

/** Adds `tdm compare` to the program. */
export function registerCompareCommand(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('compare')
    .description('score synthetic or masked data against the real sample: fidelity and privacy')
    .argument('<real>', 'the real sample: a data file or a directory of them')
    .argument('<synthetic>', 'the synthetic or masked data: a data file or a directory of them')
    .addOption(
      new Option('--output <style>', 'text, json or html')
        .argParser(choiceFlag('--output', ['text', 'json', 'html'] as const))
        .default('text'),
    )
    .option('--out <file>', 'write the report to a file instead of stdout')
    .option(
      '--holdout <path>',
      'real rows the synthesizer never saw: the distance-to-closest-record baseline',
    )
    .option('--masked', 'the data is the real data masked row by row (adds cells changed)')
    .option(
      '--quasi-identifiers <table:cols>',
      'report the achieved k on these columns, e.g. customers:zip,birth_year (repeatable)',
      quasiFlag,
    )
    .option(
      '--statistical-accuracy <x>',
      'target overall score in [0, 1]: exit 1 when missed',
      fractionFlag('--statistical-accuracy'),
    )
    .option('--no-pii-detect', 'do not detect PII columns in the real sample (no PII replay measure)')
    .addOption(maxRowsOption())
    .option('--seed <int>', 'seed of the distance samples', intFlag('--seed', 0, 2 ** 31 - 1))
    .action((realPath: string, dataPath: string, flags: CompareFlags) =>
      runCodedCommand(io, setExit, async () => {
        const report = await runCompare(realPath, dataPath, flags);
        const text =
          flags.output === 'json'
            ? syntheticReportJson(report)
            : flags.output === 'html'
              ? syntheticReportHtml(report)
              : compareText(report);
        await emit(io, text, flags.out);
        if (flags.out) io.out(`score ${score(report.score)}; report written to ${flags.out}\n`);
        return report.target && !report.target.passed ? ExitCode.INVALID : ExitCode.OK;
      }),
    );
}
