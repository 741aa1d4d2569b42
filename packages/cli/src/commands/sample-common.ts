/**
 * @module What the sample-learning commands (profile, detect-pii, mask, synthesize, compare)
 * share: flag parsers that fail with one coded line, reading a sample, writing a result to a file
 * or stdout (coded-command.ts runs their bodies: one coded line per failure, its exit code from
 * exit-codes.ts: bad flags or options 2, unreadable input 3).
 */
import { readdir, readFile, realpath } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import {
  loadSample,
  openDataset,
  TdmError,
  WRITE_FORMATS,
  writeDataset,
  type DatasetSource,
  type SampleTable,
  type SchemaDoc,
  type SqlDialect,
  type WriteFormat,
  type WriteReference,
  type WrittenFile,
} from '@tdm/core';
import { directoryOutput, outputFailed, statOf } from '../fs-output.js';
import { Option, type Command } from 'commander';
import { writeOutputFile } from './coded-command.js';
import { intFlag } from '../flags.js';
import type { Io } from '../io.js';

function bad(flag: string, value: string, expected: string, example: string): TdmError {
  return new TdmError('INPUT_INVALID', `${flag}: "${value}" is not ${expected}`, {
    suggestedActions: [`Pass ${flag} ${example}.`],
  });
}

/** One of a fixed set of words. */
export function choiceFlag<T extends string>(flag: string, choices: readonly T[]) {
  return (value: string): T => {
    if ((choices as readonly string[]).includes(value)) return value as T;
    throw bad(flag, value, `one of ${choices.join(', ')}`, choices.join(' or '));
  };
}

/** A number in [0, 1]. */
export function fractionFlag(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !(n >= 0 && n <= 1)) throw bad(flag, value, 'a number from 0 to 1', '0.8');
    return n;
  };
}

/** `--rows 1000` for every table, or `--rows customers=1000` (repeatable) per table. */
export function rowsFlag(
  value: string,
  previous?: number | Record<string, number>,
): number | Record<string, number> {
  const v = value.trim();
  const whole = /^\d{1,9}$/.exec(v);
  const per = /^([^=\s]+)=(\d{1,9})$/.exec(v);
  if (!whole && !per)
    throw bad('--rows', value, 'a row count or table=rows', '1000 or --rows customers=1000');
  const mixed = (typeof previous === 'number' && per) || (typeof previous === 'object' && whole);
  if (mixed) {
    throw new TdmError('INPUT_INVALID', '--rows: give one count for every table or table=rows, not both', {
      suggestedActions: ['Pass --rows 1000, or --rows customers=1000 --rows orders=5000.'],
    });
  }
  if (whole) return Number(v);
  return { ...(previous as Record<string, number> | undefined), [per![1]!]: Number(per![2]) };
}

/** `--quasi-identifiers customers:zip,birth_year` (repeatable). */
export function quasiFlag(value: string, previous: Record<string, string[]> = {}): Record<string, string[]> {
  const m = /^([^:\s]+):([^:\s]+)$/.exec(value.trim());
  const cols = m?.[2]?.split(',').filter((c) => c !== '');
  if (!m || !cols?.length) {
    throw bad('--quasi-identifiers', value, 'of the form table:column,column', 'customers:zip,birth_year');
  }
  return { ...previous, [m[1]!]: cols };
}

/**
 * Checks the output flags before any work: --out is required (no default directory), and the
 * format options must fit the format.
 */
export function checkWriteFlags(flags: WriteFlags, what: string): string {
  if (!flags.out) {
    throw new TdmError('INPUT_INVALID', "required option '-o, --out <dir>' not specified", {
      suggestedActions: [`Pass --out <dir>: the directory the ${what} files go to.`],
    });
  }
  if (flags.dialect && flags.format !== 'sql') {
    throw new TdmError('INPUT_INVALID', `--dialect applies to --format sql, not ${flags.format}`, {
      suggestedActions: ['Add --format sql, or drop --dialect.'],
    });
  }
  if (flags.gzip && flags.format === 'parquet') {
    throw new TdmError('INPUT_INVALID', '--gzip does not apply to parquet', {
      suggestedActions: ['Drop --gzip: parquet files are compressed page by page already.'],
    });
  }
  return flags.out;
}

/** `--max-rows <n>`: rows loaded per sample table. */
export function maxRowsOption(): Option {
  return new Option('--max-rows <n>', 'rows read per sample table (default 1000000)').argParser(
    intFlag('--max-rows', 1, 100_000_000),
  );
}

/** A child column referencing a parent key (the shape of the synthesizer's and profile's foreign keys). */
export interface Relationship {
  from: { table: string; column: string };
  to: { table: string; column: string };
}

export interface Sample {
  source: DatasetSource;
  tables: SampleTable[];
}

/** Opens the files or directories of a sample and loads them (at most `maxRows` rows per table). */
export async function readSample(paths: string[], maxRows?: number): Promise<Sample> {
  const source = await openDataset(paths);
  const tables = await loadSample(source, maxRows === undefined ? {} : { maxRows });
  const empty = tables.filter((t) => t.rows === 0).map((t) => t.name);
  if (empty.length) {
    throw new TdmError('SAMPLE_INVALID', `no data rows in ${empty.join(', ')}`, {
      suggestedActions: ['Give a sample with at least one data row per table.'],
    });
  }
  return { source, tables };
}

