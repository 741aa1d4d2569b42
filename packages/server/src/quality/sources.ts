/**
 * @module What a quality check reads, without plaintext on disk: a version's sealed files
 * (unsealed as they stream), or, for formats the checker cannot read (Parquet needs random access,
 * SQL and XML are not tables), the same rows regenerated from the recipe as CSV; and uploads, sealed
 * into the blob store while they are checked.
 */
import type { Readable } from 'node:stream';
import {
  openDatasetEntities,
  type DatasetFiles,
  type DatasetFormat,
  type DatasetSource,
  type Manifest,
  type SchemaDoc,
} from '@tdm/core';
import type { BlobStore } from '../blob/index.js';
import { ServerError } from '../errors.js';
import { prepareRegeneration, regeneratedEntity, tableOf } from '../http/download/index.js';
import type { JobRecipe } from '../jobs/recipe.js';
import { versionPrefix } from '../jobs/version-files.js';
import type { Db } from '../store/index.js';

/** Formats the checker reads as stored; the others are checked on their regenerated CSV. */
const READABLE: Partial<Record<string, DatasetFormat>> = { csv: 'csv', json: 'json', ndjson: 'ndjson' };

export interface VersionFiles {
  teamId: string;
  datasetId: string;
  version: number;
  recipe: JobRecipe;
  manifest: Manifest;
}

/**
 * The version's data as a DatasetSource typed by its schema: stored files when their format is
 * readable, else every entity regenerated from the recipe as CSV (the same rows: decision 2).
 */
export async function versionSource(
  deps: { db: Db; blobs: BlobStore },
  v: VersionFiles,
  doc: SchemaDoc,
  options: { regenerate?: boolean } = {},
): Promise<{ source: DatasetSource; read: 'stored' | 'regenerated' }> {
  // An evicted version has no files: its rows come from the recipe.
  const format = options.regenerate ? undefined : READABLE[v.manifest.format];
  if (format) {
    const prefix = versionPrefix(v.datasetId, v.version);
    const access: DatasetFiles = {
      chunks: (file) => blobChunks(deps.blobs, v.teamId, `${prefix}/${file}`),
    };
    const list = Object.entries(v.manifest.entities).map(([name, e]) => ({
      name,
      files: e.files.map((f) => f.name),
      format,
    }));
    return { source: await openDatasetEntities(list, { schema: doc, access }), read: 'stored' };
  }
  const regen = await prepareRegeneration(deps.db, v, {
    format: 'csv',
    formatOptions: {},
    gzip: false,
  });
  const ignore = { rows: () => undefined, end: () => undefined };
  const access: DatasetFiles = {
    chunks: (file) => regeneratedEntity(regen, tableOf(regen, file.replace(/\.csv$/, ''), v.version), ignore),
  };
  const list = regen.compiled.tables.map((t) => ({
    name: t.name,
    files: [`${t.name}.csv`],
    format: 'csv' as const,
  }));
  return { source: await openDatasetEntities(list, { schema: doc, access }), read: 'regenerated' };
}

async function* blobChunks(blobs: BlobStore, teamId: string, key: string): AsyncGenerator<Uint8Array> {
  const stream: Readable = await blobs.getBlob(teamId, key);
  try {
    for await (const chunk of stream) yield chunk as Uint8Array;
  } finally {
    stream.destroy();
  }
}

/** A sealed upload: its blob key and the name and format the checker reads it under. */
export interface SealedUpload {
  key: string;
  entity: string;
  format: DatasetFormat;
  file: string;
  bytes: number;
}

const UPLOAD_FORMATS = ['csv', 'tsv', 'json', 'ndjson'] as const;
type UploadFormat = (typeof UPLOAD_FORMATS)[number];

const CONTENT_TYPES: Record<string, UploadFormat> = {
  'text/csv': 'csv',
  'application/csv': 'csv',
  'text/tab-separated-values': 'tsv',
  'application/x-ndjson': 'ndjson',
  'application/ndjson': 'ndjson',
  'application/jsonl': 'ndjson',
  'application/json': 'json',
};

/** The upload's format from `?format=` or its Content-Type; a coded error says what is accepted. */
export function uploadFormat(queryFormat: string | undefined, contentType: string | undefined): UploadFormat {
  const wanted = queryFormat ?? CONTENT_TYPES[(contentType ?? '').split(';')[0]!.trim().toLowerCase()];
  if (wanted && (UPLOAD_FORMATS as readonly string[]).includes(wanted)) return wanted as UploadFormat;
  throw new ServerError(
    'QUALITY_UPLOAD_INVALID',
    wanted
      ? `uploads of ${wanted} cannot be checked yet: send CSV, TSV, JSON or NDJSON`
      : `the upload's format is unknown (Content-Type "${(contentType ?? '').slice(0, 80)}")`,
    {
      details: { accepted: [...UPLOAD_FORMATS], contentTypes: Object.keys(CONTENT_TYPES) },
    },
  );
}

/**
 * Seals the request body into the blob store under `key`, refusing more than `maxBytes`
 * (QUALITY_UPLOAD_TOO_LARGE; the partial blob is discarded). Backpressure: the body is read as
 * fast as the sealed writer takes it.
 */
export async function sealUpload(
  blobs: BlobStore,
  teamId: string,
  key: string,
  body: AsyncIterable<unknown>,
  maxBytes: number,
): Promise<number> {
  const writer = await blobs.putBlob(teamId, key);
  let bytes = 0;
  try {
    for await (const chunk of body) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Uint8Array);
      bytes += buf.byteLength;
      if (bytes > maxBytes) {
        throw new ServerError('QUALITY_UPLOAD_TOO_LARGE', `the upload is over ${maxBytes} bytes`, {
          details: { maxBytes },
        });
      }
      await writer.write(buf);
    }
    if (bytes === 0) throw new ServerError('QUALITY_UPLOAD_INVALID', 'the upload is empty');
    await writer.close();
    return bytes;
  } catch (e) {
    await writer.abort().catch(() => undefined);
    throw e;
  }
}

/** The sealed upload as a DatasetSource (typed by `doc` when given, else inferred). */
export function uploadSource(
  blobs: BlobStore,
  teamId: string,
  upload: SealedUpload,
  doc: SchemaDoc | undefined,
): Promise<DatasetSource> {
  const access: DatasetFiles = { chunks: () => blobChunks(blobs, teamId, upload.key) };
  return openDatasetEntities([{ name: upload.entity, files: [upload.file], format: upload.format }], {
    ...(doc ? { schema: doc } : {}),
    access,
  });
}
