/** @module Writing read or synthesized data to files in any output format, with a manifest. */
export {
  writeDataset,
  WRITE_FORMATS,
  type WriteDatasetOptions,
  type WrittenFile,
  type WrittenManifest,
} from './write-dataset.js';
export { columnsSchema, planTables, NUMBER_SCALE, type WriteEntity } from './plan.js';
export { numberText, type WriteFormat } from './cells.js';
export { sampleDataset } from './sample-source.js';
export { withReferences, type WriteReference } from './references.js';
