/** @module Encryption at rest: master key, per-team data keys, sealed streams and sealed values. */
export { CryptoError, isCryptoError, cryptoErrorCatalogue, type CryptoErrorCode } from './errors.js';
export {
  loadMasterKey,
  parseMasterKey,
  masterKeyFromBytes,
  type MasterKey,
  type LoadMasterKeyOptions,
} from './master-key.js';
export type { DataKeyStore, SealedDataKey, ResealedKey } from './data-key-store.js';
export { MemoryDataKeyStore } from './memory-data-key-store.js';
export { Keyring, type DataKey, type KeyringOptions } from './keyring.js';
export { rotateMasterKey } from './rotate-master-key.js';
export { sealStream, type SealStreamOptions } from './seal-stream.js';
export { unsealStream, type UnsealStreamOptions } from './unseal-stream.js';
export { sealValue, unsealValue, type ValueKeys } from './sealed-value.js';
export { DEFAULT_SEGMENT_SIZE, FORMAT_VERSION } from './stream-format.js';
