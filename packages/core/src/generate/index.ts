/** @module Generation: generateData with streaming writers, jobs, manifests, worker threads. */
export {
  generateData,
  getGenerationStatus,
  cancelGeneration,
  type Dataset,
  type GenerationOptions,
} from './generate-data.js';
export { JobRegistry, defaultJobs, type GenerationStatus, type JobState } from './jobs.js';
export { canonicalJson, schemaHash, type Manifest } from './manifest.js';
export { TrackedFile, type FileInfo, type OutputFile, type OutputPort } from './output.js';
export { encodeChunk, rowsOf, CHUNK_ROWS } from './chunks.js';
