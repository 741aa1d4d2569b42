/**
 * @module Pages of a sample-made version's rows and its quality-check input, read from its stored
 * files (an evicted version is remade from its sample first): no schema can recompute them.
 */
import { inferSchema, type DatasetSource, type SchemaDoc } from '@tdm/core';
import type { BlobStore } from '../blob/index.js';
import { ServerError } from '../errors.js';
import type { DatasetVersion, Db } from '../store/index.js';
import { sampleVersionWithFiles } from './rebuild.js';
import { manifestOf, storedSampleSource } from './stored-source.js';

export interface RowsPage {
  entity: string;
  offset: number;
  limit: number;
  total: number;
  columns: string[];
  rows: Record<string, unknown>[];
}

/** Rows offset..offset+limit of one entity, read in order from its stored file (stops at the page's end). */
export async function sampleRowsPage(
  deps: { db: Db; blobs: BlobStore },
  version: DatasetVersion,
  q: { entity: string; offset: number; limit: number },
): Promise<RowsPage> {
  const v = await sampleVersionWithFiles(deps, version);
  const source = await storedSampleSource(deps.blobs, v);
  const e = source.entities.find((x) => x.name === q.entity);
  if (!e) {
    throw new ServerError(
      'ENTITY_NOT_FOUND',
      `version ${v.version} has no entity "${q.entity.slice(0, 100)}"`,
      {
        details: { entities: source.entities.map((x) => x.name) },
      },
    );
  }
  const total = manifestOf(v).entities[q.entity]?.rows ?? 0;
  const end = Math.min(total, q.offset + q.limit);
  const rows: Record<string, unknown>[] = [];
  let index = 0;
  if (end > q.offset) {
    read: for await (const batch of e.batches()) {
      for (const row of batch) {
        if (index >= end) break read;
        if (index++ >= q.offset)
          rows.push(Object.fromEntries(e.columns.map((c, j) => [c.name, row[j] ?? null])));
      }
    }
  }
  return { ...q, total, columns: e.columns.map((c) => c.name), rows };
}

/** What a quality check of the version reads: its stored data, and a schema inferred from it (the rules' source). */
export async function sampleCheckInput(
  deps: { db: Db; blobs: BlobStore },
  version: DatasetVersion,
): Promise<{ source: DatasetSource; doc: SchemaDoc }> {
  const v = await sampleVersionWithFiles(deps, version);
  const source = await storedSampleSource(deps.blobs, v);
  const name = (v.manifest as { name?: unknown } | null)?.name;
  return { source, doc: await inferSchema(source, { name: typeof name === 'string' ? name : 'sample' }) };
}
