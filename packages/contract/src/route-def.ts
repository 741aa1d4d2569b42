/**
 * @module The shape of one API route: method, path, access rule, zod schemas of its inputs and
 * output. One declaration feeds the server's validation, the OpenAPI document and the client.
 */
import type { z } from 'zod';
import type { Role } from './common.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call a route. `team` routes act on the `{teamId}` of the path (or, without one, on the
 * caller's own team) and need at least `role` there; `platform: true` also admits platform admins.
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'any' }
  | { kind: 'platform' }
  | { kind: 'team'; role: Role; platform?: boolean };

/** How the response body travels: JSON (validated), a byte stream, server-sent events or text. */
export type Produces = 'json' | 'stream' | 'sse' | 'text';

export interface RouteDef<
  P extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  B extends z.ZodType | undefined = z.ZodType | undefined,
  R extends z.ZodType = z.ZodType,
  X extends Produces = Produces,
> {
  method: Method;
  /** OpenAPI-style path, e.g. `/api/v1/teams/{teamId}`. */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  /** The success status. */
  status: 200 | 201 | 202 | 204;
  produces: X;
  /** The audit action (verb-noun) for mutations and data downloads; unaudited reads have none. */
  audit?: string;
}

/** Declares a route, keeping its schemas' exact types for the client and the server. */
export function route<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  R extends z.ZodType = z.ZodType,
  X extends Produces = 'json',
>(def: RouteDef<P, Q, B, R, X>): RouteDef<P, Q, B, R, X> {
  return def;
}

/** The minimum role a route needs, for messages and the docs ("public", "platform-admin", "write"). */
export function requiredRole(access: Access): string {
  if (access.kind === 'team') return access.platform ? `${access.role} (or platform-admin)` : access.role;
  return access.kind === 'platform' ? 'platform-admin' : access.kind === 'any' ? 'any key' : 'public';
}
