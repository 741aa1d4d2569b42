/** @module Audit DTOs: who did what, when, from where, with what outcome. */
import { z } from 'zod';
import { QueryInt, Timestamp } from './common.js';

export const AuditEntry = z
  .object({
    id: z.number().int(),
    teamId: z.string().nullable(),
    actor: z.string(),
    actorRole: z.string().nullable(),
    action: z.string(),
    resource: z.string().nullable(),
    outcome: z.enum(['success', 'denied', 'error']),
    requestId: z.string().nullable(),
    ip: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
    at: Timestamp,
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.object({
  limit: QueryInt(1, 1000).optional(),
  beforeId: QueryInt(1, Number.MAX_SAFE_INTEGER).optional(),
  action: z.string().min(1).max(100).optional(),
});

export const AuditList = z.object({ entries: z.array(AuditEntry) });
