/** @module The HTTP edge: createApp (fastify, never listens), error mapping, metrics. */
export { createApp } from './app.js';
export { closeGracefully } from './close.js';
export type { AppDeps } from './context.js';
export { httpStatus } from './status.js';
export { mapError } from './error-response.js';
export { Metrics } from './metrics.js';
export { createRateLimiter, type RateLimitOptions } from './rate-limit.js';
