/**
 * @module The codes of encryption at rest and the blob store; part of the server catalogue.
 */
export const cryptoErrorCatalogue = {
  CRYPTO_MASTER_KEY_INVALID: {
    category: 'crypto',
    action:
      'Set TDM_MASTER_KEY to 32 random bytes in base64 or hex (e.g. `openssl rand -base64 32`), or unset it to use the key file.',
  },
  CRYPTO_MASTER_KEY_FILE_INVALID: {
    category: 'crypto',
    action:
      'Restore the original master.key (32 bytes), or set TDM_MASTER_KEY to the key that sealed the data keys.',
  },
  CRYPTO_MASTER_KEY_MISMATCH: {
    category: 'crypto',
    action:
      'Start with the master key that sealed the data keys, or rotate with both the old and the new key.',
  },
  CRYPTO_DATA_KEY_NOT_FOUND: {
    category: 'crypto',
    action: 'The data key this item was sealed with is gone from the store; restore it from a backup.',
  },
  CRYPTO_DATA_KEY_CORRUPT: {
    category: 'crypto',
    action: 'A sealed data key failed to authenticate; restore team_data_keys from a backup.',
  },
  CRYPTO_VALUE_TAMPERED: {
    category: 'crypto',
    action: 'The sealed secret was altered or belongs elsewhere; set the secret again.',
  },
  BLOB_TAMPERED: {
    category: 'blob',
    action: 'The stored file was altered, truncated or moved; rebuild it from its recipe or restore it.',
  },
  BLOB_NOT_FOUND: {
    category: 'blob',
    action: 'Check the blob name; it may have been evicted.',
  },
  BLOB_NAME_INVALID: {
    category: 'blob',
    action:
      'Use a relative name of `/`-separated segments of letters, digits, `.`, `_` and `-` (no `..`, no leading `.`), at most 512 characters.',
  },
  BLOB_WRITE_FAILED: {
    category: 'blob',
    action: 'Check TDM_DATA_DIR is writable and has space.',
  },
} as const satisfies Record<string, { category: string; action: string }>;

export type CryptoErrorCode = keyof typeof cryptoErrorCatalogue;
