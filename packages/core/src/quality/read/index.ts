/** @module Reading datasets for quality checks: open files or directories, infer a schema. */
export type {
  CellValue,
  ColumnInfo,
  ColumnType,
  DatasetFormat,
  DatasetSource,
  EntitySource,
} from './types.js';
export {
  openDataset,
  openDatasetEntities,
  type DatasetEntityFiles,
  type OpenDatasetOptions,
} from './open-dataset.js';
export type { DatasetFiles } from './files.js';
export { inferSchema, type InferSchemaOptions } from './infer-schema.js';
export { NULL_TOKENS } from './cells.js';
