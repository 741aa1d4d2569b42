/**
 * @module The coded errors of encryption at rest and the blob store, in the style of the core
 * catalogue (one stable SCREAMING_SNAKE code per failure kind, each with a suggested action).
 *
 * Core's `TdmError<C extends ErrorCode>` only admits core codes, and the core catalogue is not ours
 * to edit. So a `CryptoError` is a `TdmError` whose `code` is the closest core code (edges that map
 * core codes already give it the right status) and whose `serverCode` is the precise code, also
 * carried as `details.serverCode` into JSON. These entries belong in the server-wide catalogue
 * (`../errors.ts`) once it takes them; then this file re-exports from there.
 */
import { TdmError, type ErrorCode } from '@tdm/core';

export const cryptoErrorCatalogue = {
  CRYPTO_MASTER_KEY_INVALID: {
    coreCode: 'INPUT_INVALID',
    action:
      'Set TDM_MASTER_KEY to 32 random bytes in base64 or hex (e.g. `openssl rand -base64 32`), or unset it to use the key file.',
  },
  CRYPTO_MASTER_KEY_FILE_INVALID: {
    coreCode: 'INPUT_INVALID',
    action:
      'Restore the original master.key (32 bytes), or set TDM_MASTER_KEY to the key that sealed the data keys.',
  },
  CRYPTO_MASTER_KEY_MISMATCH: {
    coreCode: 'INPUT_INVALID',
    action:
      'Start with the master key that sealed the data keys, or rotate with both the old and the new key.',
  },
  CRYPTO_DATA_KEY_NOT_FOUND: {
    coreCode: 'INTERNAL_ERROR',
    action: 'The data key this item was sealed with is gone from the store; restore it from a backup.',
  },
  CRYPTO_DATA_KEY_CORRUPT: {
    coreCode: 'INTERNAL_ERROR',
    action: 'A sealed data key failed to authenticate; restore team_data_keys from a backup.',
  },
  CRYPTO_VALUE_TAMPERED: {
    coreCode: 'INPUT_INVALID',
    action: 'The sealed secret was altered or belongs elsewhere; set the secret again.',
  },
  BLOB_TAMPERED: {
    coreCode: 'INTERNAL_ERROR',
    action: 'The stored file was altered, truncated or moved; rebuild it from its recipe or restore it.',
  },
  BLOB_NOT_FOUND: {
    coreCode: 'INPUT_FILE_NOT_FOUND',
    action: 'Check the blob name; it may have been evicted.',
  },
  BLOB_NAME_INVALID: {
    coreCode: 'INPUT_INVALID',
    action:
      'Use a relative name of `/`-separated segments of letters, digits, `.`, `_` and `-` (no `..`, no leading `.`), at most 512 characters.',
  },
  BLOB_WRITE_FAILED: {
    coreCode: 'GENERATION_OUTPUT_FAILED',
    action: 'Check TDM_DATA_DIR is writable and has space.',
  },
} as const satisfies Record<string, { coreCode: ErrorCode; action: string }>;

export type CryptoErrorCode = keyof typeof cryptoErrorCatalogue;

/** A TdmError with a precise server-side code (see the module note on why two codes). */
export class CryptoError<S extends CryptoErrorCode = CryptoErrorCode> extends TdmError {
  readonly serverCode: S;

  constructor(
    serverCode: S,
    message: string,
    options: { details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    const entry = cryptoErrorCatalogue[serverCode];
    super(entry.coreCode, message, {
      details: { serverCode, ...options.details },
      suggestedActions: [entry.action],
      cause: options.cause,
    });
    this.serverCode = serverCode;
  }
}

/** True when `e` is a CryptoError, optionally of the given code. */
export function isCryptoError<S extends CryptoErrorCode>(e: unknown, code?: S): e is CryptoError<S> {
  return e instanceof CryptoError && (code === undefined || e.serverCode === code);
}
