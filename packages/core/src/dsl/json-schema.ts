/**
 * @module The DSL as a JSON Schema for editors (YAML language server, VS Code): generated from the
 * same zod schemas that validate it, with each generator's options attached by `type`.
 */
import { z } from 'zod';
import { allGenerators } from '../values/index.js';
import { entitySchema, fieldCommonShape, schemaDocSchema } from './model.js';

export function dslJsonSchema(): Record<string, unknown> {
  const common = z.object(fieldCommonShape);
  const fieldVariants = allGenerators.map((g) => {
    const params = z.toJSONSchema(g.params, { unrepresentable: 'any' }) as {
      properties?: Record<string, unknown>;
    };
    const base = z.toJSONSchema(common, { unrepresentable: 'any' }) as {
      properties?: Record<string, unknown>;
    };
    return {
      if: { properties: { type: { const: g.name } }, required: ['type'] },
      then: {
        description: g.description,
        properties: { ...base.properties, ...params.properties },
        additionalProperties: false,
      },
    };
  });
  const root = z.toJSONSchema(schemaDocSchema, { unrepresentable: 'any' }) as Record<string, unknown>;
  const entity = z.toJSONSchema(entitySchema, { unrepresentable: 'any' }) as Record<string, unknown> & {
    properties: Record<string, unknown>;
  };
  const field = {
    type: 'object',
    description: 'A field: a generator `type` with its options, or a `ref` to another entity’s key.',
    properties: {
      ...(z.toJSONSchema(common, { unrepresentable: 'any' }) as { properties: Record<string, unknown> })
        .properties,
      type: { type: 'string', enum: allGenerators.map((g) => g.name) },
    },
    allOf: fieldVariants,
  };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://tdm.dev/schema/dsl.json',
    title: 'tdm schema',
    ...root,
    properties: {
      ...(root['properties'] as Record<string, unknown>),
      entities: {
        type: 'object',
        additionalProperties: {
          ...entity,
          properties: { ...entity.properties, fields: { type: 'object', additionalProperties: field } },
        },
      },
    },
  };
}
