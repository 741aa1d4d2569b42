/** @module Test support: a sealed sample and sample jobs in given states, made through the real modules. */
import { createHash, randomBytes } from 'node:crypto';
import type { BlobStore } from '../blob/index.js';
import { versionPrefix } from '../jobs/index.js';
import {
  beginDatasetVersion,
  createDataset,
  publishDatasetVersion,
  type DatasetVersion,
  type Db,
} from '../store/index.js';
import { createSampleJob, type SampleJobRecord } from './job-repo.js';
import { saveProfile, type SampleRecord } from './sample-repo.js';
import { uploadSampleTable } from './upload.js';

export const PEOPLE_CSV =
  'id,name,email,age\n1,Ann,ann@example.com,31\n2,Bob,bob@example.org,45\n3,Cy,cy@example.net,27\n';

export async function seedSample(
  deps: { db: Db; blobs: BlobStore },
  teamId: string,
  options: { name?: string; entity?: string; csv?: string } = {},
): Promise<SampleRecord> {
  return uploadSampleTable(deps, teamId, {
    name: options.name ?? `s-${randomBytes(4).toString('hex')}`,
    entity: options.entity ?? 'people',
    format: 'csv',
    body: (async function* () {
      yield Buffer.from(options.csv ?? PEOPLE_CSV);
    })(),
    maxBytes: 1 << 20,
    expiresAt: new Date(Date.now() + 86_400_000),
  });
}

/** A job row as another node's live worker would hold it (running, beating now): no runner here takes it. */
export async function seedRunningJob(db: Db, teamId: string, sampleId: string): Promise<SampleJobRecord> {
  const job = await createSampleJob(db, teamId, {
    sampleId,
    kind: 'mask',
    request: { kind: 'mask', sampleId, seed: 1, format: 'csv' },
  });
  await db.withTeam(teamId, (tx) =>
    tx.query(
      `UPDATE sample_jobs SET status = 'running', started_at = now(), heartbeat_at = now() + interval '1 hour',
         attempts = 1 WHERE team_id = $1 AND job_id = $2`,
      [teamId, job.jobId],
    ),
  );
  return { ...job, status: 'running' };
}

/** Stores a minimal profile, as a finished profiling would. */
export async function saveProfileForTest(db: Db, teamId: string, sampleId: string): Promise<void> {
  await saveProfile(db, teamId, sampleId, { rows: { people: 3 }, patterns: {}, pii: [], schema: null }, 3);
}

/**
 * A published version as a mask job leaves it (sample recipe, sealed CSV, manifest with sha256 and
 * column types) of `rows` rows `id,code,amount`, written in chunks: big versions without a big job.
 */
export async function seedStoredVersion(
  deps: { db: Db; blobs: BlobStore },
  teamId: string,
  rows: number,
): Promise<DatasetVersion> {
  const ds = await createDataset(deps.db, teamId, { name: `stored-${randomBytes(4).toString('hex')}` });
  const recipe = {
    kind: 'sample-mask',
    regenerable: false,
    schemaVersionId: null,
    seed: 1,
    now: new Date().toISOString(),
  };
  const v = await beginDatasetVersion(deps.db, teamId, ds.datasetId, { recipe: recipe as never });
  const key = `${versionPrefix(ds.datasetId, v.version)}/people.csv`;
  const w = await deps.blobs.putBlob(teamId, key);
  const hash = createHash('sha256');
  let bytes = 0;
  const put = async (text: string) => {
    const buf = Buffer.from(text);
    hash.update(buf);
    bytes += buf.length;
    await w.write(buf);
  };
  await put('id,code,amount\n');
  for (let start = 0; start < rows; start += 10_000) {
    let text = '';
    for (let i = start; i < Math.min(rows, start + 10_000); i++)
      text += `${i},${String(i % 1000).padStart(4, '0')},${i % 97}.5\n`;
    await put(text);
  }
  await w.close();
  const columns = [
    { name: 'id', type: 'integer' },
    { name: 'code', type: 'string' },
    { name: 'amount', type: 'number' },
  ];
  const file = { name: 'people.csv', bytes, sha256: hash.digest('hex') };
  return publishDatasetVersion(deps.db, teamId, v.datasetVersionId, {
    manifest: {
      format: 'csv',
      gzip: false,
      totalRows: rows,
      entities: { people: { rows, files: [file], columns } },
      files: [],
    },
    blobKeys: [key],
  });
}
