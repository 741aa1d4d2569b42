/**
 * @module A version regenerated from its recipe in another format (DESIGN.md decision 2: schema,
 * seed, scale, counts, engine version and "now" reproduce it exactly), streamed with backpressure:
 * one entity's file, or a zip of every file generateData writes. Closing the stream early (a
 * client that goes away) aborts the generation; nothing is kept, so nothing is left behind.
 */
import { pipeline, type Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import yazl from 'yazl';
import {
  CHUNK_ROWS,
  encodeChunk,
  generateData,
  getFormat,
  JobRegistry,
  rowsOf,
  type CompiledSchema,
  type FormatName,
  type FormatOptions,
  type OutputPort,
  type SchemaDoc,
  type TablePlan,
} from '@tdm/core';
import { ServerError } from '../../errors.js';
import { recipeOptions, type JobRecipe } from '../../jobs/recipe.js';
import type { DatasetVersion, Db } from '../../store/index.js';
import { compileRecipe } from './compile-recipe.js';
import { PushStream } from './push-stream.js';

export interface Regeneration {
  doc: SchemaDoc;
  recipe: JobRecipe;
  compiled: CompiledSchema;
  format: FormatName;
  formatOptions: FormatOptions;
  gzip: boolean;
}

/** How streamed work reports itself (metrics): rows as they are made, and how it ended, once. */
export interface RegenerationHooks {
  rows(n: number): void;
  end(outcome: 'completed' | 'aborted' | 'failed', error?: unknown): void;
}

/** Loads the recipe's schema (checked against its hash) and compiles it, before any byte is sent. */
export async function prepareRegeneration(
  db: Db,
  v: Pick<DatasetVersion, 'teamId' | 'recipe'>,
  want: { format: FormatName; formatOptions: FormatOptions; gzip: boolean },
): Promise<Regeneration> {
  return { ...(await compileRecipe(db, v)), ...want };
}

/** The table named `entity`; ENTITY_NOT_FOUND (with the names there are) otherwise. */
export function tableOf(r: Regeneration, entity: string, version: number): TablePlan {
  const table = r.compiled.tables.find((t) => t.name === entity);
  if (!table) {
    throw new ServerError('ENTITY_NOT_FOUND', `version ${version} has no entity "${entity.slice(0, 100)}"`, {
      details: { entity: entity.slice(0, 100), entities: r.compiled.tables.map((t) => t.name) },
    });
  }
  return table;
}

export function entityFileName(r: Regeneration, table: TablePlan): string {
  return `${table.name}.${getFormat(r.format).extension}${r.gzip ? '.gz' : ''}`;
}

const yieldToLoop = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Writes one table as generateData writes its file (header, rows, footer; a row-sink format such as
 * Parquet through its sink). SQL, whose dataset file holds every table, gets this table's statements
 * inside the dialect's data preamble and postamble, to load after schema.sql.
 */
async function writeTable(
  r: Regeneration,
  table: TablePlan,
  out: PushStream,
  signal: AbortSignal,
  rows: (n: number) => void,
) {
  const format = getFormat(r.format);
  const rt = r.compiled.runtimes.get(table.name);
  if (!rt) throw new ServerError('ENTITY_NOT_FOUND', `no runtime for entity "${table.name}"`);
  if (format.kind === 'text') {
    const sql = format.singleFile === true;
    if (sql) await out.write(format.preamble?.([table], r.formatOptions) ?? '');
    const enc = format.encoder(table, r.formatOptions, r.compiled.tables);
    await out.write(enc.header());
    for (let start = 0; start < table.rowCount; start += CHUNK_ROWS) {
      signal.throwIfAborted();
      const end = Math.min(table.rowCount, start + CHUNK_ROWS);
      await out.write(encodeChunk(rt, enc, start, end));
      rows(end - start);
      await yieldToLoop();
    }
    await out.write(enc.footer());
    if (sql) await out.write(format.postamble?.([table], r.formatOptions) ?? '');
  } else {
    const sink = format.open(table, r.formatOptions, out);
    for (let start = 0; start < table.rowCount; start += CHUNK_ROWS) {
      signal.throwIfAborted();
      const end = Math.min(table.rowCount, start + CHUNK_ROWS);
      await sink.writeRows(rowsOf(rt, start, end));
      rows(end - start);
      await yieldToLoop();
    }
    await sink.close();
  }
  await out.close();
}

/**
 * Runs `work` behind a streamed body; an early close of `out` (a client that goes away) aborts it,
 * a failure of its own breaks `out` off. Shared by regenerated and converted downloads.
 */
export function drive(
  out: Readable,
  hooks: RegenerationHooks,
  work: (signal: AbortSignal) => Promise<void>,
): void {
  const controller = new AbortController();
  out.once('close', () => controller.abort());
  work(controller.signal).then(
    () => hooks.end('completed'),
    (e: unknown) => {
      if (controller.signal.aborted) return hooks.end('aborted');
      out.destroy(e as Error);
      hooks.end('failed', e);
    },
  );
}

/** One entity's file in the wanted format, generated as it is read. */
export function regeneratedEntity(r: Regeneration, table: TablePlan, hooks: RegenerationHooks): Readable {
  const raw = new PushStream();
  const out = r.gzip ? pipeline(raw, createGzip({ level: 6 }), () => undefined) : raw;
  drive(out, hooks, (signal) => writeTable(r, table, raw, signal, hooks.rows));
  return out;
}

/** Every file generateData writes in the wanted format (manifest.json included), as one zip. */
export function regeneratedZip(r: Regeneration, hooks: RegenerationHooks): Readable {
  const zip = new yazl.ZipFile();
  const entries: PushStream[] = [];
  const port: OutputPort = {
    async create(name) {
      const entry = new PushStream();
      entries.push(entry);
      zip.addReadStream(entry, name);
      return entry;
    },
    // Nothing is kept: a failed or aborted run has only the stream to break off.
    async remove() {},
  };
  const out = zip.outputStream as Readable;
  zip.on('error', (e: Error) => out.destroy(e));
  // The entry being written waits for the zip to read it; destroying it wakes and fails that write.
  out.once('close', () => entries.forEach((e) => e.destroy()));
  let done = 0;
  drive(out, hooks, async (signal) => {
    await generateData(r.doc, {
      ...recipeOptions(r.recipe),
      format: r.format,
      formatOptions: r.formatOptions,
      gzip: r.gzip,
      output: port,
      jobs: new JobRegistry(),
      signal,
      onProgress: (s) => {
        hooks.rows(s.rowsDone - done);
        done = s.rowsDone;
      },
    });
    zip.end();
  });
  return out;
}
