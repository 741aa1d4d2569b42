/**
 * @module tdm synthesize's flags and report: `--min-distance` takes auto or a distance; the
 * report leaves keys and foreign keys out of the fidelity scores.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TdmError } from '@tdm/core';
import { minDistanceFlag } from './synthesize.js';

test('--min-distance takes auto, 0 (off) or a distance in [0, 1], and refuses others by name', () => {
  assert.equal(minDistanceFlag('auto'), 'auto');
  assert.equal(minDistanceFlag('AUTO'), 'auto');
  assert.equal(minDistanceFlag('0'), 0);
  assert.equal(minDistanceFlag('0.05'), 0.05);
  for (const bad of ['', 'x', '-0.1', '1.5']) {
    assert.throws(
      () => minDistanceFlag(bad),
      (e: unknown) =>
        e instanceof TdmError &&
        e.code === 'INPUT_INVALID' &&
        e.message === `--min-distance: "${bad}" is not auto or a number from 0 to 1`,
    );
  }
});
