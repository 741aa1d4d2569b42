/** @module The blob store: sealed dataset files on a directory, one directory per team. */
export { BlobStore, type BlobStoreOptions } from './blob-store.js';
export { BlobWriter } from './blob-writer.js';
export { validateBlobName, teamDirectory, MAX_BLOB_NAME } from './blob-name.js';
