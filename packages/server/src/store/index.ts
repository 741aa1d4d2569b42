/** @module The store: the `Db` port, openStore, migrations, and one repository per table group. */
export type { Db, Engine, Queryable, Row, Tx } from './db.js';
export { openStore, type OpenStoreOptions, type Store } from './open-store.js';
export { APP_ROLE } from './scoped-db.js';
export { migrations, type Migration } from './migrations/index.js';
export { TEAM_ID_PATTERN } from './validate.js';
export {
  announceApiKeyChange,
  watchApiKeyChanges,
  type ApiKeyChange,
  type ApiKeyWatcher,
} from './api-key-changes.js';
export * from './repos/teams.js';
export * from './repos/api-keys.js';
export * from './repos/data-keys.js';
export * from './repos/schemas.js';
export * from './repos/datasets.js';
export * from './repos/dataset-versions.js';
export * from './repos/jobs.js';
export * from './repos/quality-reports.js';
export * from './repos/quality-rules.js';
export * from './repos/audit.js';
