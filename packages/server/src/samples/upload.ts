/**
 * @module A sample upload: one table per request, its bytes hashed and sealed into the blob store
 * as they arrive (never plaintext on disk), capped at the upload limit, checked readable, then
 * recorded under the sample its name names (created with its expiry on first upload).
 */
import { createHash, randomUUID } from 'node:crypto';
import { isTdmError, openDatasetEntities, type DatasetFiles, type DatasetSource } from '@tdm/core';
import type { BlobStore } from '../blob/index.js';
import { isServerError, ServerError } from '../errors.js';
import { sealUpload, uploadFormat } from '../quality/index.js';
import type { Db } from '../store/index.js';
import { asRequestError, isSampleError, SampleError } from './errors.js';
import { purgeExpiredSample } from './retention.js';
import {
  addSampleFile,
  dropEmptySample,
  ensureSample,
  getSample,
  type SampleFileRecord,
  type SampleFormat,
  type SampleRecord,
} from './sample-repo.js';

const ENTITY = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export interface UploadInput {
  name: string;
  entity?: string | undefined;
  format?: string | undefined;
  contentType?: string | undefined;
  body: AsyncIterable<unknown>;
  maxBytes: number;
  /** When a sample created by this upload expires. */
  expiresAt: Date;
}

/** The entity given, else the sample's name made an identifier ("Sales 2024" -> "sales_2024"). */
export function entityName(name: string, entity: string | undefined): string {
  const e =
    entity ??
    (name
      .toLowerCase()
      .replace(/[^a-z0-9_]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .replace(/^(?=\d)/, 't_')
      .slice(0, 63) ||
      'data');
  if (!ENTITY.test(e)) {
    throw new SampleError('SAMPLE_REQUEST_INVALID', `entity "${e.slice(0, 60)}" is not a valid table name`, {
      details: { path: 'entity', pattern: ENTITY.source },
    });
  }
  return e;
}

/** The format from ?format= or Content-Type, as a sample code (the quality upload's rules). */
export function sampleFormat(query: string | undefined, contentType: string | undefined): SampleFormat {
  try {
    return uploadFormat(query, contentType);
  } catch (e) {
    if (!isServerError(e, 'QUALITY_UPLOAD_INVALID')) throw e;
    throw new SampleError(
      'SAMPLE_REQUEST_INVALID',
      e.message.replace('cannot be checked yet', 'are not accepted'),
      {
        details: { path: 'format', ...(e.details as object) },
      },
    );
  }
}

/** Tees the body through a sha256 as it streams. */
async function* hashed(body: AsyncIterable<unknown>, hash: ReturnType<typeof createHash>) {
  for await (const chunk of body) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Uint8Array);
    hash.update(buf);
    yield buf;
  }
}

/** The sealed blob as a readable source of one entity. */
export function sampleSource(blobs: BlobStore, teamId: string, files: readonly SampleFileRecord[]) {
  const byName = new Map(files.map((f) => [`${f.entity}.${f.format}`, f.blobKey]));
  const access: DatasetFiles = {
    chunks: (file) => blobChunks(blobs, teamId, byName.get(file) ?? file),
  };
  return openDatasetEntities(
    files.map((f) => ({ name: f.entity, files: [`${f.entity}.${f.format}`], format: f.format })),
    { access },
  ) as Promise<DatasetSource>;
}

async function* blobChunks(blobs: BlobStore, teamId: string, key: string): AsyncGenerator<Uint8Array> {
  const stream = await blobs.getBlob(teamId, key);
  try {
    for await (const chunk of stream) yield chunk as Uint8Array;
  } finally {
    stream.destroy();
  }
}

/**
 * Seals one uploaded table into the sample named `input.name`. Oversized: INPUT_TOO_LARGE (413);
 * unreadable: SAMPLE_REQUEST_INVALID; a table the sample already has: SAMPLE_CONFLICT. On any
 * failure the blob is removed, and a sample this upload created is removed with it.
 */
export async function uploadSampleTable(
  deps: { db: Db; blobs: BlobStore },
  teamId: string,
  input: UploadInput,
): Promise<SampleRecord> {
  const { db, blobs } = deps;
  const format = sampleFormat(input.format, input.contentType);
  const entity = entityName(input.name, input.entity);
  let { sample, created } = await ensureSample(db, teamId, input.name, input.expiresAt);
  if (sample.expiresAt.getTime() <= Date.now()) {
    // Its retention ended and the purge has not run yet: the name starts a new sample.
    await purgeExpiredSample(deps, teamId, sample.sampleId);
    ({ sample, created } = await ensureSample(db, teamId, input.name, input.expiresAt));
  }
  const key = `samples/${sample.sampleId}/${randomUUID()}-${entity}.${format}`;
  const hash = createHash('sha256');
  try {
    const bytes = await sealUpload(blobs, teamId, key, hashed(input.body, hash), input.maxBytes).catch(
      (e: unknown) => {
        if (isServerError(e, 'QUALITY_UPLOAD_TOO_LARGE')) {
          throw new ServerError('INPUT_TOO_LARGE', `the upload is over ${input.maxBytes} bytes`, {
            details: { maxBytes: input.maxBytes },
            suggestedActions: ['Upload a smaller sample, or raise TDM_UPLOAD_MAX_BYTES on the server.'],
          });
        }
        if (isServerError(e, 'QUALITY_UPLOAD_INVALID')) {
          throw new SampleError('SAMPLE_REQUEST_INVALID', e.message, { details: { path: 'body' } });
        }
        throw e;
      },
    );
    const file = { entity, format, blobKey: key, bytes, sha256: hash.digest('hex') };
    await readable(blobs, teamId, file);
    await addSampleFile(db, teamId, sample.sampleId, file);
  } catch (e) {
    await blobs.deleteBlob(teamId, key).catch(() => undefined);
    if (created) await dropEmptySample(db, teamId, sample.sampleId).catch(() => undefined);
    throw e;
  }
  return getSample(db, teamId, sample.sampleId);
}

/** Opens the table and reads its first rows: a file without a readable header is refused now. */
async function readable(
  blobs: BlobStore,
  teamId: string,
  file: Omit<SampleFileRecord, 'createdAt'>,
): Promise<void> {
  try {
    const source = await sampleSource(blobs, teamId, [{ ...file, createdAt: new Date() }]);
    const [e] = source.entities;
    if (!e || e.columns.length === 0) throw new Error('no columns');
  } catch (e) {
    const err = asRequestError(e);
    if (isSampleError(err)) throw err;
    throw new SampleError(
      'SAMPLE_REQUEST_INVALID',
      `table "${file.entity}" is not readable as ${file.format}: ${isTdmError(e) || e instanceof Error ? e.message : String(e)}`,
      {
        details: {
          path: 'body',
          entity: file.entity,
          format: file.format,
          ...(isTdmError(e) ? { code: e.code } : {}),
        },
      },
    );
  }
}
