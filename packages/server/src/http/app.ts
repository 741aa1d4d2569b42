/**
 * @module createApp: the REST API as a fastify instance that never listens by itself (tests use
 * `app.inject`, `tdm serve` calls `listen`). Request ids, ErrorResponse for every failure, body
 * limits, per-key rate limits, CORS, metrics, /docs, and every route of the contract's table.
 */
import { randomUUID } from 'node:crypto';
import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { buildOpenApi } from '@tdm/contract';
import Fastify, { type FastifyInstance } from 'fastify';
import { ServerError, type ServerErrorCode } from '../errors.js';
import type { AppDeps } from './context.js';
import { mapError } from './error-response.js';
import { Metrics } from './metrics.js';
import { createRateLimiter } from './rate-limit.js';
import { auditRejected, type Mount } from './register.js';
import { mountAudit } from './routes/audit.js';
import { mountDatasets } from './routes/datasets.js';
import { mountDownload } from './routes/download.js';
import { mountEvents } from './routes/events.js';
import { mountJobs } from './routes/jobs.js';
import { mountKeys } from './routes/keys.js';
import { mountOps } from './routes/ops.js';
import { mountQuality } from './routes/quality.js';
import { mountRows } from './routes/rows.js';
import { mountSamples } from './routes/samples.js';
import { mountSchemas } from './routes/schemas.js';
import { mountTeams } from './routes/teams.js';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** A caller's X-Request-Id is kept when it is a sane token; otherwise a new one is made. */
function requestId(header: string | string[] | undefined): string {
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
}

function logger(option: AppDeps['logger']): boolean | Record<string, unknown> {
  if (!option) return false;
  // Credentials never reach the log, whatever serializers a deployment adds.
  const base = option === true ? {} : option;
  return { ...base, redact: ['req.headers.authorization', 'headers.authorization', 'key'] };
}

/**
 * Builds the app from its dependencies (store, blob store, authenticator, pepper).
 * @example
 * const app = await createApp({ db, blobs, pepper, authenticate });
 * const res = await app.inject({ url: '/health' });
 */
export async function createApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger(deps.logger),
    bodyLimit: deps.bodyLimit ?? 2 * 1024 * 1024,
    genReqId: (req) => requestId(req.headers['x-request-id']),
    trustProxy: false,
  });
  const metrics = deps.metrics ?? new Metrics();

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  app.addHook('onResponse', async (req, reply) => {
    metrics.observe(
      req.method,
      req.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
  });
  const m: Mount = {
    app,
    deps,
    limit: deps.rateLimit === false ? null : createRateLimiter(deps.rateLimit ?? {}),
    metrics,
  };
  app.setErrorHandler(async (error, req, reply) => {
    const mapped = mapError(error, req.id);
    if (mapped.status >= 500) req.log.error({ err: error, requestId: req.id }, 'request failed');
    // Refused before its handler (body not JSON, too large, wrong media type): audited here.
    const code = mapped.body.errorCode as ServerErrorCode;
    await auditRejected(m, req, new ServerError(code, mapped.body.message));
    if (mapped.retryAfter !== undefined) reply.header('retry-after', String(mapped.retryAfter));
    return reply.code(mapped.status).type('application/json').send(mapped.body);
  });
  app.setNotFoundHandler(async (req) => {
    throw new ServerError('ROUTE_NOT_FOUND', `no route ${req.method} ${req.url.split('?')[0]}`);
  });

  if (deps.cors) {
    await app.register(cors, {
      origin: deps.cors.origins,
      // The plugin's default (GET, HEAD, POST) would refuse the dashboard's PUT, PATCH and DELETE.
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      maxAge: 600,
      exposedHeaders: ['x-request-id', 'retry-after', 'content-disposition', 'x-content-sha256'],
    });
  }
  await app.register(swagger, {
    mode: 'static',
    specification: { document: buildOpenApi(undefined, { version: deps.version ?? '1.0.0' }) as never },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  mountOps(m, metrics);
  mountTeams(m);
  mountKeys(m);
  mountSchemas(m);
  mountDatasets(m);
  mountDownload(m);
  mountRows(m);
  mountAudit(m);
  mountQuality(m, deps.uploadMaxBytes === undefined ? {} : { uploadMaxBytes: deps.uploadMaxBytes });
  mountSamples(m, { uploadMaxBytes: deps.uploadMaxBytes });
  if (deps.jobs) {
    mountJobs(m, deps.jobs);
    mountEvents(m, deps.jobs);
  }
  return app;
}
