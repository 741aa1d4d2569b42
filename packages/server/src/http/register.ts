/**
 * @module Mounts one route of the contract's table: authenticate, rate-limit, authorize (404 for
 * another team's resource), validate every part, run the handler, and write exactly one audit
 * record for audited routes, whatever the outcome. A request refused before its handler runs
 * (unreadable or oversized body, unsupported media type) is audited by `auditRejected`.
 */
import type { RouteDef } from '@tdm/contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { authorize, type Principal } from '../auth/index.js';
import { isCodedError, type ServerError } from '../errors.js';
import { recordAudit, TEAM_ID_PATTERN, type AuditOutcome } from '../store/index.js';
import type { AppDeps, AuditNote, Ctx, Handler } from './context.js';
import type { Metrics } from './metrics.js';
import type { RateLimiter } from './rate-limit.js';
import { validateParts } from './validate.js';

export interface Mount {
  app: FastifyInstance;
  deps: AppDeps;
  limit: RateLimiter | null;
  metrics: Metrics;
}

/** `/teams/{teamId}` (OpenAPI) -> `/teams/:teamId` (fastify). */
export function fastifyPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}

/** Requests whose handler ran (and so wrote their own audit record). */
const handled = new WeakSet<FastifyRequest>();

/** What a mounted route keeps in its fastify config: its audit action, for refusals before the handler. */
export interface RouteConfig {
  def: RouteDef;
  audit: string | null;
}

async function audit(
  m: Mount,
  req: FastifyRequest,
  action: string,
  who: { principal: Principal | null; teamId: string | null },
  note: AuditNote,
  outcome: AuditOutcome,
  error: unknown,
): Promise<void> {
  const team = note.teamId !== undefined ? note.teamId : (who.teamId ?? who.principal?.teamId ?? null);
  try {
    await recordAudit(m.deps.db, {
      teamId: team !== null && TEAM_ID_PATTERN.test(team) ? team : null,
      actor: who.principal?.id ?? 'anonymous',
      actorRole: who.principal?.role ?? null,
      action,
      resource: note.resource ?? req.url.split('?')[0] ?? null,
      outcome,
      requestId: req.id,
      ip: req.ip,
      details: {
        ...note.details,
        ...(isCodedError(error) ? { errorCode: error.code } : error ? { errorCode: 'INTERNAL_ERROR' } : {}),
      },
    });
  } catch (e) {
    // The request's own outcome stands; a lost audit record is logged loudly for the operator.
    req.log.error({ err: e, action, requestId: req.id }, 'audit record could not be written');
  }
}

export interface MountOptions {
  /** The handler's service records the success itself (the job service does); only failures are recorded here. */
  successAuditedByService?: boolean;
  /** The audit action of a route the contract declares unaudited (the SSE stream). */
  audit?: string;
}

export function mount<D extends RouteDef>(
  m: Mount,
  def: D,
  handler: Handler<D>,
  options: MountOptions = {},
): void {
  const run = handler as unknown as (ctx: Ctx<z.ZodType, z.ZodType, z.ZodType>) => Promise<unknown>;
  const action = options.audit ?? def.audit;
  const config: RouteConfig = { def, audit: action ?? null };
  m.app.route({
    method: def.method,
    url: fastifyPath(def.path),
    config,
    handler: async (req, reply) => {
      handled.add(req);
      const who: { principal: Principal | null; teamId: string | null } = { principal: null, teamId: null };
      const note: AuditNote = {};
      let authorized = false;
      let result: unknown;
      try {
        if (def.access.kind !== 'public') {
          // Failed authentications count against the address: guessing keys meets 429s too.
          who.principal = await m.deps.authenticate(req.headers.authorization).catch((e: unknown) => {
            m.limit?.(`ip:${req.ip}`);
            throw e;
          });
          m.limit?.(`key:${who.principal.id}`);
          const pathTeam = (req.params as Record<string, string | undefined>).teamId;
          who.teamId = authorize(def.access, who.principal, pathTeam).teamId;
        }
        authorized = true;
        const parts = validateParts(def, { params: req.params, query: req.query, body: req.body });
        // A stream that stays open is audited when it opens, before its first byte.
        if (action && def.produces === 'sse') await audit(m, req, action, who, note, 'success', null);
        result = await run({
          ...parts,
          principal: who.principal,
          teamId: who.teamId,
          req,
          reply,
          audit: note,
        });
      } catch (e) {
        if (action) await audit(m, req, action, who, note, authorized ? 'error' : 'denied', e);
        throw e;
      }
      // Recorded before the reply goes out: a client that reads the trail next finds the record.
      if (action && !options.successAuditedByService && def.produces !== 'sse')
        await audit(m, req, action, who, note, 'success', null);
      if (def.produces === 'sse') return reply;
      reply.code(def.status);
      if (def.status === 204) return reply.send();
      if (def.produces === 'text') return reply.type('text/plain; version=0.0.4; charset=utf-8').send(result);
      return reply.send(result);
    },
  });
}

/**
 * Audits a request of an audited route that fastify refused before its handler ran (body that is
 * not JSON, too large, of an unsupported media type). Who is found out from the credentials as the
 * handler would: outcome `error` when they authenticate and admit the caller to the route, else
 * `denied`; details carry the refusal's code (and the credentials' failure, if any).
 */
export async function auditRejected(m: Mount, req: FastifyRequest, refusal: ServerError): Promise<void> {
  const config = req.routeOptions.config as Partial<RouteConfig> | undefined;
  if (!config?.audit || !config.def || handled.has(req)) return;
  const who: { principal: Principal | null; teamId: string | null } = { principal: null, teamId: null };
  let authCode: string | null = null;
  if (config.def.access.kind !== 'public') {
    try {
      who.principal = await m.deps.authenticate(req.headers.authorization);
      const pathTeam = (req.params as Record<string, string | undefined> | undefined)?.teamId;
      who.teamId = authorize(config.def.access, who.principal, pathTeam).teamId;
    } catch (e) {
      authCode = isCodedError(e) ? e.code : 'INTERNAL_ERROR';
    }
  }
  const details = { rejectedBeforeHandler: true, ...(authCode ? { authErrorCode: authCode } : {}) };
  await audit(m, req, config.audit, who, { details }, authCode ? 'denied' : 'error', refusal);
}
