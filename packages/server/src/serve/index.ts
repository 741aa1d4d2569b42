/** @module Running the platform: configuration and the one-process server. */
export { loadServerConfig, type ServerConfig } from './config.js';
export { startServer, type RunningServer } from './start-server.js';
export { adminCreateKey, adminCreateTeam } from './admin.js';
