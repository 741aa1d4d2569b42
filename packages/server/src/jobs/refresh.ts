/**
 * @module refreshTeamData (the brief's DataManagerService): re-runs the recipe of the team's most
 * recent dataset version (or of one named dataset) with a new "now", as a new version of the same
 * dataset.
 */
import { ServerError } from '../errors.js';
import {
  getDatasetVersion,
  getSchemaVersionById,
  listDatasets,
  type DatasetVersion,
  type Db,
  type GenerationJob,
} from '../store/index.js';
import type { JobRecipe } from './recipe.js';
import type { JobRequest } from './request.js';

export interface RefreshOptions {
  /** Refresh this dataset; by default the one with the team's most recent version. */
  datasetName?: string;
}

export async function refreshTeamData(
  db: Db,
  teamId: string,
  submit: (request: JobRequest) => Promise<GenerationJob>,
  options: RefreshOptions = {},
): Promise<GenerationJob> {
  let latest: { v: DatasetVersion; name: string } | null = null;
  for (const ds of await listDatasets(db, teamId)) {
    if (ds.latestVersion === null) continue;
    if (options.datasetName !== undefined && ds.name !== options.datasetName) continue;
    const v = await getDatasetVersion(db, teamId, ds.datasetId, ds.latestVersion);
    if (!latest || v.createdAt > latest.v.createdAt) latest = { v, name: ds.name };
  }
  if (!latest) {
    const what = options.datasetName === undefined ? '' : ` named "${options.datasetName}"`;
    throw new ServerError(
      'STORE_NOT_FOUND',
      `team "${teamId}" has no dataset${what} with a version to refresh`,
    );
  }
  const r = latest.v.recipe as JobRecipe;
  const source = r.schemaVersionId
    ? await getSchemaVersionById(db, teamId, r.schemaVersionId).then((s) => ({
        schemaId: s.schemaId,
        schemaVersion: s.version,
      }))
    : { schema: r.schemaText ?? (r.schema as Record<string, unknown>) };
  // Same schema, seed, volume, format and locale; a new "now" (the submit clock) and the current engine.
  return submit({
    ...source,
    datasetName: latest.name,
    options: {
      format: r.format,
      seed: r.seed,
      scale: r.scale,
      gzip: r.gzip,
      ...(r.counts === undefined ? {} : { counts: r.counts }),
      ...(r.dialect === undefined ? {} : { dialect: r.dialect }),
      ...(r.locale === undefined ? {} : { locale: r.locale }),
      ...(r.qualityLevel === undefined ? {} : { qualityLevel: r.qualityLevel }),
    },
  });
}
