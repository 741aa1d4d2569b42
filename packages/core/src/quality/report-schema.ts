/**
 * @module The QualityReport as a zod schema: a plain JSON-serializable object, so the API contract
 * and stored reports reuse the same declaration.
 */
import { z } from 'zod';
import { qualityFamilies, qualityLevels } from '../dsl/index.js';

export const cellValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const failingRowSchema = z.object({
  /** 0-based data row index in the entity's file (the header is not a row). */
  row: z.number().int().nonnegative(),
  values: z.record(z.string(), cellValueSchema),
});

export const ruleResultSchema = z.object({
  id: z.string(),
  kind: z.string(),
  family: z.enum(qualityFamilies),
  entity: z.string(),
  fields: z.array(z.string()),
  /** What the rule checks, one line. */
  description: z.string(),
  /** Where the rule came from: derived from the schema, or added by a team. */
  origin: z.enum(['schema', 'user']),
  /** Values checked (nulls are skipped except by completeness rules). */
  checked: z.number().int().nonnegative(),
  /** Values that failed the rule. */
  failed: z.number().int().nonnegative(),
  /** Values counted against the rule's metric (see `metricDefinitions`). */
  violations: z.number().int().nonnegative(),
  passed: z.boolean(),
  /** Observed vs required, for ratio rules (completeness). */
  ratio: z.number().optional(),
  threshold: z.number().optional(),
  samples: z.array(failingRowSchema),
  /** Per-category detail of distribution rules. */
  categories: z
    .array(z.object({ value: z.string(), expected: z.number(), observed: z.number(), allowed: z.number() }))
    .optional(),
  /** Why the rule could not run (missing entity or field): it then fails. */
  error: z.string().optional(),
});

export const histogramSchema = z.object({
  lo: z.number(),
  width: z.number(),
  counts: z.array(z.number()),
  /** `epochMs` for dates and timestamps. */
  unit: z.enum(['number', 'epochMs']),
});

export const fieldProfileSchema = z.object({
  entity: z.string(),
  field: z.string(),
  type: z.string(),
  count: z.number().int().nonnegative(),
  nulls: z.number().int().nonnegative(),
  /** Empty or blank strings. */
  empty: z.number().int().nonnegative(),
  distinct: z.number().int().nonnegative(),
  /** False when `distinct` is a HyperLogLog estimate (past 2,048 distinct values). */
  distinctExact: z.boolean(),
  min: cellValueSchema,
  max: cellValueSchema,
  mean: z.number().nullable(),
  /** Most frequent values; exact while distinct values <= 2,048, else Misra-Gries lower bounds. */
  topValues: z.array(z.object({ value: cellValueSchema, count: z.number().int() })),
  histogram: histogramSchema.nullable(),
});

export const qualityMetricsSchema = z.object({
  completeness: z.number().min(0).max(1),
  consistency: z.number().min(0).max(1),
  accuracy: z.number().min(0).max(1),
  validity: z.number().min(0).max(1),
  uniqueness: z.number().min(0).max(1),
  businessRuleCompliance: z.number().min(0).max(1),
  overall: z.number().min(0).max(1),
});

export const qualityReportSchema = z.object({
  level: z.enum(qualityLevels),
  passed: z.boolean(),
  /** Why the level failed, one line per reason (empty when it passed). */
  reasons: z.array(z.string()),
  metrics: qualityMetricsSchema,
  /** Checked values per family (a family with none scores 1 and is left out of `overall`). */
  checkedByFamily: z.record(z.string(), z.number()),
  policy: z.object({ allowedFailureShare: z.number(), minScore: z.number() }),
  entities: z.array(
    z.object({ name: z.string(), file: z.string(), format: z.string(), rows: z.number().int() }),
  ),
  rules: z.array(ruleResultSchema),
  /** Rules not run at this level. */
  skipped: z.array(z.object({ id: z.string(), level: z.enum(qualityLevels) })),
  profiles: z.array(fieldProfileSchema),
  /** Bytes of key-tracking state (fingerprint sets) at the end of the run. */
  keyStateBytes: z.number().int().nonnegative(),
});

export type QualityReport = z.infer<typeof qualityReportSchema>;
export type RuleResult = z.infer<typeof ruleResultSchema>;
export type FieldProfile = z.infer<typeof fieldProfileSchema>;
export type QualityMetrics = z.infer<typeof qualityMetricsSchema>;
/** Zod schema of the report, for contracts: `QualityReport.parse(json)`. */
export const QualityReport = qualityReportSchema;
