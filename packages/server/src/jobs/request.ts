/**
 * @module The generation request a job carries: validated once at submit with every bad path
 * listed, then stored with the job (schema version pinned, "now" fixed) so every attempt of the
 * job, and every later rebuild, generates the same data.
 */
import { formatNames, localeCodes, type FormatName, type SqlDialect } from '@tdm/core';
import { z } from 'zod';
import { ServerError } from '../errors.js';

const optionsSchema = z
  .object({
    // No default here: a job without a format takes its team's first default format (else csv).
    format: z.enum(formatNames as [FormatName, ...FormatName[]]).optional(),
    dialect: z.enum(['postgres', 'mysql', 'sqlite']).optional(),
    seed: z.number().int().min(0).max(4_294_967_295).optional(),
    scale: z.number().positive().max(1_000_000).optional(),
    counts: z.record(z.string(), z.number().int().min(0)).optional(),
    gzip: z.boolean().optional(),
    qualityLevel: z.enum(['basic', 'standard', 'premium']).optional(),
    /** faker locale; overrides the schema's (like the CLI's --locale); the team's default when absent. */
    locale: z
      .string()
      .max(20)
      .refine((code) => localeCodes.includes(code), {
        message: `unknown locale (known: ${localeCodes.slice(0, 8).join(', ')}, ...)`,
      })
      .optional(),
    now: z.union([z.string().min(1), z.number()]).optional(),
    engineVersion: z.string().min(1).max(20).optional(),
  })
  .strict();

const requestSchema = z
  .object({
    schemaId: z.string().uuid().optional(),
    schemaVersion: z.number().int().min(1).optional(),
    schema: z.union([z.string().min(1), z.record(z.string(), z.unknown())]).optional(),
    datasetName: z.string().min(1).max(200).optional(),
    options: optionsSchema.default({}),
  })
  .strict()
  .refine((r) => (r.schemaId === undefined) !== (r.schema === undefined), {
    message: 'give exactly one of schemaId (a saved schema) or schema (inline DSL text or object)',
    path: ['schemaId'],
  })
  .refine((r) => r.schemaVersion === undefined || r.schemaId !== undefined, {
    message: 'schemaVersion needs a schemaId',
    path: ['schemaVersion'],
  });

export type JobRequest = z.input<typeof requestSchema>;
export type JobOptions = z.output<typeof optionsSchema>;
export type QualityLevel = NonNullable<JobOptions['qualityLevel']>;

/** The request as stored on the job row: validated, with the schema version and "now" pinned. */
export interface StoredRequest {
  schemaId?: string;
  /** Pinned at submit: a later PUT of the schema does not change what this job generates. */
  schemaVersionId?: string;
  schema?: string | Record<string, unknown>;
  datasetName?: string;
  /** Team defaults already applied: the format is always set, locale and qualityLevel when known. */
  options: JobOptions & { format: FormatName; now: string; dialect?: SqlDialect };
  [key: string]: unknown;
}

/** Validates a request; JOB_REQUEST_INVALID lists every bad path. */
export function parseJobRequest(input: unknown): z.output<typeof requestSchema> {
  const r = requestSchema.safeParse(input);
  if (r.success) return r.data;
  const problems = r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  throw new ServerError(
    'JOB_REQUEST_INVALID',
    problems.map((p) => `${p.path || '(request)'}: ${p.message}`).join('; '),
    { details: { problems } },
  );
}

/** "now" as ISO 8601, from the request or the service clock; rejects what is not an instant. */
export function pinNow(now: string | number | undefined, clockNow: number): string {
  const ms = now === undefined ? clockNow : typeof now === 'number' ? now : Date.parse(now);
  if (!Number.isFinite(ms)) {
    throw new ServerError('JOB_REQUEST_INVALID', `options.now: "${String(now)}" is not a date`, {
      details: { problems: [{ path: 'options.now', message: 'not a date' }] },
    });
  }
  return new Date(ms).toISOString();
}
