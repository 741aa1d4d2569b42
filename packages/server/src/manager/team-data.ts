/**
 * @module getTeamData: a team's datasets and their versions, filtered by name, id, status,
 * publication time, or newest only. Building versions are never shown.
 */
import { ServerError } from '../errors.js';
import { listDatasets, searchDatasetVersions, type Db, type VersionSearch } from '../store/index.js';
import type { DataFilters, TeamData } from './types.js';

function since(value: Date | string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const d = value instanceof Date ? value : new Date(Date.parse(value));
  if (!Number.isFinite(d.getTime())) {
    throw new ServerError('REQUEST_INVALID', `since: "${String(value).slice(0, 60)}" is not a date`, {
      details: { issues: [{ path: 'since', message: 'not a date' }] },
    });
  }
  return d;
}

export async function getTeamData(db: Db, teamId: string, filters: DataFilters = {}): Promise<TeamData> {
  const q: VersionSearch = {};
  if (filters.name !== undefined) q.name = filters.name;
  if (filters.datasetId !== undefined) q.datasetId = filters.datasetId;
  if (filters.status !== undefined)
    q.status = Array.isArray(filters.status) ? filters.status : [filters.status];
  const after = since(filters.since);
  if (after !== undefined) q.since = after;
  if (filters.latestOnly !== undefined) q.latestOnly = filters.latestOnly;
  if (filters.limit !== undefined) q.limit = filters.limit;
  if (filters.includeArchivedDatasets !== undefined)
    q.includeArchivedDatasets = filters.includeArchivedDatasets;
  const versions = await searchDatasetVersions(db, teamId, q);
  const byId = new Map(
    (await listDatasets(db, teamId, { includeArchived: true })).map((d) => [d.datasetId, d]),
  );
  const out = new Map<string, TeamData['datasets'][number]>();
  for (const v of versions) {
    const dataset = byId.get(v.datasetId);
    if (!dataset) continue; // deleted between the two reads
    let entry = out.get(v.datasetId);
    if (!entry) out.set(v.datasetId, (entry = { dataset, versions: [] }));
    entry.versions.push(v);
  }
  return { teamId, datasets: [...out.values()] };
}
