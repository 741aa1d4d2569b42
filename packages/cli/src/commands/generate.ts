/**
 * @module `tdm generate`: a schema into files (one per entity, or schema.sql + data.sql) plus
 * manifest.json, with progress.
 */
import { generateData, TdmError, type Dataset, type FormatName, type SqlDialect } from '@tdm/core';
import { directoryOutput } from '../fs-output.js';
import type { Io } from '../io.js';
import { createProgress } from '../progress.js';
import { readSchemaFile } from '../read-input.js';
import { todayUtc } from '../flags.js';

export interface GenerateFlags {
  /** Required locally; optional on the command line because remote mode may skip the download. */
  out?: string;
  format: FormatName;
  dialect?: SqlDialect;
  copy?: boolean;
  batchSize?: number;
  rowGroupRows?: number;
  seed?: number;
  scale?: number;
  workers: number;
  gzip?: boolean;
  now?: number;
  locale?: string;
  count?: Record<string, number>;
  engineVersion?: string;
  quiet?: boolean;
  output?: 'text' | 'json';
  /** Remote-only flags, refused here so they are never silently ignored. */
  team?: string;
  dataset?: string;
  download?: boolean;
}

function refuseRemoteOnly(flags: GenerateFlags): void {
  const given = [
    flags.team !== undefined ? '--team' : null,
    flags.dataset !== undefined ? '--dataset' : null,
    flags.download === false ? '--no-download' : null,
  ].filter((f) => f !== null);
  if (given.length) {
    throw new TdmError('INPUT_INVALID', `${given.join(', ')}: only for remote generation`, {
      suggestedActions: ['Add --server URL (or set TDM_SERVER) to run on a tdm server, or drop the flag.'],
    });
  }
}

export async function generate(schemaPath: string, flags: GenerateFlags, io: Io): Promise<Dataset> {
  refuseRemoteOnly(flags);
  if (!flags.out) {
    throw new TdmError('INPUT_INVALID', "required option '-o, --out <dir>' not specified", {
      suggestedActions: ['Pass --out <dir>: the directory the files are written to.'],
    });
  }
  const text = await readSchemaFile(schemaPath);
  const output = await directoryOutput(flags.out);
  const progress = createProgress(io.progressStream, flags.quiet === true || flags.output === 'json');
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    const dataset = await generateData(text, {
      output,
      format: flags.format,
      formatOptions: {
        ...(flags.dialect ? { dialect: flags.dialect } : {}),
        ...(flags.copy ? { copy: true } : {}),
        ...(flags.batchSize !== undefined ? { batchSize: flags.batchSize } : {}),
        ...(flags.rowGroupRows !== undefined ? { rowGroupRows: flags.rowGroupRows } : {}),
      },
      gzip: flags.gzip === true,
      workers: flags.workers,
      now: flags.now ?? todayUtc(),
      ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
      ...(flags.scale !== undefined ? { scale: flags.scale } : {}),
      ...(flags.locale !== undefined ? { locale: flags.locale } : {}),
      ...(flags.count !== undefined ? { counts: flags.count } : {}),
      ...(flags.engineVersion !== undefined ? { engineVersion: flags.engineVersion } : {}),
      signal: controller.signal,
      clock: { now: () => Date.now() },
      onProgress: (s) => progress.update(s),
    });
    return dataset;
  } finally {
    progress.stop();
    process.removeListener('SIGINT', onSigint);
  }
}
