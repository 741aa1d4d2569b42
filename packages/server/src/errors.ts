/**
 * @module The platform's error codes: core's catalogue plus the failure kinds that only exist on
 * the server (store, teams, versions), in the same shape, thrown as `ServerError`.
 */
import { errorCatalogue, isTdmError, TdmError, type TdmErrorOptions } from '@tdm/core';
import { cryptoErrorCatalogue } from './crypto/catalogue.js';
import { samplesErrorCatalogue } from './samples/catalogue.js';

/*
 * Why a server-local catalogue rather than more codes in core: core is the pure engine and knows
 * nothing of stores, teams or tenants; these failure kinds belong to the platform, and the server's
 * modules (store, crypto, blob, HTTP) can add theirs here without touching the engine. The merged
 * catalogue keeps one lookup for the edges (`catalogueEntry(code)`), and `ServerError` may also
 * carry any core code (e.g. GENERATION_JOB_NOT_FOUND) so the server needs only one error class.
 */
const serverCodes = {
  QUALITY_UPLOAD_INVALID: {
    category: 'quality',
    action: 'Send one CSV, TSV, JSON or NDJSON file as the body (Content-Type or ?format= naming it).',
  },
  QUALITY_UPLOAD_TOO_LARGE: {
    category: 'quality',
    action: 'Upload a smaller sample, or raise TDM_UPLOAD_MAX_BYTES on the server.',
  },
  STORE_UNAVAILABLE: {
    category: 'store',
    action: 'Check that the database is running and DATABASE_URL is correct, then retry.',
  },
  STORE_MIGRATION_FAILED: {
    category: 'store',
    action: 'Check the database user may create tables and roles; see the details for the failing step.',
  },
  STORE_QUERY_FAILED: { category: 'store', action: 'Retry; report it as a bug if it persists.' },
  STORE_CONFLICT: { category: 'store', action: 'Use another name or id; this one is already taken.' },
  STORE_NOT_FOUND: { category: 'store', action: 'Check the id and that it belongs to your team.' },
  STORE_REFERENCE_MISSING: {
    category: 'store',
    action: 'Create the referenced record first, or fix its id.',
  },
  STORE_INPUT_INVALID: { category: 'store', action: 'Fix the value named in the message.' },
  STORE_SCOPE_VIOLATION: {
    category: 'store',
    action: 'Write only rows of the team you are acting for; this is a bug in the caller.',
  },
  STORE_STATE_INVALID: {
    category: 'store',
    action: 'Reload the record: its state no longer allows this operation.',
  },
  TEAM_ID_INVALID: {
    category: 'team',
    action: 'Use 2-49 characters: lowercase letters, digits and "-", starting with a letter or digit.',
  },
  TEAM_NOT_FOUND: {
    category: 'team',
    action: 'Check the team id, or ask a platform admin to create the team.',
  },
  TEAM_EXISTS: { category: 'team', action: 'Pick another team id; this one is taken.' },
  TEAM_ARCHIVED: { category: 'team', action: 'Ask a platform admin to restore the team.' },
  AUTH_REQUIRED: {
    category: 'auth',
    action: 'Send `Authorization: Bearer <api key or JWT>`; ask your team admin for a key.',
  },
  AUTH_INVALID: {
    category: 'auth',
    action: 'Check the key or token was copied whole; keys are shown once, so create a new one if lost.',
  },
  AUTH_EXPIRED: {
    category: 'auth',
    action: 'Create a new key, or get a fresh token from your identity provider.',
  },
  AUTH_REVOKED: { category: 'auth', action: 'This key was revoked; ask your team admin for a new one.' },
  AUTH_FORBIDDEN: {
    category: 'auth',
    action:
      'Use a key whose role allows this (read < write < admin); team management needs a platform-admin key.',
  },
  CONFIG_INVALID: {
    category: 'config',
    action: 'Fix the environment variable or flag named in the message (see the README).',
  },
  AUTH_CONFIG_INVALID: {
    category: 'auth',
    action: 'Fix the named setting (TDM_ADMIN_KEY, TDM_KEY_PEPPER, TDM_JWT_*) and restart.',
  },
  REQUEST_INVALID: { category: 'request', action: 'Fix every path listed in details.issues and resend.' },
  REQUEST_TOO_LARGE: { category: 'request', action: 'Send a smaller body; large schemas can be split.' },
  ROUTE_NOT_FOUND: { category: 'request', action: 'Check the method and path against /openapi.json.' },
  RATE_LIMITED: { category: 'request', action: 'Wait for the seconds in Retry-After, then retry.' },
  DOWNLOAD_ZIP_UNAVAILABLE: {
    category: 'request',
    action: 'Download one entity at a time with `?entity=<name>`; see the version manifest for the names.',
  },
  ENTITY_NOT_FOUND: { category: 'request', action: 'Use an entity named in the version manifest.' },
  JOB_REQUEST_INVALID: { category: 'job', action: 'Fix the job request field named in the message.' },
  JOB_CONFIG_INVALID: {
    category: 'job',
    action: "Pass the store's DATABASE_URL to the job service when the store is PostgreSQL.",
  },
  JOB_STATE_INVALID: { category: 'job', action: 'Reload the job: it has already ended.' },
  JOB_WORKER_LOST: {
    category: 'job',
    action: 'The worker running the job stopped; submit the job again, or raise the attempt limit.',
  },
  JOB_SERVICE_STOPPED: { category: 'job', action: 'Retry once the server has restarted.' },
  JOB_RECIPE_MISMATCH: {
    category: 'job',
    action: "The version's recipe no longer matches its schema; generate a new version instead.",
  },
  JOB_CHECKSUM_MISMATCH: {
    category: 'job',
    action: 'The rebuilt files differ from the stored checksums; generate a new version instead.',
  },
} as const satisfies Record<string, { category: string; action: string }>;

export const serverErrorCatalogue = {
  ...errorCatalogue,
  ...serverCodes,
  ...cryptoErrorCatalogue,
  ...samplesErrorCatalogue,
} as const;

export type ServerErrorCode = keyof typeof serverErrorCatalogue;

/** The catalogue entry (category, default action) for any core or server code. */
export function catalogueEntry(code: ServerErrorCode): { category: string; action: string } {
  return serverErrorCatalogue[code];
}

/** A coded error raised by the platform: core's TdmError with the server catalogue's codes and actions. */
export class ServerError<C extends ServerErrorCode = ServerErrorCode> extends TdmError<C> {
  constructor(code: C, message: string, options: Omit<TdmErrorOptions, 'problems'> = {}) {
    super(code, message, {
      ...options,
      suggestedActions: options.suggestedActions ?? [catalogueEntry(code).action],
    });
  }
}

/** True for a platform error, optionally of one code. */
export function isServerError<C extends ServerErrorCode>(e: unknown, code?: C): e is ServerError<C> {
  return e instanceof ServerError && (code === undefined || e.code === code);
}

/** True for every error the edges map by code (core's or the server's: one class underneath). */
export function isCodedError(e: unknown): e is TdmError<ServerErrorCode> {
  return isTdmError(e);
}
