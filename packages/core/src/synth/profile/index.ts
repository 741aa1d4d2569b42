/** @module Profiling a sample: DataPatterns (per column, per table, across tables) and a DSL schema from them. */
export { analyzePatternsFromSample, type AnalyzePatternsOptions } from './analyze.js';
export { patternsToSchema, primaryKeyOf, type PatternsToSchemaOptions } from './to-schema.js';
export {
  dataPatternsSchema,
  tablePatternsSchema,
  columnPatternsSchema,
  numericPatternsSchema,
  categoryPatternsSchema,
  stringPatternsSchema,
  temporalPatternsSchema,
  dependenceSchema,
  foreignKeySchema,
  QUANTILE_LEVELS,
  type DataPatterns,
  type TablePatterns,
  type ColumnPatterns,
  type NumericPatterns,
  type CategoryPatterns,
  type StringPatterns,
  type TemporalPatterns,
  type Dependence,
  type DetectedForeignKey,
} from './patterns-schema.js';
export { candidateKeys, foreignKeys, MIN_FK_COVERAGE } from './keys.js';
export { cramersVOfCodes } from './dependence.js';
export { fitDistribution, normalCdf, type FittedDistribution } from './fit.js';
export { shapeOf } from './shapes.js';
export { quantileOf } from './numeric.js';
