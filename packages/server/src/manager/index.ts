/** @module The Data Manager (the brief's DataManagerService): team environments, distribution, reads, refresh, retention. */
export { createDataManager } from './data-manager.js';
export type * from './types.js';
