/**
 * @module @tdm/contract: the REST API's zod DTOs, its route table, the OpenAPI 3.1 document built
 * from them and a typed client. Server, CLI and dashboard share these declarations.
 */
export * from './common.js';
export * from './teams.js';
export * from './keys.js';
export * from './schemas.js';
export * from './jobs.js';
export * from './datasets.js';
export * from './audit.js';
export * from './quality.js';
export * from './samples.js';
export * from './route-def.js';
export { routes, Whoami, type Routes, type RouteId } from './routes.js';
export { buildOpenApi } from './openapi.js';
export {
  createClient,
  ApiError,
  type Client,
  type ClientOptions,
  type RouteInput,
  type RouteOutput,
} from './client.js';
