/**
 * @module A sample-made version in another format: its stored files read back (sha256-checked)
 * and written again by core's writeDataset, streamed with backpressure as they are converted:
 * one entity's file or a zip of every file (manifest.json included). A client that goes away
 * aborts the conversion; nothing is kept.
 */
import type { Readable } from 'node:stream';
import yazl from 'yazl';
import {
  getFormat,
  WRITE_FORMATS,
  writeDataset,
  type DatasetSource,
  type FormatName,
  type OutputFile,
  type OutputPort,
  type SqlDialect,
  type WriteFormat,
  type WriteReference,
} from '@tdm/core';
import type { BlobStore } from '../blob/index.js';
import { ServerError } from '../errors.js';
import { drive, PushStream, type RegenerationHooks } from '../http/download/index.js';
import type { DatasetVersion } from '../store/index.js';
import { SampleError } from './errors.js';
import { storedSampleSource } from './stored-source.js';

export interface Conversion {
  format: FormatName;
  gzip: boolean;
  dialect?: SqlDialect;
}

/** How the work reports itself (the download metrics): rows written, and how it ended, once. */
export type ConversionHooks = RegenerationHooks;

export interface Converted {
  body: Readable;
  /** The file's name (one entity), or null for a zip. */
  fileName: string | null;
}

function writeFormat(v: Pick<DatasetVersion, 'version'>, want: Conversion): WriteFormat {
  if ((WRITE_FORMATS as readonly string[]).includes(want.format)) {
    if (want.format === 'parquet' && want.gzip) {
      throw new ServerError('REQUEST_INVALID', 'invalid request: query.gzip: parquet is not gzipped', {
        details: { issues: [{ path: 'query.gzip', message: 'parquet is not gzipped', code: 'custom' }] },
      });
    }
    return want.format as WriteFormat;
  }
  throw new SampleError(
    'SAMPLE_VERSION_STATE_INVALID',
    `version ${v.version} was made from a sample: it converts to ${WRITE_FORMATS.join(', ')}, not ${want.format}`,
    {
      details: { format: want.format, formats: [...WRITE_FORMATS] },
      suggestedActions: [`Ask for one of ${WRITE_FORMATS.join(', ')}.`],
    },
  );
}

/** The foreign keys a synthesize job recorded, for SQL keys (those between written tables only). */
function referencesOf(v: Pick<DatasetVersion, 'recipe'>, tables: ReadonlySet<string>): WriteReference[] {
  const fks = (v.recipe as { foreignKeys?: unknown }).foreignKeys;
  return (Array.isArray(fks) ? (fks as WriteReference[]) : []).filter(
    (r) => tables.has(r.from?.table) && tables.has(r.to?.table),
  );
}

const discard: OutputFile = { write: async () => undefined, close: async () => undefined };

/**
 * The version (its files present: rebuild an evicted one first) converted. Everything that can be
 * refused is refused before the first byte (format, entity, an unreadable or tampered file head);
 * `started` is called once the conversion is under way.
 */
export async function convertedSampleVersion(
  blobs: BlobStore,
  v: DatasetVersion,
  want: Conversion,
  entity: string | undefined,
  started: () => ConversionHooks,
): Promise<Converted> {
  const format = writeFormat(v, want);
  const all = await storedSampleSource(blobs, v);
  const source: DatasetSource =
    entity === undefined ? all : { entities: all.entities.filter((e) => e.name === entity) };
  if (entity !== undefined && source.entities.length === 0) {
    throw new ServerError(
      'ENTITY_NOT_FOUND',
      `version ${v.version} has no entity "${entity.slice(0, 100)}"`,
      {
        details: { entity: entity.slice(0, 100), entities: all.entities.map((e) => e.name) },
      },
    );
  }
  const m = (v.manifest ?? {}) as { name?: unknown; seed?: unknown; producedBy?: unknown };
  const options = {
    format,
    gzip: want.gzip,
    ...(format === 'sql' ? { dialect: want.dialect ?? 'postgres' } : {}),
    references: referencesOf(v, new Set(source.entities.map((e) => e.name))),
    name: typeof m.name === 'string' ? m.name : v.datasetId,
    ...(typeof m.producedBy === 'string' ? { producedBy: m.producedBy } : {}),
    ...(typeof m.seed === 'number' ? { seed: m.seed } : {}),
  };
  const hooks = started();
  let rows = 0;
  const onProgress = (n: number) => (hooks.rows(n - rows), (rows = n));
  if (entity !== undefined) {
    // One entity: its data file (sql: data.sql, this table's statements) is the body; the rest is dropped.
    const fmt = getFormat(format);
    const suffix = want.gzip ? '.gz' : '';
    const wanted =
      fmt.kind === 'text' && fmt.singleFile ? `data.${fmt.extension}` : `${entity}.${fmt.extension}`;
    const out = new PushStream();
    const port: OutputPort = {
      create: async (name) => (name === wanted + suffix ? out : discard),
      remove: async () => undefined,
    };
    drive(out, hooks, async (signal) => {
      await writeDataset(source, { ...options, output: port, manifest: false, signal, onProgress });
    });
    return { body: out, fileName: `${entity}.${fmt.extension}${suffix}` };
  }
  const zip = new yazl.ZipFile();
  const entries: PushStream[] = [];
  const port: OutputPort = {
    async create(name) {
      const entry = new PushStream();
      entries.push(entry);
      zip.addReadStream(entry, name);
      return entry;
    },
    remove: async () => undefined,
  };
  const out = zip.outputStream as Readable;
  zip.on('error', (e: Error) => out.destroy(e));
  // The entry being written waits for the zip to read it; destroying it wakes and fails that write.
  out.once('close', () => entries.forEach((e) => e.destroy()));
  drive(out, hooks, async (signal) => {
    await writeDataset(source, { ...options, output: port, signal, onProgress });
    zip.end();
  });
  return { body: out, fileName: null };
}
