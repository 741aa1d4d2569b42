/**
 * @module loadServerConfig: defaults, the integer settings' bounds, and coded errors for bad values.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isServerError } from '../errors.js';
import { loadServerConfig } from './config.js';

test('integer settings take their defaults, accept values in range and refuse the rest with CONFIG_INVALID', () => {
  const d = loadServerConfig({}, { dataDir: '/tmp/tdm-config-test' });
  assert.equal(d.keyCacheTtlMs, 5_000);
  assert.equal(d.uploadMaxBytes, 512 * 1024 * 1024);
  assert.equal(d.rateLimitPerMinute, 600);
  const set = loadServerConfig(
    { TDM_KEY_CACHE_TTL_MS: '0', TDM_UPLOAD_MAX_BYTES: '2048', TDM_RATE_LIMIT: '5' },
    { dataDir: '/tmp/tdm-config-test' },
  );
  assert.deepEqual([set.keyCacheTtlMs, set.uploadMaxBytes, set.rateLimitPerMinute], [0, 2048, 5]);
  for (const [name, value] of [
    ['TDM_KEY_CACHE_TTL_MS', '-1'],
    ['TDM_KEY_CACHE_TTL_MS', '1e9'],
    ['TDM_UPLOAD_MAX_BYTES', '12'],
    ['TDM_UPLOAD_MAX_BYTES', 'lots'],
    ['TDM_RATE_LIMIT', '0'],
  ] as const) {
    assert.throws(
      () => loadServerConfig({ [name]: value }, { dataDir: '/tmp/tdm-config-test' }),
      (e: unknown) => isServerError(e, 'CONFIG_INVALID') && (e as Error).message.includes(name),
      `${name}=${value}`,
    );
  }
});
