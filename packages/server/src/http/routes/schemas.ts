/** @module Saved schemas: create, list, get with versions, PUT a new version, validate without saving. */
import { routes, type SchemaCreate } from '@tdm/contract';
import { validateSchema } from '@tdm/core';
import { ServerError } from '../../errors.js';
import {
  addSchemaVersion,
  createSchema,
  getSchema,
  listSchemas,
  listSchemaVersions,
  type Db,
  type SchemaDocument,
} from '../../store/index.js';
import { schemaDto, schemaVersionDto } from '../dto.js';
import { mount, type Mount } from '../register.js';

/** Text is kept as sent (YAML or JSON); an object is stored as JSON text. Invalid schemas are refused with every problem. */
function toDocument(input: SchemaCreate['document'], now: Date): SchemaDocument {
  const result = validateSchema(input, { now });
  if (!result.valid) {
    throw new ServerError('SCHEMA_INVALID', `the schema has ${result.problems.length} problem(s)`, {
      details: { problems: result.problems },
    });
  }
  if (typeof input !== 'string') return { document: JSON.stringify(input, null, 2), format: 'json' };
  return { document: input, format: /^\s*[{[]/.test(input) ? 'json' : 'yaml' };
}

async function withVersions(db: Db, teamId: string, schemaId: string) {
  const [schema, versions] = await Promise.all([
    getSchema(db, teamId, schemaId),
    listSchemaVersions(db, teamId, schemaId),
  ]);
  return { ...schemaDto(schema), versions: versions.map(schemaVersionDto) };
}

export function mountSchemas(m: Mount): void {
  const db = m.deps.db;
  mount(m, routes.createSchema, async ({ params, body, audit }) => {
    const doc = toDocument(body.document, new Date());
    const { schema, version } = await createSchema(db, params.teamId, {
      name: body.name,
      description: body.description ?? null,
      ...doc,
    });
    audit.details = { schemaId: schema.schemaId, version: 1 };
    return { ...schemaDto(schema), versions: [schemaVersionDto(version)] };
  });
  mount(m, routes.listSchemas, async ({ params }) => ({
    schemas: (await listSchemas(db, params.teamId)).map(schemaDto),
  }));
  mount(m, routes.getSchema, async ({ params }) => withVersions(db, params.teamId, params.schemaId));
  mount(m, routes.updateSchema, async ({ params, body, audit }) => {
    const v = await addSchemaVersion(
      db,
      params.teamId,
      params.schemaId,
      toDocument(body.document, new Date()),
    );
    audit.details = { schemaId: params.schemaId, version: v.version };
    return withVersions(db, params.teamId, params.schemaId);
  });
  mount(m, routes.validateSchema, async ({ body }) => {
    const r = validateSchema(body.document, { now: body.now ? new Date(body.now) : new Date() });
    return { valid: r.valid, problems: r.problems, ...(r.rowCounts ? { rowCounts: r.rowCounts } : {}) };
  });
}
