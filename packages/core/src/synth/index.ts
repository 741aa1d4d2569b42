/**
 * @module Learning from samples: load a sample, profile it, find and mask personal data,
 * synthesize data with the sample's statistics, and score fidelity and privacy.
 */
export {
  loadSample,
  tableFromRows,
  tableRows,
  tableColumns,
  isNumericType,
  DEFAULT_MAX_SAMPLE_ROWS,
  type SampleTable,
  type SampleColumn,
  type LoadSampleOptions,
} from './table.js';
export {
  numberOf,
  spearman,
  cramersV,
  quantileCuts,
  binOf,
  categoriesOf,
  pairMeasure,
  associationOf,
  realAssociations,
  associationError,
  dependenceCaptured,
  type PairMeasure,
} from './stats.js';
export { PII_KINDS, type PiiKind, type PiiColumn } from './types.js';
export * from './pii/index.js';
export * from './model/index.js';
export * from './report/index.js';
export * from './write/index.js';
export * from './mask/index.js';
export * from './profile/index.js';
