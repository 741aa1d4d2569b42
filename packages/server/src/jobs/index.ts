/** @module Generation jobs and dataset versions: durable jobs on pg-boss, retention and rebuild. */
export { createJobService, type JobService, type JobServiceOptions } from './service.js';
export type { Actor, JobOperations } from './operations.js';
export type { JobEvent, JobEventType, JobListener } from './events.js';
export type { JobRequest, StoredRequest } from './request.js';
export { schemaOfRecipe, type JobRecipe } from './recipe.js';
export type { RefreshOptions } from './refresh.js';
export type { RetentionPolicy, RetentionResult } from './retention.js';
export type { JobSettings } from './context.js';
export type { BossOptions } from './boss.js';
export { blobKeysOf, deleteVersionFiles, manifestFiles, versionPrefix } from './version-files.js';
