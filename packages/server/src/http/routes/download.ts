/**
 * @module Version download: one entity's file streamed from the sealed blob store. The first
 * segment is authenticated before the status is sent, so a tampered file answers BLOB_TAMPERED
 * (422) instead of a 200 that breaks off.
 */
import { Readable } from 'node:stream';
import yazl from 'yazl';
import { routes } from '@tdm/contract';
import { ServerError } from '../../errors.js';
import { getDatasetVersion, type DatasetVersion } from '../../store/index.js';
import { mount, type Mount } from '../register.js';

const CONTENT_TYPES: Record<string, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json',
  ndjson: 'application/x-ndjson',
  xml: 'application/xml',
  sql: 'application/sql',
  parquet: 'application/vnd.apache.parquet',
};

interface FileEntry {
  name: string;
  bytes: number;
  sha256: string;
}

function entityFile(v: DatasetVersion, entity: string): FileEntry {
  const entities = (v.manifest?.entities ?? {}) as Record<string, { files?: FileEntry[] }>;
  const files = Object.hasOwn(entities, entity) ? entities[entity]?.files : undefined;
  if (!files) {
    throw new ServerError(
      'ENTITY_NOT_FOUND',
      `version ${v.version} has no entity "${entity.slice(0, 100)}"`,
      {
        details: { entity: entity.slice(0, 100), entities: Object.keys(entities) },
      },
    );
  }
  if (files.length !== 1) {
    throw new ServerError(
      'DOWNLOAD_ZIP_UNAVAILABLE',
      `entity "${entity}" has ${files.length} files; a zip is needed`,
    );
  }
  return files[0] as FileEntry;
}

/** Reads the first chunk (authenticating it), then hands back a stream of everything. */
async function primed(source: Readable): Promise<Readable> {
  const it = source[Symbol.asyncIterator]();
  const first = await it.next();
  return Readable.from(
    (async function* () {
      if (first.done) return;
      yield first.value as Buffer;
      for (let n = await it.next(); !n.done; n = await it.next()) yield n.value as Buffer;
    })(),
    { objectMode: false },
  );
}

function zipName(datasetId: string, version: number): string {
  return `${datasetId}-v${version}.zip`.replace(/[^\w.-]/g, '_');
}

/**
 * Every file of the version (and its manifest) as one zip, streamed: each blob is opened only when
 * the zip reaches it. The first file is authenticated before the status is sent; a later file that
 * fails to authenticate aborts the stream, so a client never gets a complete zip holding it.
 */
async function zipOf(m: Mount, teamId: string, v: DatasetVersion): Promise<Readable> {
  const keys = [...v.blobKeys].sort();
  const zip = new yazl.ZipFile();
  const first = keys[0] ? await primed(await m.deps.blobs.getBlob(teamId, keys[0])) : null;
  keys.forEach((key, i) => {
    const name = key.slice(key.lastIndexOf('/') + 1);
    zip.addReadStreamLazy(name, (cb) => {
      if (i === 0 && first) return cb(null, first);
      m.deps.blobs.getBlob(teamId, key).then(
        (stream) => cb(null, stream),
        (e: unknown) => cb(e, Readable.from([])),
      );
    });
  });
  zip.end();
  const out = zip.outputStream as Readable;
  zip.on('error', (e: Error) => out.destroy(e));
  return out;
}

export function mountDownload(m: Mount): void {
  mount(m, routes.downloadVersion, async ({ params, query, reply, audit }) => {
    const teamId = params.teamId;
    const v = await getDatasetVersion(m.deps.db, teamId, params.datasetId, params.version);
    const format = String(v.manifest?.format ?? v.recipe.format ?? '');
    audit.details = { datasetId: params.datasetId, version: params.version, entity: query.entity ?? null };
    if (query.format !== undefined && query.format !== format) {
      throw new ServerError(
        'FORMAT_UNSUPPORTED',
        `version ${v.version} was written as ${format}, not ${query.format}`,
        {
          suggestedActions: [`Ask for format=${format}, or start a job that writes ${query.format}.`],
        },
      );
    }
    if (query.entity === undefined) {
      reply
        .header('content-type', 'application/zip')
        .header('content-disposition', `attachment; filename="${zipName(params.datasetId, v.version)}"`);
      return zipOf(m, teamId, v);
    }
    const file = entityFile(v, query.entity);
    const key = v.blobKeys.find((k) => k.endsWith(`/${file.name}`));
    if (!key)
      throw new ServerError('BLOB_NOT_FOUND', `file "${file.name}" of version ${v.version} is not stored`);
    const body = await primed(await m.deps.blobs.getBlob(teamId, key));
    reply
      .header('content-type', CONTENT_TYPES[format] ?? 'application/octet-stream')
      .header('content-disposition', `attachment; filename="${file.name.replace(/[^\w.-]/g, '_')}"`)
      .header('x-content-sha256', file.sha256);
    return body;
  });
}
