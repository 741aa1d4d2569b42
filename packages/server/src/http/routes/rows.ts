/**
 * @module Random access to a version's rows: the rows are recomputed from the recipe (schema
 * version checked against its hash, seed, now, scale, counts, locale) with the engine's row
 * runtime, without reading any stored file.
 */
import { routes } from '@tdm/contract';
import { jsonValue, type CompiledSchema, type Value } from '@tdm/core';
import { ServerError } from '../../errors.js';
import { getDatasetVersion, type Db, type DatasetVersion } from '../../store/index.js';
import { isSampleRecipe, sampleRowsPage } from '../../samples/index.js';
import { compileRecipe } from '../download/index.js';
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
  const c = (await compileRecipe(db, v)).compiled;
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
    // A version made from a sample has no schema to recompute rows from: its stored file is read.
    if (isSampleRecipe(v.recipe)) return sampleRowsPage(m.deps, v, query);
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
