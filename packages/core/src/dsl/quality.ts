/**
 * @module The DSL's `quality:` section: the quality level a dataset must reach and the rules a team
 * adds to those derived from the schema. One declaration drives parsing, the JSON Schema for
 * editors, `validateSchema` and the quality checker (`quality/`).
 */
import { z } from 'zod';

export const qualityLevels = ['basic', 'standard', 'premium'] as const;
export type QualityLevel = (typeof qualityLevels)[number];

/** The six metric families every rule counts towards. */
export const qualityFamilies = [
  'completeness',
  'consistency',
  'accuracy',
  'validity',
  'uniqueness',
  'businessRuleCompliance',
] as const;
export type QualityFamily = (typeof qualityFamilies)[number];

/** Named formats a `format` rule checks (besides `regex`). */
export const qualityFormats = [
  'email',
  'phone',
  'uuid',
  'date',
  'timestamp',
  'time',
  'iban',
  'creditCard',
  'integer',
  'number',
  'boolean',
  'json',
  'regex',
] as const;
export type QualityFormat = (typeof qualityFormats)[number];

const common = {
  id: z.string().min(1).max(200).optional().describe('A stable name for the rule (default: derived).'),
  entity: z.string().min(1).describe('The entity (file) the rule checks.'),
  description: z.string().optional(),
  level: z
    .enum(qualityLevels)
    .optional()
    .describe('The lowest quality level that runs the rule (default: by its family).'),
};
const field = z.string().min(1).describe('The field (column) the rule checks.');
const scalar = z.union([z.string(), z.number(), z.boolean()]);

export const completenessRuleSchema = z
  .object({
    ...common,
    kind: z.literal('completeness'),
    field,
    minRatio: z.number().min(0).max(1).default(1).describe('Smallest share of rows holding a value.'),
    nonEmpty: z.boolean().optional().describe('Count empty or blank strings as missing too.'),
    sampling: z
      .boolean()
      .optional()
      .describe('minRatio is the expectation of a random process: allow 4 standard errors of noise.'),
  })
  .strict();

export const uniqueRuleSchema = z
  .object({
    ...common,
    kind: z.literal('unique'),
    fields: z.array(z.string().min(1)).min(1).describe('The key: one field, or several for a composite key.'),
  })
  .strict();

export const foreignKeyRuleSchema = z
  .object({
    ...common,
    kind: z.literal('foreignKey'),
    field,
    ref: z
      .string()
      .regex(/^[^.]+\.[^.]+$/)
      .describe('The referenced key: `entity.field`.'),
  })
  .strict();

export const expressionRuleSchema = z
  .object({
    ...common,
    kind: z.literal('expression'),
    rule: z
      .string()
      .min(1)
      .describe('An expression every row must satisfy; parents through `fk_field.parent_field`.'),
    family: z
      .enum(['businessRuleCompliance', 'consistency'])
      .default('businessRuleCompliance')
      .describe('Business rule (default) or a cross-field / cross-entity consistency rule.'),
  })
  .strict();

export const formatRuleSchema = z
  .object({
    ...common,
    kind: z.literal('format'),
    field,
    format: z.enum(qualityFormats),
    pattern: z.string().max(1000).optional().describe('For `regex`: the whole value must match.'),
  })
  .strict();

export const jsonSchemaRuleSchema = z
  .object({
    ...common,
    kind: z.literal('jsonSchema'),
    field,
    schema: z.record(z.string(), z.unknown()).describe('A JSON Schema every JSON value must satisfy.'),
  })
  .strict();

export const domainRuleSchema = z
  .object({
    ...common,
    kind: z.literal('domain'),
    field,
    values: z.array(scalar).min(1).optional().describe('The allowed values (an enum set).'),
    min: z.union([z.number(), z.string()]).optional().describe('Smallest value (number or ISO instant).'),
    max: z.union([z.number(), z.string()]).optional().describe('Largest value (number or ISO instant).'),
    minLength: z.number().int().nonnegative().optional(),
    maxLength: z.number().int().nonnegative().optional(),
  })
  .strict();

export const distributionRuleSchema = z
  .object({
    ...common,
    kind: z.literal('distribution'),
    field,
    weights: z
      .record(z.string(), z.number().nonnegative())
      .describe('Category -> weight; shares are weights over their sum.'),
    tolerance: z
      .number()
      .min(0)
      .max(1)
      .default(0.02)
      .describe('Largest accepted |observed share - expected share| (plus sampling noise).'),
  })
  .strict();

export const qualityRuleSchema = z.discriminatedUnion('kind', [
  completenessRuleSchema,
  uniqueRuleSchema,
  foreignKeyRuleSchema,
  expressionRuleSchema,
  formatRuleSchema,
  jsonSchemaRuleSchema,
  domainRuleSchema,
  distributionRuleSchema,
]);

export const qualitySectionSchema = z
  .object({
    level: z.enum(qualityLevels).optional().describe('The level a dataset must reach (default standard).'),
    rules: z.array(qualityRuleSchema).optional().describe('Rules added to those derived from the schema.'),
  })
  .strict();

export type QualityRuleDoc = z.input<typeof qualityRuleSchema>;
export type QualityRule = z.output<typeof qualityRuleSchema>;
export type QualitySection = z.output<typeof qualitySectionSchema>;
