/**
 * @module A sample job's output written as a dataset version's files: sealed blobs under the
 * version's prefix through core's writeDataset, and the manifest the version routes serve
 * (entities with rows, files with bytes and sha256). Shared by jobs and rebuilds.
 */
import { text } from 'node:stream/consumers';
import { ENGINE_VERSION, type ColumnInfo, type DatasetSource, type ForeignKey } from '@tdm/core';
import type { BlobStore } from '../blob/index.js';
import type { StoredSampleRequest } from './produce-version.js';
import { synth } from './synth-adapter.js';

export interface FileRecord {
  name: string;
  bytes: number;
  sha256: string;
}

export interface VersionFiles {
  manifest: {
    generator: 'tdm';
    engineVersion: string;
    name: string;
    producedBy: string;
    seed: number;
    now: string;
    format: string;
    gzip: false;
    totalRows: number;
    /** `columns`: the types as written, so a conversion reads a CSV back exactly (leading zeros stay). */
    entities: Record<string, { rows: number; files: FileRecord[]; columns: ColumnInfo[] }>;
    files: FileRecord[];
  };
  blobKeys: string[];
}

export async function writeVersionFiles(
  blobs: BlobStore,
  teamId: string,
  prefix: string,
  input: {
    data: DatasetSource;
    req: StoredSampleRequest;
    references: ForeignKey[];
    signal: AbortSignal;
    onProgress?: (rows: number) => void;
  },
): Promise<VersionFiles> {
  const { req } = input;
  const written = await synth('writeDataset')(input.data, {
    output: blobs.outputPort(teamId, prefix),
    format: req.format,
    ...(input.references.length ? { references: input.references } : {}),
    name: req.datasetName,
    producedBy: req.kind,
    seed: req.seed,
    signal: input.signal,
    ...(input.onProgress ? { onProgress: input.onProgress } : {}),
  });
  // Rows per entity from the manifest writeDataset wrote: SQL puts every entity in data.sql, so
  // the files alone say nothing of which entity holds how many rows.
  const key = `${prefix}/manifest.json`;
  const writer = JSON.parse(await text(await blobs.getBlob(teamId, key))) as {
    entities: Record<string, { rows: number }>;
  };
  const columns = new Map(input.data.entities.map((e) => [e.name, e.columns.map((c) => ({ ...c }))]));
  const entities: VersionFiles['manifest']['entities'] = {};
  for (const [name, e] of Object.entries(writer.entities)) {
    entities[name] = {
      rows: e.rows,
      files: written
        .filter((f) => f.entity === name)
        .map((f) => ({ name: f.name, bytes: f.bytes, sha256: f.sha256 })),
      columns: columns.get(name) ?? [],
    };
  }
  const shared = written.filter((f) => f.entity === null && f.name !== 'manifest.json');
  return {
    manifest: {
      generator: 'tdm',
      engineVersion: ENGINE_VERSION,
      name: req.datasetName,
      producedBy: req.kind,
      seed: req.seed,
      now: req.now,
      format: req.format,
      gzip: false,
      totalRows: Object.values(entities).reduce((n, e) => n + e.rows, 0),
      entities,
      files: shared.map((f) => ({ name: f.name, bytes: f.bytes, sha256: f.sha256 })),
    },
    blobKeys: written.map((f) => `${prefix}/${f.name}`),
  };
}
