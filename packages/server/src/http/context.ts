/** @module What a route handler gets (typed inputs, principal, team, audit note) and what the app needs (deps). */
import type { Readable } from 'node:stream';
import type { Produces, RouteDef } from '@tdm/contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Authenticate, Principal } from '../auth/index.js';
import type { BlobStore } from '../blob/index.js';
import type { JobService } from '../jobs/index.js';
import type { Db } from '../store/index.js';
import type { KeyObject } from 'node:crypto';
import type { Metrics } from './metrics.js';
import type { RateLimitOptions } from './rate-limit.js';

export interface AppDeps {
  db: Db;
  blobs: BlobStore;
  /** The API-key pepper (see auth/pepper.ts): new keys are hashed with it. */
  pepper: KeyObject;
  authenticate: Authenticate;
  /** CORS: allowed origins (true: any); no CORS headers when absent. */
  cors?: { origins: string[] | true };
  /** Per-key limits; false turns them off. */
  rateLimit?: RateLimitOptions | false;
  /** Largest accepted request body in bytes (default 2 MiB: a 1 MB schema as JSON text fits). */
  bodyLimit?: number;
  /** Largest dataset a quality upload may send (default 512 MiB; TDM_UPLOAD_MAX_BYTES). */
  uploadMaxBytes?: number;
  /** pino options or false (default); the Authorization header is always redacted. */
  logger?: boolean | Record<string, unknown>;
  version?: string;
  metrics?: Metrics;
  /**
   * The job service; without it the job routes and /events are not mounted, and an evicted
   * version's files cannot be rebuilt for a download.
   */
  jobs?: Pick<JobService, 'submit' | 'get' | 'list' | 'cancel' | 'subscribe' | 'materializeVersion'>;
  /** Seconds between SSE keep-alive comments (default 15). */
  sseHeartbeatSeconds?: number;
}

/** What the audit record of this request should say beyond who/when/where/outcome. */
export interface AuditNote {
  teamId?: string | null;
  resource?: string;
  details?: Record<string, unknown>;
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface Ctx<P, Q, B> {
  params: Parsed<P>;
  query: Parsed<Q>;
  body: Parsed<B>;
  /** null only on public routes. */
  principal: Principal | null;
  /** The team the request acts on (path team, or the caller's own); null for platform-level work. */
  teamId: string | null;
  req: FastifyRequest;
  reply: FastifyReply;
  audit: AuditNote;
}

/** A handler returns the DTO (json), the text (text) or a Readable (stream); sse handlers hijack. */
export type HandlerResult<R extends z.ZodType, X extends Produces> = X extends 'stream'
  ? Readable
  : X extends 'text'
    ? string
    : X extends 'sse'
      ? void
      : z.input<R>;

export type Handler<D> =
  D extends RouteDef<infer P, infer Q, infer B, infer R, infer X>
    ? (ctx: Ctx<P, Q, B>) => Promise<HandlerResult<R, X>>
    : never;
