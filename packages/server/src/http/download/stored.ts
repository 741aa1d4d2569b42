/**
 * @module A version's stored files, streamed from the sealed blob store: one entity's file or a zip
 * of all. The first segment is authenticated before the status is sent (a tampered file answers
 * BLOB_TAMPERED instead of a 200 that breaks off), and every file with a recorded sha256 is checked
 * on the way out, its last chunk held back until the digest matches, so a client never receives a
 * complete file that differs from the manifest.
 */
import { createHash } from 'node:crypto';
import { pipeline, Readable, Transform } from 'node:stream';
import yazl from 'yazl';
import { ServerError } from '../../errors.js';
import type { DatasetVersion } from '../../store/index.js';
import type { BlobStore } from '../../blob/index.js';

export interface FileEntry {
  name: string;
  bytes: number;
  sha256: string;
}

/** Every file the manifest records (entity files and dataset-wide ones such as schema.sql). */
export function manifestEntries(v: DatasetVersion): FileEntry[] {
  const m = (v.manifest ?? {}) as { entities?: Record<string, { files?: FileEntry[] }>; files?: FileEntry[] };
  return [...Object.values(m.entities ?? {}).flatMap((e) => e.files ?? []), ...(m.files ?? [])];
}

/** The entity's files in the manifest; ENTITY_NOT_FOUND (with the names there are) otherwise. */
export function entityFiles(v: DatasetVersion, entity: string): FileEntry[] {
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
  return files;
}

/** Reads the first chunk (authenticating it), then hands back a stream of everything. */
async function primed(source: Readable): Promise<Readable> {
  const it = source[Symbol.asyncIterator]();
  const first = await it.next();
  const out = Readable.from(
    (async function* () {
      if (first.done) return;
      yield first.value as Buffer;
      for (let n = await it.next(); !n.done; n = await it.next()) yield n.value as Buffer;
    })(),
    { objectMode: false },
  );
  // A reader that goes away early must not leave the blob's file open.
  out.once('close', () => source.destroy());
  return out;
}

/** Passes bytes through, holding the last chunk back until the whole file hashes to `sha256`. */
export function verifySha256(name: string, sha256: string): Transform {
  const hash = createHash('sha256');
  let held: Buffer | null = null;
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      const out = held;
      held = chunk;
      cb(null, out ?? undefined);
    },
    flush(cb) {
      const actual = hash.digest('hex');
      if (actual !== sha256) {
        cb(
          new ServerError('BLOB_TAMPERED', `stored file "${name}" does not match its recorded sha256`, {
            details: { file: name, expected: sha256, actual },
          }),
        );
        return;
      }
      cb(null, held ?? undefined);
    },
  });
}

/** One stored file, authenticated at its first segment and checked against its sha256. */
export async function storedFile(
  blobs: BlobStore,
  teamId: string,
  key: string,
  file: FileEntry | undefined,
): Promise<Readable> {
  const body = await primed(await blobs.getBlob(teamId, key));
  if (!file) return body;
  return pipeline(body, verifySha256(file.name, file.sha256), () => undefined);
}

export function zipName(datasetId: string, version: number, suffix = ''): string {
  return `${datasetId}-v${version}${suffix}.zip`.replace(/[^\w.-]/g, '_');
}

/**
 * Every stored file of the version (and its manifest) as one zip, streamed: each blob is opened
 * only when the zip reaches it. A later file that fails to authenticate or verify aborts the stream,
 * so a client never gets a complete zip holding it.
 */
export async function storedZip(blobs: BlobStore, teamId: string, v: DatasetVersion): Promise<Readable> {
  const keys = [...v.blobKeys].sort();
  const recorded = new Map(manifestEntries(v).map((f) => [f.name, f]));
  const zip = new yazl.ZipFile();
  const open = (key: string) => {
    const name = key.slice(key.lastIndexOf('/') + 1);
    return storedFile(blobs, teamId, key, recorded.get(name));
  };
  const first = keys[0] ? await open(keys[0]) : null;
  const opened: Readable[] = first ? [first] : [];
  keys.forEach((key, i) => {
    zip.addReadStreamLazy(key.slice(key.lastIndexOf('/') + 1), (cb) => {
      if (i === 0 && first) return cb(null, first);
      open(key).then(
        (stream) => (opened.push(stream), cb(null, stream)),
        (e: unknown) => cb(e, Readable.from([])),
      );
    });
  });
  zip.end();
  const out = zip.outputStream as Readable;
  zip.on('error', (e: Error) => out.destroy(e));
  out.once('close', () => opened.forEach((s) => s.destroy()));
  return out;
}
