/** @module Dataset routes: list, get with its versions, and one version's recipe, manifest and lineage. */
import { routes } from '@tdm/contract';
import { getDataset, getDatasetVersion, listDatasets, listDatasetVersions } from '../../store/index.js';
import { datasetDto, versionDto } from '../dto.js';
import { mount, type Mount } from '../register.js';

export function mountDatasets(m: Mount): void {
  const db = m.deps.db;
  mount(m, routes.listDatasets, async ({ params }) => ({
    datasets: (await listDatasets(db, params.teamId)).map(datasetDto),
  }));
  mount(m, routes.getDataset, async ({ params }) => {
    const [d, versions] = await Promise.all([
      getDataset(db, params.teamId, params.datasetId),
      listDatasetVersions(db, params.teamId, params.datasetId),
    ]);
    return {
      ...datasetDto(d),
      versions: versions.map((v) => ({
        version: v.version,
        status: v.status === 'building' ? ('published' as const) : v.status,
        publishedAt: v.publishedAt?.toISOString() ?? null,
      })),
    };
  });
  mount(m, routes.getDatasetVersion, async ({ params }) => {
    const [d, v] = await Promise.all([
      getDataset(db, params.teamId, params.datasetId),
      getDatasetVersion(db, params.teamId, params.datasetId, params.version),
    ]);
    return versionDto(v, d);
  });
}
