/**
 * @module GET .../versions/{version}/download: one entity's file, or a zip of all. The stored
 * (sealed, sha256-checked) files when the request asks for what the version was written as;
 * otherwise the files regenerated from the recipe in the wanted format, gzip and SQL dialect,
 * streamed as they are made (a version made from a sample: its stored files converted). The audit record names what was served.
 */
import type { Readable } from 'node:stream';
import { getFormat } from '@tdm/core';
import { routes } from '@tdm/contract';
import { ServerError } from '../../errors.js';
import { getDatasetVersion, getDatasetVersionById, type DatasetVersion } from '../../store/index.js';
import { convertedSampleVersion, isSampleRecipe, sampleVersionWithFiles } from '../../samples/index.js';
import {
  chooseSource,
  entityFileName,
  entityFiles,
  prepareRegeneration,
  regeneratedEntity,
  regeneratedZip,
  storedFile,
  storedZip,
  tableOf,
  zipName,
} from '../download/index.js';
import { mount, type Mount } from '../register.js';

const CONTENT_TYPES: Record<string, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json',
  ndjson: 'application/x-ndjson',
  xml: 'application/xml',
  sql: 'application/sql',
  parquet: 'application/vnd.apache.parquet',
};

const safeName = (name: string) => name.replace(/[^\w.-]/g, '_');

/**
 * The version with its files back: an evicted version is rebuilt from its recipe and verified
 * against its manifest (the job service's materializeVersion) on its first download. Concurrent
 * downloads share one rebuild; one that lost the race finds the version published.
 */
function rebuilder(m: Mount): (v: DatasetVersion) => Promise<DatasetVersion> {
  const running = new Map<string, Promise<DatasetVersion>>();
  return async (v) => {
    const jobs = m.deps.jobs;
    if (!jobs) {
      throw new ServerError(
        'STORE_STATE_INVALID',
        `version ${v.version} is evicted and this node cannot rebuild it`,
        {
          suggestedActions: ['Download it from a node that runs the job service, or ask for another format.'],
        },
      );
    }
    let rebuild = running.get(v.datasetVersionId);
    if (!rebuild) {
      // A version a mask/synthesize job made is remade from its sample, not from a schema.
      const remake = isSampleRecipe(v.recipe)
        ? sampleVersionWithFiles(m.deps, v)
        : jobs.materializeVersion(v.teamId, v.datasetVersionId);
      rebuild = remake.finally(() => running.delete(v.datasetVersionId));
      running.set(v.datasetVersionId, rebuild);
    }
    try {
      return await rebuild;
    } catch (e) {
      const now = await getDatasetVersionById(m.deps.db, v.teamId, v.datasetVersionId);
      if (now.status === 'published') return now;
      throw e;
    }
  };
}

export function mountDownload(m: Mount): void {
  const rebuilt = rebuilder(m);
  mount(m, routes.downloadVersion, async ({ params, query, reply, audit }) => {
    const teamId = params.teamId;
    audit.details = { datasetId: params.datasetId, version: params.version, entity: query.entity ?? null };
    let v = await getDatasetVersion(m.deps.db, teamId, params.datasetId, params.version);
    const source = chooseSource(v, query);
    // A single-file format (sql) keeps no file per entity: one entity of it is regenerated.
    const files = query.entity === undefined || source.regenerate ? null : entityFiles(v, query.entity);
    const regenerate = source.regenerate || (files !== null && files.length !== 1);
    audit.details = {
      ...audit.details,
      format: source.format,
      gzip: source.gzip,
      ...(source.dialect === undefined ? {} : { dialect: source.dialect }),
      regenerated: regenerate,
    };
    const type = source.gzip
      ? 'application/gzip'
      : (CONTENT_TYPES[source.format] ?? 'application/octet-stream');
    const attach = (name: string) =>
      reply.header('content-disposition', `attachment; filename="${safeName(name)}"`);

    if (!regenerate) {
      if (v.status === 'evicted') {
        v = await rebuilt(v);
        audit.details = { ...audit.details, rebuilt: true };
      }
      if (query.entity === undefined) {
        reply.header('content-type', 'application/zip');
        attach(zipName(params.datasetId, v.version));
        return storedZip(m.deps.blobs, teamId, v);
      }
      const file = (files ?? [])[0];
      const key = file && v.blobKeys.find((k) => k.endsWith(`/${file.name}`));
      if (!file || !key)
        throw new ServerError(
          'BLOB_NOT_FOUND',
          `the file of "${query.entity}" in version ${v.version} is not stored`,
        );
      const body = await storedFile(m.deps.blobs, teamId, key, file);
      reply.header('content-type', type).header('x-content-sha256', file.sha256);
      attach(file.name);
      return body;
    }

    const zipSuffix = `-${source.dialect ?? getFormat(source.format).extension}`;
    if (isSampleRecipe(v.recipe)) {
      // No schema remakes a sample version's rows: its stored files are converted instead.
      if (v.status === 'evicted') v = await rebuilt(v);
      const c = await convertedSampleVersion(m.deps.blobs, v, source, query.entity, () =>
        m.metrics.regenerationStarted(),
      );
      audit.details = { ...audit.details, regenerated: false, converted: true };
      reply.header('content-type', c.fileName === null ? 'application/zip' : type);
      attach(c.fileName ?? zipName(params.datasetId, v.version, zipSuffix));
      return c.body;
    }
    const r = await prepareRegeneration(m.deps.db, v, {
      format: source.format,
      formatOptions: source.dialect === undefined ? {} : { dialect: source.dialect },
      gzip: source.gzip,
    });
    let body: Readable;
    if (query.entity === undefined) {
      reply.header('content-type', 'application/zip');
      attach(zipName(params.datasetId, v.version, zipSuffix));
      body = regeneratedZip(r, m.metrics.regenerationStarted());
    } else {
      const table = tableOf(r, query.entity, v.version);
      reply.header('content-type', type);
      attach(entityFileName(r, table));
      body = regeneratedEntity(r, table, m.metrics.regenerationStarted());
    }
    return body;
  });
}
