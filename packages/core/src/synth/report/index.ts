/**
 * @module The fidelity and privacy report of synthetic or masked data: `validateSyntheticQuality`,
 * its zod schema, a holdout split for the DCR baseline, and the report as JSON and HTML.
 */
export {
  validateSyntheticQuality,
  DEFAULT_DCR_SAMPLE_ROWS,
  type SyntheticQualityOptions,
} from './validate.js';
export { splitHoldout } from './holdout.js';
export { syntheticReportJson, syntheticReportHtml, type SyntheticReportHtmlOptions } from './html.js';
export {
  syntheticQualityReportSchema,
  SYNTHETIC_METRICS,
  type SyntheticQualityReport,
  type SyntheticTableReport,
  type ColumnShape,
  type ColumnDistribution,
  type PairTrend,
  type DcrResult,
  type DistanceSummary,
  type KAnonymityResult,
  type PiiReplay,
} from './schema.js';
