/**
 * @module The fidelity and privacy report of synthetic (or masked) data as a zod schema: a plain
 * JSON-serializable object with stable field names, so the API contract, stored reports and the
 * HTML page read the same declaration. Every metric is defined once in `SYNTHETIC_METRICS`,
 * which the HTML page and the README print.
 *
 * Fidelity follows SDMetrics' Quality Report:
 * - column shape, per column: KSComplement = 1 - KS statistic (numbers, dates, timestamps; nulls
 *   dropped first, as SDMetrics does), TVComplement = 1 - total variation distance of the category
 *   frequencies (strings, booleans; null counts as a category);
 * - column pair trend, per pair: CorrelationSimilarity = 1 - |rho_real - rho_data| / 2 (Spearman,
 *   rows where both are present) for two ordered columns, ContingencySimilarity = 1 - TVD of the
 *   normalized contingency tables otherwise (numbers cut at the real data's 10 quantile bins);
 * - a table's score is the mean of its column-shape mean and its pair-trend mean; the report's
 *   property scores are means over tables (SDMetrics' multi-table rule) and its score their mean.
 * Declared key and foreign-key columns, declared PII columns (unless declared quasi-identifiers,
 * whose coarsening fidelity should show), string columns whose real values are all distinct
 * (identifiers, free text) and all-distinct integer columns that count or are named like ids are
 * skipped, as SDMetrics skips `id` and `pii` columns.
 */
import { z } from 'zod';

const unit = z.number().min(0).max(1);

export const columnDistributionSchema = z.object({
  /** `histogram`: equal-width bins over the real range; `categories`: top real categories. */
  kind: z.enum(['histogram', 'categories']),
  /** `epochMs` when the numbers are dates or timestamps. */
  unit: z.enum(['number', 'epochMs']),
  /** Bin lower edges (histogram; plus the last upper edge) or category labels. */
  labels: z.array(z.string()),
  /** Share of the real non-null values per bin/category (categories: "(other)" last). */
  real: z.array(unit),
  data: z.array(unit),
});

export const columnShapeSchema = z.object({
  column: z.string(),
  /** The real column's type. */
  type: z.string(),
  metric: z.enum(['KSComplement', 'TVComplement']),
  score: unit,
  realNullShare: unit,
  dataNullShare: unit,
  distribution: columnDistributionSchema,
});

export const pairTrendSchema = z.object({
  columns: z.tuple([z.string(), z.string()]),
  metric: z.enum(['CorrelationSimilarity', 'ContingencySimilarity']),
  score: unit,
  /** |Spearman| or Cramer's V of the pair in the real data (synth/stats `associationOf`). */
  realAssociation: unit,
  dataAssociation: unit,
  /** Signed Spearman rho, for CorrelationSimilarity pairs; null otherwise. */
  realCorrelation: z.number().min(-1).max(1).nullable(),
  dataCorrelation: z.number().min(-1).max(1).nullable(),
});

export const skippedColumnSchema = z.object({
  column: z.string(),
  reason: z.enum(['pii', 'identifier', 'key']),
});

export const distanceSummarySchema = z.object({
  rows: z.number().int().nonnegative(),
  median: z.number().nonnegative(),
  p5: z.number().nonnegative(),
  /** Share of rows at distance 0 (a real row with the same values in every DCR column). */
  zeroShare: unit,
});

export const dcrSchema = z.object({
  /** Columns the distance is taken over (the fidelity columns: no PII, no identifiers). */
  columns: z.array(z.string()),
  data: distanceSummarySchema,
  /** `holdout`: holdout rows vs the real rows; `leaveOneOut`: real rows vs the other real rows. */
  baselineKind: z.enum(['holdout', 'leaveOneOut']),
  baseline: distanceSummarySchema,
  /** Share of data rows strictly closer to a real row than the baseline's 5th percentile. */
  closerThanBaselineP5: unit,
  /** Masked data: share of rows whose closest real row (ties included) is their own original. */
  ownRecordNearest: unit.nullable(),
});

export const kAnonymitySchema = z.object({
  columns: z.array(z.string()),
  /** The smallest group of data rows sharing one combination of the quasi-identifiers. */
  k: z.number().int().nonnegative(),
  groups: z.number().int().nonnegative(),
  /** Data rows alone in their group (unique combinations). */
  uniqueRows: z.number().int().nonnegative(),
});

export const tableReportSchema = z.object({
  table: z.string(),
  realRows: z.number().int().nonnegative(),
  dataRows: z.number().int().nonnegative(),
  /** Real columns absent from the data; data columns absent from the real table. */
  missingColumns: z.array(z.string()),
  extraColumns: z.array(z.string()),
  skippedColumns: z.array(skippedColumnSchema),
  /** Null when the table has no column (pair) to compare. */
  columnShapes: unit.nullable(),
  pairTrends: unit.nullable(),
  score: unit.nullable(),
  /** E: mean |assoc(real) - assoc(data)| over the pairs whose real association is >= 0.1. */
  associationError: unit.nullable(),
  associationPairs: z.number().int().nonnegative(),
  columns: z.array(columnShapeSchema),
  pairs: z.array(pairTrendSchema),
  exactCopies: z.object({ copies: z.number().int().nonnegative(), rate: unit }),
  dcr: dcrSchema.nullable(),
  kAnonymity: kAnonymitySchema.nullable(),
  /** Masked data: share of cells that differ from the aligned real row, per column. */
  cellsChanged: z.array(z.object({ column: z.string(), rate: unit })).nullable(),
});

