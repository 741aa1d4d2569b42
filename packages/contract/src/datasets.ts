/** @module Dataset DTOs: datasets, their immutable versions (recipe, manifest, lineage) and row pages. */
import { z } from 'zod';
import { QueryInt, Timestamp, Uuid } from './common.js';
import { FormatName } from './jobs.js';

export const Dataset = z
  .object({
    datasetId: Uuid,
    teamId: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    schemaId: Uuid.nullable(),
    latestVersion: z.number().int().nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Dataset' });
export type Dataset = z.infer<typeof Dataset>;

export const DatasetList = z.object({ datasets: z.array(Dataset) });

export const VersionSummary = z.object({
  version: z.number().int(),
  status: z.enum(['published', 'archived', 'evicted']),
  publishedAt: Timestamp.nullable(),
});

export const DatasetWithVersions = Dataset.extend({ versions: z.array(VersionSummary) }).meta({
  id: 'DatasetWithVersions',
});
export type DatasetWithVersions = z.infer<typeof DatasetWithVersions>;

/** What reproduces a version exactly: schema version, seed, scale, engine version and "now". */
export const Recipe = z
  .looseObject({
    schemaVersionId: Uuid.nullable(),
    seed: z.union([z.number(), z.string()]),
    scale: z.number().optional(),
    counts: z.record(z.string(), z.number()).optional(),
    engineVersion: z.string(),
    now: z.string(),
    format: z.string().optional(),
  })
  .meta({ id: 'Recipe' });

export const DatasetVersion = z
  .object({
    datasetVersionId: Uuid,
    datasetId: Uuid,
    version: z.number().int(),
    status: z.enum(['published', 'archived', 'evicted']),
    recipe: Recipe,
    manifest: z.record(z.string(), z.unknown()).nullable(),
    lineage: z.object({
      schemaId: Uuid.nullable(),
      schemaVersionId: Uuid.nullable(),
      jobId: Uuid.nullable(),
    }),
    createdAt: Timestamp,
    publishedAt: Timestamp.nullable(),
  })
  .meta({ id: 'DatasetVersion' });
export type DatasetVersion = z.infer<typeof DatasetVersion>;

/** A query flag: `true`/`false` as text (the typed client sends booleans as text). */
const QueryBool = z
  .union([z.boolean(), z.enum(['true', 'false'])])
  .transform((v) => v === true || v === 'true');

export const DownloadQuery = z.object({
  entity: z.string().min(1).max(200).optional().describe('One entity; a zip of all when absent'),
  format: FormatName.optional().describe(
    "The stored file's format when absent; another format is regenerated from the version's recipe",
  ),
  dialect: z
    .enum(['postgres', 'mysql', 'sqlite'])
    .optional()
    .describe('SQL dialect (format=sql only); the stored one, else postgres, when absent'),
  gzip: QueryBool.optional().describe("gzip each file; the stored files' setting when absent"),
});

export const RowsQuery = z.object({
  entity: z.string().min(1).max(200),
  offset: QueryInt(0, Number.MAX_SAFE_INTEGER).default(0),
  limit: QueryInt(1, 1000).default(100),
});

export const RowPage = z
  .object({
    entity: z.string(),
    offset: z.number().int(),
    limit: z.number().int(),
    total: z.number().int(),
    columns: z.array(z.string()),
    rows: z.array(z.record(z.string(), z.unknown())),
  })
  .meta({ id: 'RowPage' });
export type RowPage = z.infer<typeof RowPage>;
