/**
 * @module Sample DTOs: samples of real data uploaded to a team (sealed at rest, deleted when their
 * retention ends), their profile (patterns and personal-data findings) and the mask / synthesize
 * jobs whose outputs are dataset versions.
 */
import { z } from 'zod';
import { Name, Timestamp, Uuid } from './common.js';
import { Job } from './jobs.js';

export const SampleUploadQuery = z.object({
  name: Name.describe('The sample; uploads under the same name add tables to one multi-table sample'),
  entity: z
    .string()
    .min(1)
    .max(63)
    .optional()
    .describe('The table this file holds (default: the sample name made an identifier)'),
  format: z
    .string()
    .min(1)
    .max(20)
    .optional()
    .describe('csv, tsv, json or ndjson; from Content-Type when absent'),
});

export const SampleFile = z.object({
  entity: z.string(),
  format: z.enum(['csv', 'tsv', 'json', 'ndjson']),
  bytes: z.number().int(),
  sha256: z.string(),
  createdAt: Timestamp,
});

export const Sample = z
  .object({
    sampleId: Uuid,
    teamId: z.string(),
    name: z.string(),
    bytes: z.number().int(),
    rows: z.number().int().nullable().describe('Rows of all tables, once profiled'),
    files: z.array(SampleFile),
    profiledAt: Timestamp.nullable(),
    createdAt: Timestamp,
    expiresAt: Timestamp.describe('When the sample and its files are deleted (team sample retention)'),
  })
  .meta({ id: 'Sample' });
export type Sample = z.infer<typeof Sample>;

export const SampleList = z.object({ samples: z.array(Sample) });

export const SampleProfile = z
  .object({
    sampleId: Uuid,
    profiledAt: Timestamp,
    rows: z.record(z.string(), z.number().int()).describe('Rows read per table'),
    patterns: z.unknown().describe('DataPatterns: per column type, missingness, distribution; keys'),
    pii: z.array(z.unknown()).describe('Personal-data findings with confidence and evidence'),
    schema: z
      .string()
      .nullable()
      .describe("A DSL schema document (JSON text) reproducing the sample's shape; save it to generate"),
  })
  .meta({ id: 'SampleProfile' });
export type SampleProfile = z.infer<typeof SampleProfile>;

export const SampleJobKind = z.enum(['mask', 'synthesize']);
export const SampleOutputFormat = z.enum(['csv', 'json', 'ndjson', 'parquet', 'sql']);

export const SampleJobCreate = z
  .strictObject({
    kind: SampleJobKind,
    datasetName: Name.optional().describe(
      'The dataset the new version belongs to (default: "<sample>-masked" or "<sample>-synthetic")',
    ),
    rules: z
      .union([z.string().min(1).max(1_000_000), z.record(z.string(), z.unknown())])
      .optional()
      .describe('Privacy rules (YAML/JSON text or object); from the PII findings when absent'),
    rows: z
      .number()
      .int()
      .min(1)
      .max(10_000_000)
      .optional()
      .describe('synthesize: rows per table (children follow their parents); the sample sizes when absent'),
    seed: z.number().int().min(0).max(4_294_967_295).optional(),
    method: z
      .enum(['sequential', 'copula', 'independent'])
      .optional()
      .describe('synthesize: sequential (default), or a baseline: copula, independent'),
    format: SampleOutputFormat.optional().describe('Format of the version files (default csv)'),
  })
  .refine((b) => b.kind === 'synthesize' || (b.rows === undefined && b.method === undefined), {
    message: 'rows and method apply to kind synthesize only',
    path: ['rows'],
  })
  .meta({ id: 'SampleJobCreate' });
export type SampleJobCreate = z.infer<typeof SampleJobCreate>;

/** A mask/synthesize job: a generation job's fields plus the sample it reads and its kind. */
export const SampleJob = Job.extend({ sampleId: Uuid.nullable(), kind: SampleJobKind }).meta({
  id: 'SampleJob',
});
export type SampleJob = z.infer<typeof SampleJob>;

export const SampleJobList = z.object({ jobs: z.array(SampleJob) });
