/** @module Test support: a sealed sample and sample jobs in given states, made through the real modules. */
import { randomBytes } from 'node:crypto';
import type { BlobStore } from '../blob/index.js';
import type { Db } from '../store/index.js';
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
