/** @module Wiring of encryption at rest to the store. */
export { dbDataKeyStore } from './db-data-key-store.js';
