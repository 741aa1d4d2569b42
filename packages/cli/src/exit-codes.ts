/**
 * @module Exit codes of the tdm CLI and how coded errors map to them.
 */
import type { ErrorCode } from '@tdm/core';

export const ExitCode = {
  /** Success. */
  OK: 0,
  /** The input was checked and found wanting (invalid schema, failed check). */
  INVALID: 1,
  /** Bad command line: unknown command or flag, bad flag value. */
  USAGE: 2,
  /** An input file could not be read or parsed. */
  INPUT: 3,
  /** Generation or output failed. */
  FAILED: 4,
  /** Remote mode: the server refused the key (missing, invalid, expired, revoked, too weak a role). */
  AUTH: 5,
  /** Remote mode: no usable answer from the server (unreachable, TLS, rate limited, 5xx). */
  UNAVAILABLE: 6,
  /** Interrupted (Ctrl-C) or cancelled. */
  CANCELLED: 130,
} as const;

const UNAVAILABLE_CODES = new Set([
  'REMOTE_UNREACHABLE',
  'REMOTE_TLS_FAILED',
  'REMOTE_SERVER_ERROR',
  'REMOTE_RESPONSE_INVALID',
  'RATE_LIMITED',
  'STORE_UNAVAILABLE',
  'JOB_SERVICE_STOPPED',
]);

/** The input data cannot be read: missing, not data, malformed, or no rows (exit 3, like a schema file). */
const INPUT_CODES = new Set([
  'INPUT_FILE_NOT_FOUND',
  'INPUT_TOO_LARGE',
  'SCHEMA_PARSE_ERROR',
  'SCHEMA_TOO_LARGE',
  'DATASET_FILE_UNREADABLE',
  'DATASET_FORMAT_UNKNOWN',
  'DATASET_FORMAT_UNSUPPORTED',
  'DATASET_COLUMNS_MISMATCH',
  'DATASET_ROW_MALFORMED',
  'QUALITY_DATASET_INVALID',
  'SAMPLE_INVALID',
]);

const USAGE_CODES = new Set([
  'REMOTE_SERVER_MISSING',
  'REMOTE_KEY_MISSING',
  'REMOTE_FLAG_UNSUPPORTED',
  'REMOTE_TEAM_REQUIRED',
  'REMOTE_TEAM_MISMATCH',
  // A tdm server without the route: --server names a wrong path.
  'ROUTE_NOT_FOUND',
  // tdm mask: no --secret-file and no TDM_PSEUDONYM_SECRET; the command line must give one.
  'PRIVACY_SECRET_MISSING',
]);

export function exitCodeFor(code: ErrorCode | string): number {
  if (code === 'GENERATION_CANCELLED') return ExitCode.CANCELLED;
  if (code.startsWith('AUTH_') && code !== 'AUTH_CONFIG_INVALID') return ExitCode.AUTH;
  if (UNAVAILABLE_CODES.has(code)) return ExitCode.UNAVAILABLE;
  if (USAGE_CODES.has(code)) return ExitCode.USAGE;
  if (code === 'INPUT_INVALID' || code === 'FORMAT_UNSUPPORTED' || code === 'FORMAT_OPTION_INVALID')
    return ExitCode.USAGE;
  if (INPUT_CODES.has(code)) return ExitCode.INPUT;
  if (code.startsWith('SCHEMA_')) return ExitCode.INVALID;
  // Other bad values given on the command line (team ids, roles, settings).
  if (code.endsWith('_INVALID')) return ExitCode.USAGE;
  return ExitCode.FAILED;
}
