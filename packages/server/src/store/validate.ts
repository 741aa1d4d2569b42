/** @module Input checks the store makes before touching SQL, so bad input gets a coded error. */
import { ServerError, type ServerErrorCode } from '../errors.js';

export const TEAM_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,48}$/;
export const NAME_MAX = 200;
export const TEXT_MAX = 10_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function assertTeamId(teamId: unknown): asserts teamId is string {
  if (typeof teamId !== 'string' || !TEAM_ID_PATTERN.test(teamId)) {
    const shown = typeof teamId === 'string' ? JSON.stringify(teamId.slice(0, 60)) : typeof teamId;
    throw new ServerError('TEAM_ID_INVALID', `teamId: ${shown} is not a valid team id`, {
      details: { path: 'teamId', pattern: TEAM_ID_PATTERN.source },
    });
  }
}

/** A required, trimmed, bounded text such as a name; returns it trimmed. */
export function checkText(value: unknown, path: string, max = NAME_MAX): string {
  if (typeof value !== 'string' || value.trim().length === 0) {
    throw new ServerError('STORE_INPUT_INVALID', `${path}: a non-empty string is required`, {
      details: { path },
    });
  }
  const v = value.trim();
  if (v.length > max) {
    throw new ServerError('STORE_INPUT_INVALID', `${path}: ${v.length} characters, at most ${max} allowed`, {
      details: { path, max, length: v.length },
    });
  }
  return v;
}

/** An optional bounded text: undefined/null pass through as null. */
export function checkOptionalText(value: unknown, path: string, max = TEXT_MAX): string | null {
  return value === undefined || value === null ? null : checkText(value, path, max);
}

/**
 * Ids are UUIDs; anything else cannot exist, so it answers not-found (without a query that would
 * fail on the uuid cast and abort the transaction).
 */
export function checkId(id: unknown, resource: string, code: ServerErrorCode = 'STORE_NOT_FOUND'): string {
  if (typeof id === 'string' && UUID.test(id)) return id.toLowerCase();
  throw notFound(resource, id, code);
}

export function notFound(
  resource: string,
  id: unknown,
  code: ServerErrorCode = 'STORE_NOT_FOUND',
): ServerError {
  const shown = typeof id === 'string' ? JSON.stringify(id.slice(0, 80)) : String(id);
  return new ServerError(code, `${resource} ${shown} not found`, { details: { resource, id: shown } });
}

/** A whole number within bounds (versions, counts, limits). */
export function checkInt(value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ServerError('STORE_INPUT_INVALID', `${path}: expected an integer in [${min}, ${max}]`, {
      details: { path, min, max },
    });
  }
  return value;
}

/** Serialises a JSON value for a `$n::text::jsonb` parameter (the same on both drivers). */
export function json(value: unknown): string {
  return JSON.stringify(value ?? null);
}
