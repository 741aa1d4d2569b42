/**
 * @module Prepares what the load runs read, through the typed API client as any caller would: a
 * team, a write key, and one completed generation job of the benchmark schema (its dataset
 * version is what the download streams).
 */
import { createClient, type Job } from '@tdm/contract';

export interface Prepared {
  teamId: string;
  key: string;
  jobId: string;
  datasetId: string;
  version: number;
  entity: string;
  /** The job as the server reported it at completion (timings, rows). */
  job: Job;
}

export interface DatasetRequest {
  schema: string;
  entity: string;
  rows: number;
  now: string;
}

const TEAM = 'bench';
const DONE = new Set(['completed', 'failed', 'cancelled']);

export async function prepareDataset(url: string, adminKey: string, req: DatasetRequest): Promise<Prepared> {
  const admin = createClient({ baseUrl: url, key: adminKey });
  await admin.createTeam({ body: { teamId: TEAM, teamName: 'Benchmark' } });
  const { key } = await admin.createKey({ params: { teamId: TEAM }, body: { role: 'write', name: 'bench' } });
  const api = createClient({ baseUrl: url, key });
  const { jobId } = await api.createJob({
    params: { teamId: TEAM },
    body: {
      schema: req.schema,
      options: { format: 'csv', counts: { [req.entity]: req.rows }, now: req.now },
    },
  });
  let job = await api.getJob({ params: { jobId } });
  while (!DONE.has(job.status)) {
    await new Promise((r) => setTimeout(r, 200));
    job = await api.getJob({ params: { jobId } });
  }
  if (job.status !== 'completed' || !job.datasetId) {
    throw new Error(`the generation job ended ${job.status}: ${JSON.stringify(job.error)}`);
  }
  const dataset = await api.getDataset({ params: { teamId: TEAM, datasetId: job.datasetId } });
  const version = Math.max(...dataset.versions.map((v) => v.version));
  return { teamId: TEAM, key, jobId, datasetId: job.datasetId, version, entity: req.entity, job };
}
