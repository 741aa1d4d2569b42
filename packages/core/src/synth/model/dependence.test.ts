/**
 * @module Dependence captured (the measure: 1 - E_syn / E_ind over pairs with real
 * association >= 0.1) on a mixed table with a known non-monotone categorical dependence: the
 * sequential trees keep most of it, the Gaussian copula much less, at every seed tried.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { associationError, dependenceCaptured, realAssociations } from '../stats.js';
import { generateSyntheticData } from './synthesize.js';
import { mixedTable } from './testing.js';

test('sequential captures far more dependence than the copula on mixed categorical data', () => {
  const real = mixedTable(3000, 21);
  const pairs = realAssociations(real);
  assert.ok(pairs.filter((p) => p.real >= 0.1).length >= 5, 'the table has dependences to keep');
  for (const seed of [1, 2, 3]) {
    const e = (method: 'sequential' | 'copula' | 'independent'): number =>
      associationError(pairs, generateSyntheticData([real], { seed, method })[0]!);
    const eInd = e('independent');
    const sequential = dependenceCaptured(e('sequential'), eInd);
    const copula = dependenceCaptured(e('copula'), eInd);
    assert.ok(sequential >= 0.8, `seed ${seed}: sequential captured ${sequential}`);
    assert.ok(sequential - copula >= 0.25, `seed ${seed}: sequential ${sequential} vs copula ${copula}`);
  }
});
