/**
 * @module Quality DTOs: stored reports (of versions, of job gates, of uploaded datasets), checks on
 * demand, and a team's rule sets. The whole report is core's QualityReport (rules, profiles,
 * samples); the envelope types what clients filter and display on.
 */
import { z } from 'zod';
import { Name, Timestamp, Uuid } from './common.js';

export const QualityLevel = z.enum(['basic', 'standard', 'premium']);
export type QualityLevel = z.infer<typeof QualityLevel>;

const Score = z.number().min(0).max(1);

/** The brief's six metrics, each in [0, 1], and their weighted overall score. */
export const QualityMetrics = z
  .object({
    completeness: Score,
    consistency: Score,
    accuracy: Score,
    validity: Score,
    uniqueness: Score,
    businessRuleCompliance: Score,
    overall: Score,
  })
  .meta({ id: 'QualityMetrics' });

export const StoredQualityReport = z
  .object({
    reportId: Uuid,
    teamId: z.string(),
    source: z
      .enum(['version', 'gate', 'upload'])
      .describe(
        'version: of a published version; gate: of a job whose gate refused its data; upload: of an uploaded dataset',
      ),
    datasetVersionId: Uuid.nullable(),
    jobId: Uuid.nullable(),
    level: QualityLevel,
    passed: z.boolean(),
    reasons: z.array(z.string()).describe('Why the level failed, one line each'),
    metrics: QualityMetrics,
    suggestions: z.array(
      z.object({
        ruleId: z.string().optional(),
        entity: z.string(),
        field: z.string().optional(),
        family: z.string().optional(),
        severity: z.enum(['error', 'warning', 'info']),
        message: z.string(),
      }),
    ),
    report: z
      .record(z.string(), z.unknown())
      .describe(
        "core's QualityReport: every rule's checked/failed counts and failing rows, field profiles, policy",
      ),
    createdAt: Timestamp,
  })
  .meta({ id: 'QualityReport' });
export type StoredQualityReport = z.infer<typeof StoredQualityReport>;

export const QualityReportList = z.object({ reports: z.array(StoredQualityReport) });

export const QualityReportQuery = z.object({
  output: z.enum(['json', 'html']).default('json').describe('html: a self-contained page with charts'),
});

/** Rules as the DSL's `quality:` section takes them: `{ level?, rules: [...] }`. */
export const QualityRulesDoc = z
  .record(z.string(), z.unknown())
  .describe("The DSL's quality section: { level?, rules: [...] }");

export const QualityCheckRequest = z
  .strictObject({
    datasetId: Uuid,
    version: z.number().int().min(1),
    level: QualityLevel.optional().describe("The version's job level, else the team's, else standard"),
    rules: QualityRulesDoc.optional().describe('Extra rules for this check'),
    ruleSetIds: z
      .array(Uuid)
      .max(100)
      .optional()
      .describe("The team's rule sets to add (default: every enabled one)"),
    derive: z.boolean().default(true).describe('Also check the rules derived from the version schema'),
  })
  .meta({ id: 'QualityCheckRequest' });

export const QualityUploadQuery = z.object({
  entity: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('The entity name of a single uploaded file (default: "data")'),
  format: z
    .enum(['csv', 'tsv', 'json', 'ndjson', 'parquet', 'zip'])
    .optional()
    .describe('The body format; from Content-Type when absent. A zip holds one file per entity'),
  level: QualityLevel.optional(),
  schemaId: Uuid.optional().describe(
    'Type the columns and derive rules from this saved schema; inferred when absent',
  ),
  ruleSetIds: z
    .string()
    .max(4000)
    .optional()
    .describe('Comma-separated rule set ids to add (default: every enabled rule set of the team)'),
});

export const QualityRuleSetInput = z
  .strictObject({
    name: Name,
    description: z.string().max(10_000).nullable().optional(),
    datasetName: Name.nullable()
      .optional()
      .describe('Apply only to jobs of this dataset; every dataset when null'),
    rules: QualityRulesDoc,
    enabled: z.boolean().default(true),
  })
  .meta({ id: 'QualityRuleSetInput' });

export const QualityRuleSet = z
  .object({
    ruleSetId: Uuid,
    teamId: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    datasetName: z.string().nullable(),
    rules: QualityRulesDoc,
    enabled: z.boolean(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'QualityRuleSet' });

export const QualityRuleSetList = z.object({ ruleSets: z.array(QualityRuleSet) });
