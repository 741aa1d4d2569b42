/** @module HTTP status of an error code: the one place the edge decides what a failure kind means. */

const EXACT: Record<string, number> = {
  AUTH_FORBIDDEN: 403,
  AUTH_CONFIG_INVALID: 500,
  RATE_LIMITED: 429,
  STORE_UNAVAILABLE: 503,
  STORE_CONFLICT: 409,
  STORE_STATE_INVALID: 409,
  TEAM_ARCHIVED: 409,
  // A stored file that fails authentication is a data problem, not a server bug: 422 with the action.
  BLOB_TAMPERED: 422,
  CRYPTO_VALUE_TAMPERED: 422,
  CRYPTO_DATA_KEY_CORRUPT: 422,
  REQUEST_TOO_LARGE: 413,
  INPUT_TOO_LARGE: 413,
  SCHEMA_TOO_LARGE: 413,
  DOWNLOAD_ZIP_UNAVAILABLE: 501,
  GENERATION_CONSTRAINT_UNSATISFIED: 422,
  // A version that cannot be reproduced here (recipe no longer matches, engine too old or new).
  JOB_RECIPE_MISMATCH: 422,
  JOB_CHECKSUM_MISMATCH: 422,
  GENERATION_ENGINE_VERSION_UNSUPPORTED: 422,
  BLOB_NAME_INVALID: 400,
  TEAM_ID_INVALID: 400,
  STORE_INPUT_INVALID: 400,
  STORE_REFERENCE_MISSING: 400,
  REQUEST_INVALID: 400,
  JOB_SERVICE_STOPPED: 503,
  QUALITY_UPLOAD_TOO_LARGE: 413,
  QUALITY_GATE_FAILED: 422,
};

/**
 * Exact codes first, then families by suffix/prefix; anything unknown is a 500 (a bug, reported
 * with a code and without internals).
 */
export function httpStatus(code: string): number {
  const exact = EXACT[code];
  if (exact !== undefined) return exact;
  if (code.startsWith('AUTH_')) return 401;
  if (code.endsWith('_NOT_FOUND')) return 404;
  if (code.endsWith('_EXISTS') || code.endsWith('_CONFLICT') || code.endsWith('_STATE_INVALID')) return 409;
  if (code.endsWith('_REQUEST_INVALID')) return 400;
  if (code.startsWith('SCHEMA_') || code.startsWith('INPUT_') || code.startsWith('FORMAT_')) return 400;
  // Bad uploaded data or rules: the caller's input.
  if (code.startsWith('DATASET_') || code.startsWith('QUALITY_')) return 400;
  // Samples, privacy rules and synthesis options the caller sent.
  if (code === 'SAMPLE_INVALID' || code.startsWith('PRIVACY_') || code === 'SYNTH_OPTIONS_INVALID')
    return 400;
  // The request is well formed but the data cannot satisfy it (k unreachable, too few distinct rows).
  if (code === 'K_ANONYMITY_UNREACHABLE' || code === 'SYNTH_PRIVACY_FILTER_EXHAUSTED') return 422;
  return 500;
}