export const piiReplaySchema = z.object({
  table: z.string(),
  column: z.string(),
  kind: z.string(),
  /** Non-null data values, and those equal to some real value of the same column. */
  values: z.number().int().nonnegative(),
  replayed: z.number().int().nonnegative(),
  rate: unit,
});

export const syntheticQualityReportSchema = z.object({
  kind: z.enum(['synthetic', 'masked']),
  /** Overall fidelity: mean of `columnShapes` and `pairTrends` (null if neither applies). */
  score: unit.nullable(),
  columnShapes: unit.nullable(),
  pairTrends: unit.nullable(),
  associationError: unit.nullable(),
  /** The `statisticalAccuracy` target and whether `score` reaches it; null when none was given. */
  target: z.object({ statisticalAccuracy: unit, passed: z.boolean() }).nullable(),
  exactCopyRate: unit,
  /** Replayed over all values of all PII columns; null when no PII column was declared. */
  piiReplayRate: unit.nullable(),
  missingTables: z.array(z.string()),
  extraTables: z.array(z.string()),
  tables: z.array(tableReportSchema),
  pii: z.array(piiReplaySchema),
  /** What could not be measured and why (missing columns, no holdout, row-count mismatch). */
  notes: z.array(z.string()),
});

export type SyntheticQualityReport = z.infer<typeof syntheticQualityReportSchema>;
export type SyntheticTableReport = z.infer<typeof tableReportSchema>;
export type ColumnShape = z.infer<typeof columnShapeSchema>;
export type ColumnDistribution = z.infer<typeof columnDistributionSchema>;
export type PairTrend = z.infer<typeof pairTrendSchema>;
export type DcrResult = z.infer<typeof dcrSchema>;
export type DistanceSummary = z.infer<typeof distanceSummarySchema>;
export type KAnonymityResult = z.infer<typeof kAnonymitySchema>;
export type PiiReplay = z.infer<typeof piiReplaySchema>;

/** One line per metric: its name, its definition, and how to read it. */
export const SYNTHETIC_METRICS: readonly { metric: string; definition: string; reading: string }[] = [
  {
    metric: 'KSComplement',
    definition: '1 - max |F_real(x) - F_data(x)| over the non-null values (numbers, dates)',
    reading: '1: same distribution; 0: disjoint ranges',
  },
  {
    metric: 'TVComplement',
    definition: '1 - ½ Σ |p_real(c) - p_data(c)| over categories c, null included',
    reading: '1: same frequencies; 0: no category in common',
  },
  {
    metric: 'CorrelationSimilarity',
    definition: '1 - |ρ_real - ρ_data| / 2, Spearman ρ of two ordered columns',
    reading: '1: same rank correlation; 0: opposite perfect correlations',
  },
  {
    metric: 'ContingencySimilarity',
    definition: '1 - ½ Σ |p_real(a,b) - p_data(a,b)|, numbers in the real 10 quantile bins',
    reading: '1: same joint frequencies',
  },
  {
    metric: 'score',
    definition: 'mean of column shapes and pair trends (each a mean over tables of per-table means)',
    reading: 'SDMetrics Quality Report score; compared with statisticalAccuracy',
  },
  {
    metric: 'associationError (E)',
    definition:
      'mean |assoc_real - assoc_data| over pairs with assoc_real >= 0.1; assoc = |Spearman| or Cramér V',
    reading: '0: every real dependence kept; dependence captured = 1 - E_syn / E_independent',
  },
  {
    metric: 'exactCopyRate',
    definition: 'share of data rows equal, in every shared column, to some real row',
    reading: 'synthetic data: should be 0',
  },
  {
    metric: 'DCR',
    definition:
      'distance to the closest real row: mean over columns of |x - y| / real range (numbers) or 0/1 (categories, null)',
    reading: 'compare with the holdout baseline; closerThanBaselineP5 well above 0.05 means memorized rows',
  },
  {
    metric: 'piiReplayRate',
    definition:
      'share of data values of a PII column equal to some real value of that column; for free text, values holding a piece of personal data found in a real value (or equal to a real value holding some)',
    reading: 'should be 0',
  },
  {
    metric: 'k',
    definition: 'smallest number of data rows sharing one combination of the quasi-identifiers',
    reading: 'k-anonymity achieved; 1 means some row is unique',
  },
  {
    metric: 'cellsChanged',
    definition: 'masked data: share of cells that differ from the aligned real row',
    reading: '0 for a column left as is; near 1 for a fully masked column',
  },
];
