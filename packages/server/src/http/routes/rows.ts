/**
 * @module Random access to a version's rows: the rows are recomputed from the recipe (schema
 * version, seed, now, scale) with the engine's row runtime, without reading any stored file.
 */
import { routes } from '@tdm/contract';
import { compileSchema, jsonValue, parseSchema, type CompiledSchema, type Value } from '@tdm/core';
import { ServerError } from '../../errors.js';
import { getDatasetVersion, getSchemaVersionById, type Db, type DatasetVersion } from '../../store/index.js';
import { mount, type Mount } from '../register.js';

/** Compiled schemas by version id: compiling is the expensive part, and versions never change. */
const CACHE_MAX = 16;

async function compiled(
  db: Db,
  cache: Map<string, CompiledSchema>,
  v: DatasetVersion,
): Promise<CompiledSchema> {
  const hit = cache.get(v.datasetVersionId);
  if (hit) return hit;
  const r = v.recipe;
  // A saved schema is referenced by its version; an inline one is kept in the recipe itself.
  const inline = (r as { schema?: unknown }).schema;
  let document: unknown;
  if (r.schemaVersionId) document = (await getSchemaVersionById(db, v.teamId, r.schemaVersionId)).document;
  else if (inline !== undefined) document = inline;
  else {
    throw new ServerError(
      'STORE_STATE_INVALID',
      `version ${v.version} records no schema; its rows cannot be recomputed`,
    );
  }
  const c = compileSchema(parseSchema(document), {
    seed: Number(r.seed),
    now: r.now,
    ...(r.scale === undefined ? {} : { scale: r.scale }),
    ...(r.counts === undefined ? {} : { counts: r.counts }),
  });
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string);
  cache.set(v.datasetVersionId, c);
  return c;
}

export function mountRows(m: Mount): void {
  const cache = new Map<string, CompiledSchema>();
  mount(m, routes.versionRows, async ({ params, query, audit }) => {
    const v = await getDatasetVersion(m.deps.db, params.teamId, params.datasetId, params.version);
    audit.details = {
      datasetId: params.datasetId,
      version: params.version,
      entity: query.entity,
      offset: query.offset,
      limit: query.limit,
    };
    const c = await compiled(m.deps.db, cache, v);
    const plan = c.tables.find((t) => t.name === query.entity);
    const runtime = c.runtimes.get(query.entity);
    if (!plan || !runtime) {
      throw new ServerError(
        'ENTITY_NOT_FOUND',
        `version ${v.version} has no entity "${query.entity.slice(0, 100)}"`,
        {
          details: { entities: c.tables.map((t) => t.name) },
        },
      );
    }
    const end = Math.min(plan.rowCount, query.offset + query.limit);
    const out = new Array<Value>(runtime.slotCount).fill(null);
    const rows: Record<string, unknown>[] = [];
    for (let i = query.offset; i < end; i++) {
      runtime.fill(i, out);
      rows.push(Object.fromEntries(plan.columns.map((col, j) => [col.name, jsonValue(out[j] ?? null, col)])));
    }
    return {
      entity: query.entity,
      offset: query.offset,
      limit: query.limit,
      total: plan.rowCount,
      columns: plan.columns.map((col) => col.name),
      rows,
    };
  });
}
