/**
 * @module DataPatterns, the result of profiling a sample, as zod schemas: a plain
 * JSON-serializable object, so the API contract, stored profiles and the CLI's JSON output reuse
 * one declaration (as `quality/report-schema.ts` does for quality reports).
 */
import { z } from 'zod';

export const columnTypeSchema = z.enum([
  'string',
  'integer',
  'number',
  'boolean',
  'date',
  'timestamp',
  'json',
]);

/** The quantile levels every numeric profile reports, in order. */
export const QUANTILE_LEVELS = [0, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 1] as const;

export const numericPatternsSchema = z.object({
  min: z.number(),
  max: z.number(),
  mean: z.number(),
  /** Sample standard deviation (n - 1); 0 for a single value. */
  sd: z.number(),
  /** At QUANTILE_LEVELS, linear interpolation between order statistics (R type 7, numpy's default). */
  quantiles: z.array(z.number()),
  /** Equal-width bins from min to max: counts[i] counts edges[i] <= x < edges[i+1] (the last bin includes max). */
  histogram: z.object({ edges: z.array(z.number()), counts: z.array(z.number().int().nonnegative()) }),
  /** Digits after the decimal point that 99% of the values need (0 for whole numbers). */
  decimals: z.number().int().nonnegative(),
});

export const categoryPatternsSchema = z.object({
  /** The kept categories, most frequent first; value is the cell as text. */
  values: z.array(z.object({ value: z.string(), count: z.number().int().positive(), share: z.number() })),
  /** Non-null values pooled as "other": rare categories (below rareCategoryShare) and those beyond maxCategories. */
  otherCount: z.number().int().nonnegative(),
  otherShare: z.number(),
});

export const stringPatternsSchema = z.object({
  minLength: z.number().int().nonnegative(),
  maxLength: z.number().int().nonnegative(),
  meanLength: z.number(),
  /**
   * Value shapes, most common first (up to 10): a named format (`email`, `uuid`, `url`, `text`
   * for values over 32 characters) or a character shape, `A` an uppercase letter, `a` lowercase,
   * `9` a digit, other characters as they are ('Aaaa 9999'). When exact shapes are too many to
   * say much, runs are collapsed: `Aa+ Aa+`.
   */
  formats: z.array(z.object({ pattern: z.string(), share: z.number() })),
});

export const temporalPatternsSchema = z.object({
  /** ISO text as read: YYYY-MM-DD for dates, full ISO for timestamps. */
  min: z.string(),
  max: z.string(),
  /** The coarsest unit every value is a whole multiple of. */
  granularity: z.enum(['year', 'month', 'day', 'hour', 'minute', 'second', 'millisecond']),
});

export const columnPatternsSchema = z.object({
  name: z.string(),
  type: columnTypeSchema,
  nulls: z.number().int().nonnegative(),
  nullShare: z.number(),
  /** Distinct non-null values. */
  distinct: z.number().int().nonnegative(),
  numeric: numericPatternsSchema.optional(),
  categories: categoryPatternsSchema.optional(),
  strings: stringPatternsSchema.optional(),
  temporal: temporalPatternsSchema.optional(),
});

export const dependenceSchema = z.object({
  a: z.string(),
  b: z.string(),
  /** spearman: two numeric columns; cramersV: two categorical; both: one of each. */
  measure: z.enum(['spearman', 'cramersV', 'both']),
  /** Strength in [0, 1]: |Spearman| for spearman, Cramer's V otherwise (numbers in 10 quantile bins). */
  value: z.number(),
  /** Signed rank correlation: numeric pairs, and a number against a two-valued column coded 0 (the more frequent value) and 1. */
  spearman: z.number().optional(),
  cramersV: z.number().optional(),
});

export const tablePatternsSchema = z.object({
  name: z.string(),
  rows: z.number().int().nonnegative(),
  /** True when the source had more rows than were profiled. */
  truncated: z.boolean(),
  columns: z.array(columnPatternsSchema),
  /** Minimal unique, non-null column sets of one or two columns. */
  candidateKeys: z.array(z.array(z.string())),
  dependence: z.array(dependenceSchema),
});

export const columnRefSchema = z.object({ table: z.string(), column: z.string() });

export const foreignKeySchema = z.object({
  from: columnRefSchema,
  to: columnRefSchema,
  /** Share of the referencing column's non-null values found in the referenced key. */
  coverage: z.number(),
});

export const dataPatternsSchema = z.object({
  tables: z.array(tablePatternsSchema),
  foreignKeys: z.array(foreignKeySchema),
});

export type NumericPatterns = z.infer<typeof numericPatternsSchema>;
export type CategoryPatterns = z.infer<typeof categoryPatternsSchema>;
export type StringPatterns = z.infer<typeof stringPatternsSchema>;
export type TemporalPatterns = z.infer<typeof temporalPatternsSchema>;
export type ColumnPatterns = z.infer<typeof columnPatternsSchema>;
export type Dependence = z.infer<typeof dependenceSchema>;
export type TablePatterns = z.infer<typeof tablePatternsSchema>;
export type DetectedForeignKey = z.infer<typeof foreignKeySchema>;
export type DataPatterns = z.infer<typeof dataPatternsSchema>;
