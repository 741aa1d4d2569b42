/** @module Deterministic randomness: hashing, per-row PRNG, distributions, permutations. */
export { mix32, hashString, hashIndex, streamSeed } from './hash.js';
export { Rng } from './rng.js';
export { Permutation } from './permutation.js';
export { poisson, exponential, Zipf, Weighted } from './distributions.js';
