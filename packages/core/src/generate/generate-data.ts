/**
 * @module generateData: the brief's DataGeneratorService entry point. Compiles the schema once,
 * streams every table through its format writer (in chunks, on worker threads when asked) with
 * backpressure, and writes a manifest. Cancel stops within a chunk and removes partial files.
 */
import {
  compileSchema,
  type CompiledSchema,
  type CompileOptions,
  type EntityRuntime,
  type TablePlan,
} from '../compile/index.js';
import { parseSchema, type SchemaDoc } from '../dsl/index.js';
import { TdmError } from '../errors/index.js';
import { getFormat, type FormatName, type FormatOptions, type TextFormat } from '../format/index.js';
import { checkEngineVersion } from '../version.js';
import { CHUNK_ROWS, rowsOf } from './chunks.js';
import { defaultJobs, type GenerationStatus, type JobHandle, type JobRegistry } from './jobs.js';
import { schemaHash, type Manifest } from './manifest.js';
import { TrackedFile, type FileInfo, type OutputPort } from './output.js';
import { WorkerPool } from './pool.js';
import { writeChunks } from './write-chunks.js';

export interface GenerationOptions extends CompileOptions {
  output: OutputPort;
  /** Output format (default csv). */
  format?: FormatName;
  formatOptions?: FormatOptions;
  gzip?: boolean;
  /**
   * Generating threads, the calling thread included (default 1: the calling thread alone; N adds
   * N - 1 worker threads that share the chunks with it).
   */
  workers?: number;
  /** Pin the engine version to reproduce an old dataset. */
  engineVersion?: string;
  jobId?: string;
  jobs?: JobRegistry;
  /** Cancels the generation when aborted (same effect as cancelGeneration). */
  signal?: AbortSignal;
  onProgress?: (status: GenerationStatus) => void;
  /** Rows per chunk (default CHUNK_ROWS, 8192). */
  chunkRows?: number;
  /** Write manifest.json (default true). */
  writeManifest?: boolean;
  /** Source of job timings (the core reads no clock of its own). */
  clock?: { now(): number };
  /** Informational, recorded by the platform (the brief's GenerationOptions). */
  teamId?: string;
  qualityLevel?: 'basic' | 'standard' | 'premium';
}

/** The brief's Dataset, for generated files: the data lives in the files the manifest lists. */
export interface Dataset {
  id: string;
  name: string;
  schema: SchemaDoc;
  manifest: Manifest;
}

/**
 * Generates a dataset into `options.output`.
 * @example
 *   const ds = await generateData(yamlText, { output: directoryOutput('out'), format: 'csv', now: Date.now() });
 *   console.log(ds.manifest.entities);
 */
export async function generateData(schema: unknown, options: GenerationOptions): Promise<Dataset> {
  const engineVersion = checkEngineVersion(options.engineVersion);
  const doc = parseSchema(schema);
  const compileOptions: CompileOptions = pickCompileOptions(options);
  const compiled = compileSchema(doc, compileOptions);
  compileOptions.now = compiled.now;
  const formatName = options.format ?? 'csv';
  const format = getFormat(formatName);
  const workers = options.workers ?? 1;
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) {
    throw new TdmError('INPUT_INVALID', `workers must be an integer from 1 to 64, got ${workers}`);
  }
  const totalRows = compiled.tables.reduce((s, t) => s + t.rowCount, 0);
  const jobs = options.jobs ?? defaultJobs;
  const job = jobs.create(totalRows, options.jobId);
  const run = new Run(compiled, options, job, formatName);
  const onAbort = (): void => job.requestCancel();
  if (options.signal?.aborted) job.requestCancel();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  job.status.status = 'running';
  if (options.clock) job.status.startTime = options.clock.now();
  try {
    const manifest = await run.execute(doc, engineVersion, format, workers, compileOptions);
    job.status.status = 'completed';
    job.status.progress = 100;
    return { id: job.status.jobId, name: compiled.name, schema: doc, manifest };
  } catch (e) {
    await run.cleanup();
    const cancelled = e instanceof TdmError && e.code === 'GENERATION_CANCELLED';
    job.status.status = cancelled ? 'cancelled' : 'failed';
    job.status.errorCode = e instanceof TdmError ? e.code : 'INTERNAL_ERROR';
    job.status.errorMessage = (e as Error).message;
    throw e;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    if (options.clock) job.status.endTime = options.clock.now();
    options.onProgress?.({ ...job.status });
    job.finish();
  }
}

function pickCompileOptions(o: GenerationOptions): CompileOptions {
  const c: CompileOptions = {};
  if (o.seed !== undefined) c.seed = o.seed;
  if (o.now !== undefined) c.now = o.now instanceof Date ? o.now.getTime() : o.now;
  if (o.scale !== undefined) c.scale = o.scale;
  if (o.counts !== undefined) c.counts = o.counts;
  if (o.locale !== undefined) c.locale = o.locale;
  return c;
}

class Run {
  private readonly created: string[] = [];
  private readonly formatOptions: FormatOptions;
  private readonly chunkRows: number;

  constructor(
    private readonly compiled: CompiledSchema,
    private readonly options: GenerationOptions,
    private readonly job: JobHandle,
    private readonly formatName: FormatName,
  ) {
    this.formatOptions = options.formatOptions ?? {};
    this.chunkRows = options.chunkRows ?? CHUNK_ROWS;
  }

