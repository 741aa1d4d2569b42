/**
 * @module The typed client: one method per route of the table, inputs and outputs typed by the
 * same zod schemas, JSON responses validated, errors thrown as ApiError with the ErrorResponse.
 */
import type { z } from 'zod';
import { ErrorResponse } from './common.js';
import type { Produces, RouteDef } from './route-def.js';
import { routes, type Routes } from './routes.js';

type Part<S, K extends string> = S extends z.ZodType ? { [P in K]: z.input<S> } : { [P in K]?: never };

/** What a route's method takes: `params`, `query` and `body` as the route declares them. */
export type RouteInput<D> =
  D extends RouteDef<infer P, infer Q, infer B, z.ZodType, Produces>
    ? Part<P, 'params'> & (Q extends z.ZodType ? { query?: z.input<Q> } : { query?: never }) & Part<B, 'body'>
    : never;

/** What it returns: parsed JSON, text, or the raw Response of a stream (read it as you like). */
export type RouteOutput<D> =
  D extends RouteDef<z.ZodType | undefined, z.ZodType | undefined, z.ZodType | undefined, infer R, infer X>
    ? X extends 'stream' | 'sse'
      ? Response
      : X extends 'text'
        ? string
        : z.output<R>
    : never;

export type Client = {
  [K in keyof Routes]: (input: RouteInput<Routes[K]>) => Promise<RouteOutput<Routes[K]>>;
};

export interface ClientOptions {
  baseUrl: string;
  /** An API key or a JWT, sent as `Authorization: Bearer ...`. */
  key?: string;
  fetch?: typeof fetch;
  headers?: Record<string, string>;
}

/** A non-2xx answer: the status and the server's ErrorResponse. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly body: ErrorResponse,
  ) {
    super(`${body.errorCode}: ${body.message}`);
  }
  get errorCode(): string {
    return this.body.errorCode;
  }
}

function buildUrl(base: string, def: RouteDef, input: { params?: unknown; query?: unknown }): string {
  const params = (input.params ?? {}) as Record<string, unknown>;
  const path = def.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params[name])));
  const url = new URL(base.replace(/\/$/, '') + path);
  for (const [k, v] of Object.entries((input.query ?? {}) as Record<string, unknown>)) {
    if (v !== undefined) url.searchParams.set(k, String(v));
  }
  return url.toString();
}

async function failure(res: Response): Promise<ApiError> {
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const body = ErrorResponse.safeParse(parsed);
  if (body.success) return new ApiError(res.status, body.data);
  return new ApiError(res.status, {
    errorCode: 'HTTP_ERROR',
    message: `HTTP ${res.status}: ${text.slice(0, 200)}`,
    timestamp: new Date().toISOString(),
    requestId: res.headers.get('x-request-id') ?? '',
  });
}

/**
 * Creates a client for a tdm server.
 * @example
 * const api = createClient({ baseUrl: 'http://localhost:8080', key: process.env.TDM_KEY });
 * const { teams } = await api.listTeams({});
 */
export function createClient(options: ClientOptions): Client {
  const doFetch = options.fetch ?? fetch;
  const call = async (def: RouteDef, input: { params?: unknown; query?: unknown; body?: unknown }) => {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (options.key) headers.authorization = `Bearer ${options.key}`;
    if (def.body) headers['content-type'] = 'application/json';
    const res = await doFetch(buildUrl(options.baseUrl, def, input), {
      method: def.method,
      headers,
      ...(def.body ? { body: JSON.stringify(input.body) } : {}),
    });
    if (!res.ok) throw await failure(res);
    if (def.produces === 'stream' || def.produces === 'sse') return res;
    if (def.produces === 'text') return res.text();
    if (res.status === 204) return {};
    return def.response.parse(await res.json());
  };
  const client: Record<string, unknown> = {};
  for (const [id, def] of Object.entries(routes as unknown as Record<string, RouteDef>)) {
    client[id] = (input: { params?: unknown; query?: unknown; body?: unknown } = {}) => call(def, input);
  }
  return client as Client;
}
