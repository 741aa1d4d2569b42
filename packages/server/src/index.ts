/** @module @tdm/server: the platform around the engine. */
export * from './errors.js';
export * from './store/index.js';
export * from './crypto/index.js';
export * from './blob/index.js';
export * from './keys/index.js';
export * from './jobs/index.js';
export * from './auth/index.js';
export * from './http/index.js';
export * from './serve/index.js';
export * from './manager/index.js';
export { adminRotateMasterKey, type RotationResult } from './serve/rotate.js';
