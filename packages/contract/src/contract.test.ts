/** @module The contract alone: the OpenAPI document covers the route table; schemas list every bad path. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildOpenApi, routes, SchemaCreate, TeamConfig } from './index.js';

test('buildOpenApi lists every route of the table as OpenAPI 3.1 JSON', () => {
  const doc = JSON.parse(JSON.stringify(buildOpenApi())) as {
    openapi: string;
    paths: Record<string, Record<string, { operationId: string }>>;
    components: { schemas: Record<string, unknown> };
  };
  assert.equal(doc.openapi, '3.1.0');
  for (const [id, def] of Object.entries(routes)) {
    assert.equal(
      doc.paths[def.path]?.[def.method.toLowerCase()]?.operationId,
      id,
      `${def.method} ${def.path}`,
    );
  }
  assert.ok(doc.components.schemas.ErrorResponse);
  assert.ok(!JSON.stringify(doc).includes('#/$defs/'), 'every $ref points into components');
});

test('a DTO reports every bad path at once', () => {
  const r = TeamConfig.safeParse({ teamId: 'Bad Id', teamName: '', customizations: { qualityLevel: 'x' } });
  assert.equal(r.success, false);
  const paths = r.error?.issues.map((i) => i.path.join('.')).sort();
  assert.deepEqual(paths, ['customizations.qualityLevel', 'teamId', 'teamName']);
  assert.equal(SchemaCreate.safeParse({ name: 's', document: 'name: x' }).success, true);
});
