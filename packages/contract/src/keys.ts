/** @module API key DTOs: creation (the key is returned once, here only) and listings without secrets. */
import { z } from 'zod';
import { Name, PrincipalRole, Role, Timestamp } from './common.js';

export const ApiKeyCreate = z
  .object({
    role: Role,
    name: Name,
    expiresAt: Timestamp.optional().describe('When the key stops working; never when absent'),
  })
  .meta({ id: 'ApiKeyCreate' });
export type ApiKeyCreate = z.infer<typeof ApiKeyCreate>;

/** The only response that carries the key text; it cannot be shown again. */
export const ApiKeyCreated = z
  .object({
    keyId: z.string(),
    key: z.string().describe('The secret key: shown once, store it now'),
    role: PrincipalRole,
    name: z.string(),
    expiresAt: Timestamp.nullable(),
  })
  .meta({ id: 'ApiKeyCreated' });
export type ApiKeyCreated = z.infer<typeof ApiKeyCreated>;

export const ApiKey = z
  .object({
    keyId: z.string(),
    teamId: z.string().nullable(),
    name: z.string(),
    role: PrincipalRole,
    createdAt: Timestamp,
    expiresAt: Timestamp.nullable(),
    revokedAt: Timestamp.nullable(),
    lastUsedAt: Timestamp.nullable(),
  })
  .meta({ id: 'ApiKey' });
export type ApiKey = z.infer<typeof ApiKey>;

export const ApiKeyList = z.object({ keys: z.array(ApiKey) });