/** A small text input file (rules, secrets), with a coded error when it cannot be read. */
export async function readTextFile(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    throw new TdmError(
      'INPUT_FILE_NOT_FOUND',
      `cannot read ${what} ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      { suggestedActions: ['Check the path exists and is readable.'] },
    );
  }
}

/** Writes `text` to `out`, or to stdout without it. */
export async function emit(io: Io, text: string, out?: string): Promise<void> {
  if (out) await writeOutputFile(out, text);
  else io.out(text);
}

/** The real path of `path`, or of its nearest existing ancestor joined with the rest. */
async function realOf(path: string): Promise<string> {
  const abs = resolve(path);
  try {
    return await realpath(abs);
  } catch {
    const parent = dirname(abs);
    return parent === abs ? abs : join(await realOf(parent), basename(abs));
  }
}

/** An output of a command: a result file, or the directory data files go to. */
export interface OutputTarget {
  flag: string;
  path: string | undefined;
  kind: 'file' | 'dir';
}

/**
 * Checks the outputs before any work, so nothing is half written: a result file's directory
 * exists, an output directory is not a file, and no output is an input (writing masked or
 * synthetic files into the sample's own directory replaced the real data, or truncated the files
 * while they were being read).
 */
export async function checkOutputs(
  inputs: readonly string[],
  outputs: readonly OutputTarget[],
): Promise<void> {
  const inputDirs = new Set<string>();
  const inputFiles = new Set<string>();
  for (const p of inputs) {
    const st = await statOf(p);
    if (!st) continue;
    const real = await realOf(p);
    if (st.isDirectory()) {
      inputDirs.add(real);
      for (const name of await readdir(real)) inputFiles.add(join(real, name));
    } else {
      inputFiles.add(real);
      inputDirs.add(dirname(real));
    }
  }
  for (const o of outputs) {
    if (o.path === undefined) continue;
    const real = await realOf(o.path);
    const st = await statOf(o.path);
    if (o.kind === 'dir') {
      if (st && !st.isDirectory())
        throw outputFailed(
          o.flag,
          o.path,
          'is a file, not a directory',
          'Pass a directory (it is created if missing).',
        );
      if (inputDirs.has(real)) {
        throw new TdmError(
          'INPUT_INVALID',
          `${o.flag} ${o.path}: the sample is read from this directory; writing there would overwrite it`,
          {
            suggestedActions: [
              `Pass ${o.flag} a directory that holds no input file, e.g. ${o.path.replace(/\/+$/, '')}-out.`,
            ],
          },
        );
      }
      continue;
    }
    if (inputFiles.has(real)) {
      throw new TdmError(
        'INPUT_INVALID',
        `${o.flag} ${o.path}: is an input file; writing it would overwrite the sample`,
        {
          suggestedActions: [`Pass ${o.flag} another file name.`],
        },
      );
    }
    if (st?.isDirectory())
      throw outputFailed(
        o.flag,
        o.path,
        'is a directory',
        `Pass ${o.flag} a file name, e.g. ${join(o.path, 'report.json')}.`,
      );
    const parent = await statOf(dirname(resolve(o.path)));
    if (!parent?.isDirectory())
      throw outputFailed(
        o.flag,
        o.path,
        `directory ${dirname(o.path)} does not exist`,
        'Create the directory first, or pass another path.',
      );
  }
}

export interface WriteFlags {
  out?: string;
  format: WriteFormat;
  gzip?: boolean;
  dialect?: SqlDialect;
}

/** `--out`, `--format`, `--gzip`, `--dialect`: where and how data files are written. */
export function addWriteOptions(cmd: Command, what: string): Command {
  return cmd
    .option('-o, --out <dir>', `directory the ${what} files go to (required)`)
    .addOption(
      new Option('-f, --format <format>', WRITE_FORMATS.join(', '))
        .argParser(choiceFlag('--format', WRITE_FORMATS))
        .default('csv'),
    )
    .option('--gzip', 'gzip every data file (not parquet)')
    .addOption(
      new Option('--dialect <dialect>', 'sql: postgres, mysql or sqlite').argParser(
        choiceFlag('--dialect', ['postgres', 'mysql', 'sqlite'] as const),
      ),
    );
}

/**
 * Runs `fn` with a signal that Ctrl-C aborts: writing stops within a batch, removes its partial
 * files and fails with GENERATION_CANCELLED (exit 130).
 */
export async function interruptible<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    return await fn(controller.signal);
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}

/** Writes a dataset to `--out` in `--format`, with a manifest; returns the files written. */
export async function writeTo(
  source: DatasetSource,
  flags: WriteFlags,
  what: string,
  extra: {
    producedBy: string;
    seed?: number;
    schema?: SchemaDoc;
    name?: string;
    references?: WriteReference[];
    signal?: AbortSignal;
  },
): Promise<WrittenFile[]> {
  const out = checkWriteFlags(flags, what);
  return writeDataset(source, {
    output: await directoryOutput(out),
    format: flags.format,
    gzip: flags.gzip === true,
    ...(flags.dialect ? { dialect: flags.dialect } : {}),
    ...extra,
  });
}

/** "customers.csv (1000 rows, 81234 bytes)" lines. */
export function filesText(files: readonly WrittenFile[]): string {
  return files
    .filter((f) => f.name !== 'manifest.json')
    .map(
      (f) =>
        `  ${f.name}${f.entity || f.rows > 0 ? ` (${f.rows} rows, ${f.bytes} bytes)` : ` (${f.bytes} bytes)`}\n`,
    )
    .join('');
}
