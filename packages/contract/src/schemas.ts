/** @module Saved schema DTOs: a DSL document (YAML/JSON text or a JSON object) with numbered versions. */
import { z } from 'zod';
import { Name, Timestamp, Uuid } from './common.js';

/** A DSL document: YAML or JSON text, or the document itself as a JSON object. */
export const SchemaDocumentInput = z
  .union([z.string().min(1).max(1_000_000), z.record(z.string(), z.unknown())])
  .describe('The DSL document as YAML/JSON text or as a JSON object');

export const SchemaCreate = z
  .object({ name: Name, description: z.string().max(10_000).optional(), document: SchemaDocumentInput })
  .meta({ id: 'SchemaCreate' });
export type SchemaCreate = z.infer<typeof SchemaCreate>;

export const SchemaUpdate = z.object({ document: SchemaDocumentInput }).meta({ id: 'SchemaUpdate' });
export type SchemaUpdate = z.infer<typeof SchemaUpdate>;

export const SchemaVersion = z
  .object({
    schemaVersionId: Uuid,
    version: z.number().int().min(1),
    document: z.string(),
    format: z.enum(['yaml', 'json']),
    createdAt: Timestamp,
  })
  .meta({ id: 'SchemaVersion' });
export type SchemaVersion = z.infer<typeof SchemaVersion>;

export const SavedSchema = z
  .object({
    schemaId: Uuid,
    teamId: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    latestVersion: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Schema' });
export type SavedSchema = z.infer<typeof SavedSchema>;

/** A schema with its versions, newest first (GET by id) or just the new one (POST/PUT). */
export const SchemaWithVersions = SavedSchema.extend({ versions: z.array(SchemaVersion) }).meta({
  id: 'SchemaWithVersions',
});
export type SchemaWithVersions = z.infer<typeof SchemaWithVersions>;

export const SchemaList = z.object({ schemas: z.array(SavedSchema) });

export const ValidateRequest = z.object({ document: SchemaDocumentInput, now: Timestamp.optional() });
export const Problem = z.object({
  code: z.string(),
  path: z.string(),
  message: z.string(),
  suggestion: z.string(),
});
export const ValidationResult = z
  .object({
    valid: z.boolean(),
    problems: z.array(Problem),
    rowCounts: z.record(z.string(), z.number()).optional(),
  })
  .meta({ id: 'ValidationResult' });
export type ValidationResult = z.infer<typeof ValidationResult>;
