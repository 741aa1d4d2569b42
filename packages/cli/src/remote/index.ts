/** @module Remote mode: the CLI's generation commands against a running `tdm serve`. */
export {
  resolveConnection,
  remoteClient,
  plainHttpWarning,
  type Connection,
  type RemoteFlags,
} from './connection.js';
export { fromRemote, redacted, remoteError } from './errors.js';
export { openEventFeed, followJob, type EventFeed, type JobProgress } from './follow.js';
export { downloadVersion, manifestFiles } from './download.js';
