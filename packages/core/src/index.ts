/**
 * @module @tdm/core: the pure engine of tdm. Schema DSL and validation, the deterministic
 * random-access generator, the value library and streaming writers.
 */
export * from './errors/index.js';
export * from './dsl/index.js';
export * from './compile/index.js';
export * from './validate/index.js';
export * from './generate/index.js';
export * from './format/index.js';
export * from './expr/index.js';
export * from './quality/index.js';
export { Rng, Permutation, hashString, mix32, streamSeed } from './random/index.js';
export {
  allGenerators,
  getGenerator,
  generatorNames,
  localeCodes,
  LocaleData,
  type ColumnKind,
} from './values/index.js';
export { preview, type PreviewResult } from './preview.js';
export { ENGINE_VERSION, checkEngineVersion } from './version.js';
export * from './synth/index.js';