  async execute(
    doc: SchemaDoc,
    engineVersion: string,
    format: ReturnType<typeof getFormat>,
    workers: number,
    compileOptions: CompileOptions,
  ): Promise<Manifest> {
    const { compiled } = this;
    const gzip = this.options.gzip === true;
    const suffix = gzip ? '.gz' : '';
    const entities: Manifest['entities'] = {};
    const files: FileInfo[] = [];
    // `workers` counts generating threads, this one included: N > 1 adds N - 1 worker threads.
    const pool =
      workers > 1 && format.kind === 'text'
        ? new WorkerPool(workers - 1, {
            doc,
            compile: compileOptions,
            format: this.formatName,
            formatOptions: this.formatOptions,
          })
        : null;
    try {
      if (format.kind === 'text' && format.singleFile) {
        for (const extra of format.extraFiles?.(compiled.tables, this.formatOptions) ?? []) {
          const f = await this.open(extra.name + suffix, gzip);
          await f.write(extra.content);
          files.push(await f.close());
        }
        const f = await this.open(`data.${format.extension}${suffix}`, gzip);
        await f.write(format.preamble?.(compiled.tables, this.formatOptions) ?? '');
        for (const table of compiled.tables) {
          await this.writeText(format, table, f, pool);
          entities[table.name] = { rows: table.rowCount, files: [] };
        }
        await f.write(format.postamble?.(compiled.tables, this.formatOptions) ?? '');
        files.push(await f.close());
      } else {
        for (const table of compiled.tables) {
          const f = await this.open(`${table.name}.${format.extension}${suffix}`, gzip);
          if (format.kind === 'text') await this.writeText(format, table, f, pool);
          else await this.writeRows(format, table, f);
          entities[table.name] = { rows: table.rowCount, files: [await f.close()] };
        }
      }
    } finally {
      await pool?.close();
    }
    const manifest: Manifest = {
      generator: 'tdm',
      engineVersion,
      name: compiled.name,
      seed: compiled.seed,
      now: new Date(compiled.now).toISOString(),
      scale: compiled.scale,
      locale: compiled.locale,
      format: this.formatName,
      ...(this.formatName === 'sql' ? { dialect: this.formatOptions.dialect ?? 'postgres' } : {}),
      gzip,
      schemaHash: schemaHash(doc),
      totalRows: compiled.tables.reduce((s, t) => s + t.rowCount, 0),
      entities,
      files,
    };
    if (this.options.writeManifest !== false) {
      const f = await this.open('manifest.json', false);
      await f.write(JSON.stringify(manifest, null, 2) + '\n');
      await f.close();
    }
    return manifest;
  }

  private async open(name: string, gzip: boolean): Promise<TrackedFile> {
    this.created.push(name);
    try {
      return new TrackedFile(name, await this.options.output.create(name), gzip);
    } catch (e) {
      throw new TdmError('GENERATION_OUTPUT_FAILED', `cannot create ${name}: ${(e as Error).message}`, {
        cause: e,
      });
    }
  }

  private async writeText(
    format: TextFormat,
    table: TablePlan,
    f: TrackedFile,
    pool: WorkerPool | null,
  ): Promise<void> {
    const enc = format.encoder(table, this.formatOptions, this.compiled.tables);
    const rt = this.compiled.runtimes.get(table.name) as EntityRuntime;
    this.job.status.entity = table.name;
    await f.write(enc.header());
    await writeChunks(
      {
        name: table.name,
        rt,
        enc,
        rows: table.rowCount,
        chunkRows: this.chunkRows,
        file: f,
        check: () => this.job.throwIfCancelled(),
        progress: (rows) => this.progress(rows),
      },
      pool,
    );
    await f.write(enc.footer());
  }

  private async writeRows(
    format: Extract<ReturnType<typeof getFormat>, { kind: 'rows' }>,
    table: TablePlan,
    f: TrackedFile,
  ): Promise<void> {
    const rt = this.compiled.runtimes.get(table.name) as EntityRuntime;
    const sink = format.open(table, this.formatOptions, f);
    this.job.status.entity = table.name;
    for (let start = 0; start < table.rowCount; start += this.chunkRows) {
      this.job.throwIfCancelled();
      const end = Math.min(table.rowCount, start + this.chunkRows);
      await sink.writeRows(rowsOf(rt, start, end));
      this.progress(end - start);
      await new Promise<void>((r) => setImmediate(r));
    }
    await sink.close();
  }

  private progress(rows: number): void {
    const s = this.job.status;
    s.rowsDone += rows;
    s.progress = s.rowsTotal === 0 ? 100 : Math.min(99, Math.floor((s.rowsDone / s.rowsTotal) * 100));
    this.options.onProgress?.({ ...s });
  }

  /** Removes every file this run created (after cancel or failure). */
  async cleanup(): Promise<void> {
    for (const name of this.created) {
      try {
        await this.options.output.remove(name);
      } catch {
        // Best effort: a file that was never created cannot be removed.
      }
    }
  }
}

/** The brief's getGenerationStatus: status of a generation started in this process. */
export function getGenerationStatus(jobId: string, jobs: JobRegistry = defaultJobs): GenerationStatus {
  return jobs.status(jobId);
}

/** The brief's cancelGeneration: stops within a chunk and removes partial files. */
export function cancelGeneration(jobId: string, jobs: JobRegistry = defaultJobs): Promise<void> {
  return jobs.cancel(jobId);
}
