/** @module buildOpenApi: the OpenAPI 3.1 document, generated from the route table's zod schemas. */
import { z } from 'zod';
import { ErrorResponse } from './common.js';
import { requiredRole, type RouteDef } from './route-def.js';
import { routes } from './routes.js';

type Json = Record<string, unknown>;

/**
 * z.toJSONSchema puts schemas with a `.meta({ id })` under the local `$defs`; inside an OpenAPI
 * document those live under `components.schemas`, so the refs are moved and rewritten.
 */
function toSchema(schema: z.ZodType, io: 'input' | 'output', components: Json): Json {
  const out = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' }) as Json;
  const defs = (out.$defs ?? {}) as Json;
  delete out.$defs;
  delete out.$schema;
  for (const [id, def] of Object.entries(defs)) components[id] = rewriteRefs(def);
  return rewriteRefs(out) as Json;
}

function rewriteRefs(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(rewriteRefs);
  if (v === null || typeof v !== 'object') return v;
  const o: Json = {};
  for (const [k, x] of Object.entries(v)) {
    o[k] =
      k === '$ref' && typeof x === 'string' ? x.replace('#/$defs/', '#/components/schemas/') : rewriteRefs(x);
  }
  return o;
}

function parameters(def: RouteDef, components: Json): Json[] {
  const list: Json[] = [];
  for (const [where, schema] of [
    ['path', def.params],
    ['query', def.query],
  ] as const) {
    if (!schema) continue;
    const s = toSchema(schema, 'input', components);
    const props = (s.properties ?? {}) as Json;
    const required = new Set((s.required ?? []) as string[]);
    for (const [name, p] of Object.entries(props)) {
      list.push({ name, in: where, required: where === 'path' || required.has(name), schema: p });
    }
  }
  return list;
}

function success(def: RouteDef, components: Json): Json {
  if (def.status === 204) return { description: 'Done' };
  if (def.produces === 'stream') {
    return {
      description: 'The file',
      content: { 'application/octet-stream': { schema: { type: 'string' } } },
    };
  }
  if (def.produces === 'text')
    return { description: 'Text', content: { 'text/plain': { schema: { type: 'string' } } } };
  if (def.produces === 'sse') {
    return {
      description: 'Server-sent events',
      content: { 'text/event-stream': { schema: { type: 'string' } } },
    };
  }
  return {
    description: 'OK',
    content: { 'application/json': { schema: toSchema(def.response, 'output', components) } },
  };
}

function operation(id: string, def: RouteDef, components: Json): Json {
  const error = {
    description: 'ErrorResponse',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } },
  };
  return {
    operationId: id,
    summary: def.summary,
    description: `Requires: ${requiredRole(def.access)}.`,
    tags: [def.tag],
    ...(def.access.kind === 'public' ? { security: [] } : {}),
    parameters: parameters(def, components),
    ...(def.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: toSchema(def.body, 'input', components) } },
          },
        }
      : {}),
    responses: { [String(def.status)]: success(def, components), default: error },
  };
}

/**
 * The OpenAPI 3.1 document of every route in the table (or of the table given).
 * @example const doc = buildOpenApi(); doc.paths['/api/v1/teams'].post.operationId === 'createTeam';
 */
export function buildOpenApi(
  table: Record<string, RouteDef> = routes as unknown as Record<string, RouteDef>,
  info: { title?: string; version?: string } = {},
): Json {
  const components: Json = {};
  toSchema(ErrorResponse, 'output', components);
  const paths: Record<string, Json> = {};
  for (const [id, def] of Object.entries(table)) {
    const item = (paths[def.path] ??= {});
    item[def.method.toLowerCase()] = operation(id, def, components);
  }
  return {
    openapi: '3.1.0',
    info: { title: info.title ?? 'tdm API', version: info.version ?? '1.0.0' },
    paths,
    components: {
      schemas: components,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API key or a JWT' } },
    },
    security: [{ bearer: [] }],
  };
}
