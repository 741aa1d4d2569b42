/** @module Quality on the platform: checks of versions and uploads, stored reports, job gates. */
export * from './check.js';
export * from './sources.js';
export * from './gate.js';
