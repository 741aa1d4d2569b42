/** @module Maps PostgreSQL errors (SQLSTATE codes, same on PGlite and pg) to coded ServerErrors. */
import { ServerError, isServerError, type ServerErrorCode } from '../errors.js';

interface DriverError {
  code?: unknown;
  constraint?: unknown;
  message?: unknown;
  table?: unknown;
}

function sqlState(e: unknown): string | undefined {
  const code = (e as DriverError | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

// Classes 08 (connection) and 57P (shutdown) plus Node's socket codes mean "the store is down".
const unavailable = /^(08|57P|ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|EAI_AGAIN)/;

const byState: Record<string, ServerErrorCode> = {
  '23505': 'STORE_CONFLICT',
  '23503': 'STORE_REFERENCE_MISSING',
  '23502': 'STORE_INPUT_INVALID',
  '23514': 'STORE_INPUT_INVALID',
  '22001': 'STORE_INPUT_INVALID',
  '22P02': 'STORE_INPUT_INVALID',
  '22003': 'STORE_INPUT_INVALID',
  '22007': 'STORE_INPUT_INVALID',
  '22008': 'STORE_INPUT_INVALID',
  '42501': 'STORE_SCOPE_VIOLATION',
};

/** Converts a driver error to a ServerError; details carry the SQLSTATE and the constraint name. */
export function toServerError(e: unknown): ServerError {
  if (isServerError(e)) return e;
  const state = sqlState(e);
  const err = (e ?? {}) as DriverError;
  const constraint = typeof err.constraint === 'string' ? err.constraint : undefined;
  const message = typeof err.message === 'string' ? err.message : String(e);
  const code: ServerErrorCode =
    state === undefined
      ? 'STORE_QUERY_FAILED'
      : (byState[state] ?? (unavailable.test(state) ? 'STORE_UNAVAILABLE' : 'STORE_QUERY_FAILED'));
  return new ServerError(code, `store: ${message}`, {
    details: { sqlState: state, ...(constraint === undefined ? {} : { constraint }) },
    cause: e,
  });
}

/** The violated constraint of a translated error, for repositories to refine the code. */
export function constraintOf(e: unknown): string | undefined {
  if (!isServerError(e)) return undefined;
  const d = e.details as { constraint?: unknown } | undefined;
  return typeof d?.constraint === 'string' ? d.constraint : undefined;
}

/**
 * Re-throws a store error with a more precise code when it violated one of the named constraints,
 * e.g. `{ teams_pkey: ['TEAM_EXISTS', 'team "alpha" already exists'] }`.
 */
export function refine(
  e: unknown,
  byConstraint: Record<string, [ServerErrorCode, string]>,
  teamId?: string,
): never {
  const c = constraintOf(e);
  // Every "<table>_team_id_fkey" means the acting team does not exist.
  const teamMissing: [ServerErrorCode, string] | undefined =
    teamId !== undefined && c?.endsWith('_team_id_fkey')
      ? ['TEAM_NOT_FOUND', `team "${teamId}" not found`]
      : undefined;
  const hit = c === undefined ? undefined : (byConstraint[c] ?? teamMissing);
  if (hit && isServerError(e)) throw new ServerError(hit[0], hit[1], { details: e.details, cause: e });
  throw e;
}
