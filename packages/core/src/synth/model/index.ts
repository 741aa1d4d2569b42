/** @module Synthesis from samples: the sequential tree model, the copula and independent baselines. */
export {
  generateSyntheticData,
  fitSynthesizer,
  type SynthesisModel,
  type SynthesisResult,
} from './synthesize.js';
export {
  SYNTHESIS_METHODS,
  type SynthesisMethod,
  type SynthesisOptions,
  type ForeignKey,
  type ColumnRef,
} from './options.js';
export { MAX_CANDIDATES } from './privacy.js';
export { keyColumns } from './keys.js';
