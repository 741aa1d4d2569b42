/**
 * @module A sample-made version's stored files read back as data: no schema can regenerate its
 * rows, so another format, a page of rows or a quality check reads the sealed files themselves
 * (unsealed as they stream, each checked against its recorded sha256 when read to the end), typed
 * by the column types the job wrote them with.
 */
import { createHash } from 'node:crypto';
import {
  columnsSchema,
  openDatasetEntities,
  type ColumnInfo,
  type DatasetFiles,
  type DatasetFormat,
  type DatasetSource,
} from '@tdm/core';
import type { BlobStore } from '../blob/index.js';
import { ServerError } from '../errors.js';
import { versionPrefix } from '../jobs/index.js';
import type { DatasetVersion } from '../store/index.js';
import { SampleError } from './errors.js';

/** Stored formats the reader streams; Parquet needs random access and SQL is not a table. */
const READABLE: Partial<Record<string, DatasetFormat>> = { csv: 'csv', json: 'json', ndjson: 'ndjson' };

interface StoredEntity {
  rows: number;
  files: Array<{ name: string; sha256: string }>;
  columns?: ColumnInfo[];
}

export interface SampleManifest {
  format: string;
  entities: Record<string, StoredEntity>;
}

export function manifestOf(v: Pick<DatasetVersion, 'manifest'>): SampleManifest {
  const m = (v.manifest ?? {}) as Partial<SampleManifest>;
  return { format: String(m.format ?? 'csv'), entities: m.entities ?? {} };
}

/** The file's plaintext; once read to its end, BLOB_TAMPERED unless it hashes to `sha256`. */
async function* verifiedChunks(
  blobs: BlobStore,
  teamId: string,
  key: string,
  file: { name: string; sha256: string } | undefined,
): AsyncGenerator<Uint8Array> {
  const stream = await blobs.getBlob(teamId, key);
  const hash = createHash('sha256');
  try {
    for await (const chunk of stream) {
      hash.update(chunk as Uint8Array);
      yield chunk as Uint8Array;
    }
  } finally {
    stream.destroy();
  }
  const actual = hash.digest('hex');
  if (file && actual !== file.sha256) {
    throw new ServerError('BLOB_TAMPERED', `stored file "${file.name}" does not match its recorded sha256`, {
      details: { file: file.name, expected: file.sha256, actual },
    });
  }
}

/**
 * The version's stored entities as a DatasetSource. Parquet and SQL versions are refused with
 * SAMPLE_VERSION_STATE_INVALID (409): the server cannot stream them back as rows.
 */
export async function storedSampleSource(
  blobs: BlobStore,
  v: Pick<DatasetVersion, 'teamId' | 'datasetId' | 'version' | 'manifest'>,
): Promise<DatasetSource> {
  const m = manifestOf(v);
  const format = READABLE[m.format];
  if (!format) {
    throw new SampleError(
      'SAMPLE_VERSION_STATE_INVALID',
      `version ${v.version} was made from a sample and is stored as ${m.format}, which cannot be read back as rows`,
      {
        details: { storedFormat: m.format, readable: Object.keys(READABLE) },
        suggestedActions: [
          `Download it as ${m.format} (no ?format=), or run the job again with format csv, json or ndjson.`,
        ],
      },
    );
  }
  const prefix = versionPrefix(v.datasetId, v.version);
  const recorded = new Map(Object.values(m.entities).flatMap((e) => e.files.map((f) => [f.name, f])));
  const access: DatasetFiles = {
    chunks: (file) => verifiedChunks(blobs, v.teamId, `${prefix}/${file}`, recorded.get(file)),
  };
  const entries = Object.entries(m.entities);
  const list = entries.map(([name, e]) => ({ name, files: e.files.map((f) => f.name), format }));
  // Versions written before the manifest kept column types are typed by inference.
  const typed = entries.every(([, e]) => Array.isArray(e.columns) && e.columns.length > 0);
  const schema = typed
    ? columnsSchema(entries.map(([name, e]) => ({ name, columns: e.columns! })))
    : undefined;
  return openDatasetEntities(list, { access, ...(schema ? { schema } : {}) });
}
