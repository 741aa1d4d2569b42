/**
 * @module The Quality Validator's pure part: rules (derived from a schema or added by a team),
 * one streaming check per dataset, the six metrics, suggestions, JSON and HTML reports.
 */
export {
  qualityRules,
  qualityRulesSchema,
  familyOf,
  type QualityRules,
  type QualityRulesInput,
} from './rules.js';
export { levelPolicies, ruleLevel, runsAt, type LevelPolicy } from './levels.js';
export {
  validateDataQuality,
  type CheckProgress,
  generateQualityMetrics,
  defaultCheckThreads,
  type ValidateOptions,
} from './validate.js';
export {
  QualityReport,
  qualityReportSchema,
  ruleResultSchema,
  fieldProfileSchema,
  qualityMetricsSchema,
  type RuleResult,
  type FieldProfile,
  type QualityMetrics,
} from './report-schema.js';
export {
  memoryDataset,
  type CellValue,
  type ColumnInfo,
  type DatasetSource,
  type EntitySource,
} from './source.js';
export { isEmail, isPhone, isIban, isCreditCard, isIsoDate, isTimestamp, safeRegex } from './formats.js';
export { defineQualityRules, type DefineRulesOptions } from './derive.js';
export { suggestQualityImprovements, type QualitySuggestion } from './suggest.js';
export { qualityReportHtml, qualityReportJson, escapeHtml } from './html.js';
export {
  openDataset,
  openDatasetEntities,
  inferSchema,
  type DatasetEntityFiles,
  type DatasetFormat,
  type DatasetFiles,
  type OpenDatasetOptions,
  type InferSchemaOptions,
} from './read/index.js';
export { qualitySectionProblems } from './section-problems.js';
