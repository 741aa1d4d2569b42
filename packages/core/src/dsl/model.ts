/**
 * @module The schema DSL's structure as zod schemas: one declaration drives parsing, validation,
 * the TypeScript types and the JSON Schema exported for editors.
 *
 * Generator-specific options (min, max, values, pattern, ...) are checked by each generator's own
 * parameter spec in `values/`; here a field only fixes the keys every field shares.
 */
import { z } from 'zod';
import { qualitySectionSchema } from './quality.js';

export const distributionNames = [
  'uniform',
  'normal',
  'lognormal',
  'poisson',
  'exponential',
  'zipf',
  'weighted',
  'fixed',
] as const;

/** How many children each parent gets: `count: { per: customers, distribution: poisson, mean: 5 }`. */
export const perParentCountSchema = z
  .object({
    per: z.string().describe('The parent entity: this entity gets a number of rows for each of its rows.'),
    distribution: z.enum(distributionNames).default('uniform').describe('How the per-parent count is drawn.'),
    value: z.number().int().nonnegative().optional().describe('The count for `fixed`.'),
    min: z.number().int().nonnegative().optional().describe('Smallest count per parent.'),
    max: z.number().int().nonnegative().optional().describe('Largest count per parent.'),
    mean: z
      .number()
      .nonnegative()
      .optional()
      .describe('Mean count (poisson, normal, exponential, lognormal).'),
    sd: z.number().nonnegative().optional().describe('Standard deviation (normal, lognormal).'),
    exponent: z.number().positive().optional().describe('Zipf exponent (default 1.1).'),
    weights: z
      .record(z.string(), z.number().nonnegative())
      .optional()
      .describe('For `weighted`: count -> weight, e.g. { "1": 60, "2": 30, "5": 10 }.'),
  })
  .strict();

export const countSchema = z.union([
  z.number().int().nonnegative().describe('A fixed number of rows (multiplied by the scale factor).'),
  perParentCountSchema,
]);

export const treeSchema = z
  .object({
    maxDepth: z.number().int().min(1).max(64).describe('Longest path from a root, in edges.'),
    roots: z.number().min(0).max(1).optional().describe('Share of rows that are roots (default: derived).'),
  })
  .strict();

/** Keys every field accepts; generator options are additional keys checked by the generator. */
export const fieldCommonShape = {
  type: z.string().optional().describe('The generator, e.g. person.firstName, integer, timestamp.'),
  ref: z.string().optional().describe('A foreign key: `entity.field` of the referenced primary key.'),
  nullRate: z.number().min(0).max(1).optional().describe('Share of rows where the value is null.'),
  unique: z.boolean().optional().describe('No two rows share a value (guaranteed by construction).'),
  primaryKey: z.boolean().optional().describe('Part of the primary key (implies unique, not null).'),
  description: z.string().optional(),
  pick: z
    .enum(['uniform', 'zipf'])
    .optional()
    .describe('For refs: how parents are picked; zipf makes a few parents very popular.'),
  skew: z.number().positive().optional().describe('For refs with pick zipf: the exponent (default 1.1).'),
  tree: treeSchema.optional().describe('For self references: build a forest with a depth limit.'),
} as const;

export const fieldSchema = z.object(fieldCommonShape).catchall(z.unknown());

export const entitySchema = z
  .object({
    description: z.string().optional(),
    count: countSchema.optional().describe('Rows to generate (default 100).'),
    fields: z.record(z.string(), fieldSchema),
    primaryKey: z.array(z.string()).min(1).optional().describe('A composite primary key.'),
    unique: z.array(z.array(z.string()).min(1)).optional().describe('Composite unique constraints.'),
    xml: z
      .object({ element: z.string().optional(), row: z.string().optional() })
      .strict()
      .optional()
      .describe('XML element names for the collection and each row.'),
  })
  .strict();

export const constraintSchema = z
  .object({
    entity: z.string(),
    rule: z.string().describe('An expression every row must satisfy, e.g. "ship_date >= order_date".'),
    name: z.string().optional(),
    description: z.string().optional(),
  })
  .strict();

export const schemaDocSchema = z
  .object({
    $schema: z.string().optional(),
    name: z.string().optional(),
    description: z.string().optional(),
    seed: z.number().int().optional().describe('Dataset seed (default 1).'),
    locale: z.string().optional().describe('A faker locale code (default en).'),
    now: z.string().optional().describe('The generation instant relative dates are measured from.'),
    scale: z.number().positive().optional().describe('Multiplies every fixed count.'),
    entities: z.record(z.string(), entitySchema),
    constraints: z.array(constraintSchema).optional(),
    quality: qualitySectionSchema
      .optional()
      .describe('Quality level and rules added to those derived from the schema (`tdm quality`).'),
  })
  .strict();

export type FieldDoc = z.infer<typeof fieldSchema>;
export type EntityDoc = z.infer<typeof entitySchema>;
export type ConstraintDoc = z.infer<typeof constraintSchema>;
export type SchemaDoc = z.infer<typeof schemaDocSchema>;
export type PerParentCount = z.infer<typeof perParentCountSchema>;
export type DistributionName = (typeof distributionNames)[number];
