/** @module Shared DTO pieces: roles, ids, timestamps and the brief's ErrorResponse. */
import { z } from 'zod';

/** Team roles in increasing power; `platform-admin` belongs to no team and manages teams. */
export const TEAM_ROLES = ['read', 'write', 'admin'] as const;
export const Role = z.enum(TEAM_ROLES).describe('A team role: read < write < admin');
export type Role = z.infer<typeof Role>;
export const PrincipalRole = z.enum([...TEAM_ROLES, 'platform-admin']);
export type PrincipalRole = z.infer<typeof PrincipalRole>;

/** Same rule as the store's TEAM_ID_PATTERN, so bad ids fail validation before any query. */
export const TeamId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,48}$/, '2-49 characters: lowercase letters, digits and "-"')
  .describe('Team id, e.g. "alpha"');

export const Uuid = z.uuid();
export const Timestamp = z.iso.datetime({ offset: true }).describe('ISO 8601 timestamp');
export const Name = z.string().trim().min(1).max(200);

/** Query integers arrive as text; coerce them, but reject what is not a whole number. */
export const QueryInt = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** The brief's error model: every non-2xx answer of the API has exactly this shape. */
export const ErrorResponse = z
  .object({
    errorCode: z.string().describe('Stable SCREAMING_SNAKE code, e.g. AUTH_FORBIDDEN'),
    message: z.string(),
    details: z.unknown().optional(),
    timestamp: Timestamp,
    requestId: z.string(),
    suggestedActions: z.array(z.string()).optional(),
  })
  .meta({ id: 'ErrorResponse' });
export type ErrorResponse = z.infer<typeof ErrorResponse>;

/** One bad input location, as listed in a validation error's details. */
export const Issue = z.object({ path: z.string(), message: z.string(), code: z.string() });
export type Issue = z.infer<typeof Issue>;

export const Health = z.object({ status: z.literal('ok'), version: z.string().optional() });
export const Ready = z.object({ status: z.literal('ready'), store: z.string() });
export const Empty = z.object({});
