/** @module Generation job DTOs: what starts a job and what its status reports. */
import { z } from 'zod';
import { Name, Timestamp, Uuid } from './common.js';
import { SchemaDocumentInput } from './schemas.js';

export const FormatName = z.enum(['csv', 'json', 'ndjson', 'xml', 'sql', 'parquet']);
export type FormatName = z.infer<typeof FormatName>;

/** Generation options; the same fields the job service accepts (unknown ones are refused). */
export const JobOptions = z.strictObject({
  format: FormatName.optional().describe("The team's first default format when absent, else csv"),
  dialect: z.enum(['postgres', 'mysql', 'sqlite']).optional(),
  seed: z.number().int().min(0).max(4_294_967_295).optional(),
  scale: z.number().positive().max(1_000_000).optional(),
  counts: z.record(z.string(), z.number().int().min(0)).optional(),
  gzip: z.boolean().optional(),
  qualityLevel: z
    .enum(['basic', 'standard', 'premium'])
    .optional()
    .describe("The version's quality level; the team's customizations.qualityLevel when absent"),
  locale: z
    .string()
    .min(2)
    .max(20)
    .optional()
    .describe("faker locale (e.g. de, pt_BR); overrides the schema's; the team's defaultLocale when absent"),
  now: Timestamp.optional().describe('The generation instant; the server clock when absent'),
  engineVersion: z.string().min(1).max(20).optional(),
});

/** A saved schema (`schemaId`, optionally a version) or an inline `schema`: exactly one of them. */
export const JobCreate = z
  .strictObject({
    schemaId: Uuid.optional(),
    schemaVersion: z.number().int().min(1).optional(),
    schema: SchemaDocumentInput.optional(),
    datasetName: Name.optional().describe(
      'The dataset the new version belongs to; the schema name by default',
    ),
    options: JobOptions.optional(),
  })
  .refine((b) => (b.schemaId === undefined) !== (b.schema === undefined), {
    message: 'give exactly one of schemaId and schema',
    path: ['schemaId'],
  })
  .refine((b) => b.schemaVersion === undefined || b.schemaId !== undefined, {
    message: 'schemaVersion needs a schemaId',
    path: ['schemaVersion'],
  })
  .meta({ id: 'JobCreate' });
export type JobCreate = z.infer<typeof JobCreate>;

export const JobStatus = z.enum(['pending', 'running', 'completed', 'failed', 'cancelled']);

export const Job = z
  .object({
    jobId: Uuid,
    teamId: z.string(),
    status: JobStatus,
    progress: z.number().int().min(0).max(100),
    rows: z.object({ done: z.number().int(), total: z.number().int().nullable() }),
    datasetId: Uuid.nullable(),
    datasetVersionId: Uuid.nullable(),
    attempts: z.number().int(),
    timings: z.object({
      createdAt: Timestamp,
      startedAt: Timestamp.nullable(),
      endedAt: Timestamp.nullable(),
    }),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
  })
  .meta({ id: 'Job' });
export type Job = z.infer<typeof Job>;

export const JobAccepted = z.object({ jobId: Uuid, status: JobStatus }).meta({ id: 'JobAccepted' });

export const JobList = z.object({ jobs: z.array(Job) });

/** One server-sent event of `GET /events`: job progress and completion, of the caller's team only. */
export const JobEvent = z
  .object({
    type: z.enum([
      'job.started',
      'job.progress',
      'job.requeued',
      'job.completed',
      'job.failed',
      'job.cancelled',
    ]),
    teamId: z.string(),
    jobId: Uuid,
    at: Timestamp,
    progress: z.number().optional(),
    rowsDone: z.number().optional(),
    rowsTotal: z.number().nullable().optional(),
    datasetId: Uuid.optional(),
    datasetVersionId: Uuid.optional(),
    version: z.number().optional(),
    errorCode: z.string().optional(),
    errorMessage: z.string().optional(),
  })
  .meta({ id: 'JobEvent' });
export type JobEvent = z.infer<typeof JobEvent>;
