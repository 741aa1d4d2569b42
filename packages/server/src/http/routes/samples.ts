/**
 * @module Sample routes: upload a table of real data (sealed as it arrives, kept until the
 * sample's expiry), list / get / delete samples, profile them, and run mask or synthesize jobs
 * whose outputs are dataset versions served by the version routes.
 */
import { routes } from '@tdm/contract';
import {
  createSampleJobRunner,
  deleteSample,
  getSample,
  getSampleJob,
  listSampleJobs,
  listSamples,
  profileSample,
  sampleExpiry,
  SampleError,
  SAMPLE_RETENTION_DAYS,
  startSamplePurge,
  uploadSampleTable,
  type SampleJobRecord,
  type SampleRecord,
  type StoredProfile,
} from '../../samples/index.js';
import { mount, type Mount } from '../register.js';
import { UPLOAD_MAX_BYTES } from './quality.js';

export interface SampleRouteOptions {
  uploadMaxBytes?: number | undefined;
  /** Days a sample is kept when its team sets none (default 30). */
  retentionDays?: number;
  /** How often expired samples are purged (default 10 min). */
  purgeIntervalMs?: number;
  /** How often the job runner looks for work (default 1 s). */
  pollMs?: number;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function sampleDto(s: SampleRecord) {
  return {
    sampleId: s.sampleId,
    teamId: s.teamId,
    name: s.name,
    bytes: s.bytes,
    rows: s.rows,
    files: s.files.map((f) => ({
      entity: f.entity,
      format: f.format,
      bytes: f.bytes,
      sha256: f.sha256,
      createdAt: f.createdAt.toISOString(),
    })),
    profiledAt: iso(s.profiledAt),
    createdAt: s.createdAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
  };
}

function profileDto(sampleId: string, p: StoredProfile, profiledAt: Date) {
  return {
    sampleId,
    profiledAt: profiledAt.toISOString(),
    rows: p.rows,
    patterns: p.patterns,
    pii: p.pii,
    schema: p.schema,
  };
}

function jobDto(j: SampleJobRecord) {
  return {
    jobId: j.jobId,
    teamId: j.teamId,
    sampleId: j.sampleId,
    kind: j.kind,
    status: j.status,
    progress: j.progress,
    rows: { done: j.rowsDone, total: j.rowsTotal },
    datasetId: j.datasetId,
    datasetVersionId: j.datasetVersionId,
    attempts: j.attempts,
    timings: { createdAt: j.createdAt.toISOString(), startedAt: iso(j.startedAt), endedAt: iso(j.endedAt) },
    error: j.errorCode ? { code: j.errorCode, message: j.errorMessage ?? '' } : null,
  };
}

export function mountSamples(m: Mount, options: SampleRouteOptions = {}): void {
  const { db, blobs } = m.deps;
  const log = (e: unknown) => m.app.log.error({ err: e }, 'sample background work failed');
  const runner = createSampleJobRunner({
    db,
    blobs,
    onError: log,
    ...(options.pollMs ? { pollMs: options.pollMs } : {}),
  });
  const purge = startSamplePurge({ db, blobs }, options.purgeIntervalMs ?? 10 * 60_000, log);
  runner.start();
  m.app.addHook('onClose', async () => {
    await runner.stop();
    await purge.stop();
  });

  // The body is the file itself: read raw (no parsing, no buffering) in a context of its own.
  void m.app.register(async (child) => {
    child.removeAllContentTypeParsers();
    child.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
    const maxBytes = options.uploadMaxBytes ?? UPLOAD_MAX_BYTES;
    mount({ ...m, app: child }, routes.uploadSample, async ({ params, query, req, audit }) => {
      audit.details = { name: query.name, entity: query.entity ?? null };
      const expiresAt = await sampleExpiry(
        db,
        params.teamId,
        options.retentionDays ?? SAMPLE_RETENTION_DAYS,
        Date.now(),
      );
      const s = await uploadSampleTable({ db, blobs }, params.teamId, {
        name: query.name,
        entity: query.entity,
        format: query.format,
        contentType: req.headers['content-type'],
        body: req.raw,
        maxBytes,
        expiresAt,
      });
      const file = s.files[s.files.length - 1];
      audit.resource = `samples/${s.sampleId}`;
      audit.details = {
        name: s.name,
        entity: file?.entity,
        format: file?.format,
        bytes: file?.bytes,
        sha256: file?.sha256,
      };
      return sampleDto(s);
    });
  });

  mount(m, routes.listSamples, async ({ params }) => ({
    samples: (await listSamples(db, params.teamId)).map(sampleDto),
  }));
  mount(m, routes.getSample, async ({ params }) =>
    sampleDto(await getSample(db, params.teamId, params.sampleId)),
  );
  mount(m, routes.deleteSample, async ({ params, audit }) => {
    audit.details = { sampleId: params.sampleId };
    await deleteSample({ db, blobs }, params.teamId, params.sampleId);
    return {};
  });
  mount(m, routes.profileSample, async ({ params, audit }) => {
    audit.details = { sampleId: params.sampleId };
    const p = await profileSample({ db, blobs }, params.teamId, params.sampleId);
    audit.details = { sampleId: params.sampleId, rows: p.rows, piiFindings: p.pii.length };
    return profileDto(params.sampleId, p, p.profiledAt);
  });
  mount(m, routes.getSampleProfile, async ({ params }) => {
    const s = await getSample(db, params.teamId, params.sampleId);
    if (!s.profile || !s.profiledAt) {
      throw new SampleError('SAMPLE_NOT_FOUND', `sample ${s.sampleId} has no profile yet`, {
        details: { sampleId: s.sampleId },
        suggestedActions: [`POST /api/v1/teams/${params.teamId}/samples/${s.sampleId}/profile first.`],
      });
    }
    return profileDto(s.sampleId, s.profile as unknown as StoredProfile, s.profiledAt);
  });
  mount(m, routes.createSampleJob, async ({ params, body, audit }) => {
    audit.details = { sampleId: params.sampleId, kind: body.kind };
    const job = await runner.submit(params.teamId, params.sampleId, body);
    audit.resource = `sample-jobs/${job.jobId}`;
    audit.details = {
      sampleId: params.sampleId,
      kind: body.kind,
      jobId: job.jobId,
      rulesGiven: body.rules !== undefined,
    };
    return jobDto(job);
  });
  mount(m, routes.listSampleJobs, async ({ params }) => ({
    jobs: (await listSampleJobs(db, params.teamId)).map(jobDto),
  }));
  mount(m, routes.getSampleJob, async ({ params }) =>
    jobDto(await getSampleJob(db, params.teamId, params.sampleJobId)),
  );
  mount(m, routes.cancelSampleJob, async ({ params, audit }) => {
    audit.details = { jobId: params.sampleJobId };
    return jobDto(await runner.cancel(params.teamId, params.sampleJobId));
  });
}
