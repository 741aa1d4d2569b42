/**
 * @module The CLI's remote-mode failures as coded TdmErrors: its own catalogue (bad --server,
 * missing key, unreachable server, unsafe download ...) and the translation of whatever a remote
 * call throws (ApiError with the server's ErrorResponse, fetch's network errors, a body that is not
 * tdm's) into one of them. The API key never appears in what these produce.
 */
import { ApiError } from '@tdm/contract';
import { isTdmError, TdmError, type Problem } from '@tdm/core';

const remoteCodes = {
  REMOTE_URL_INVALID:
    'Pass --server (or TDM_SERVER) as the base URL of a tdm server, e.g. http://localhost:8080.',
  REMOTE_SERVER_MISSING: 'Pass --server URL or set TDM_SERVER; without one the command runs locally.',
  REMOTE_KEY_MISSING: 'Set TDM_KEY (keeps the key out of shell history) or pass --key.',
  REMOTE_KEY_INVALID: 'Copy the key whole: one line of printable characters (tdm_...).',
  REMOTE_FLAG_UNSUPPORTED: 'Drop the flag, or run the command locally (without --server / with --local).',
  REMOTE_TEAM_REQUIRED: 'Jobs run in a team: use a team key with role write, or pass --team <teamId>.',
  REMOTE_TEAM_MISMATCH: 'Drop --team (a team key acts for its own team), or use a key of that team.',
  REMOTE_UNREACHABLE: 'Check the URL and that `tdm serve` is running and reachable from here, then retry.',
  REMOTE_TLS_FAILED: 'Check the certificate (NODE_EXTRA_CA_CERTS for a private CA) or the http/https scheme.',
  REMOTE_RESPONSE_INVALID: 'Check that --server is the base URL of a tdm server of a matching version.',
  REMOTE_SERVER_ERROR: 'Retry later; give the request id to the server operator if it persists.',
  REMOTE_DOWNLOAD_UNSAFE:
    'Do not use these files; report the server and the dataset version to its operator.',
  REMOTE_CHECKSUM_MISMATCH:
    'Download again; if it persists the stored files are damaged (rebuild the version).',
  REMOTE_JOB_FAILED: 'See the job on the server (GET /api/v1/jobs/{jobId}) for what went wrong.',
} as const;

const BASE_URL_ACTION =
  'Pass the base URL `tdm serve` prints (e.g. http://localhost:8080, without /api/v1); CLI and server versions should match.';

export type RemoteErrorCode = keyof typeof remoteCodes;

export function remoteError(
  code: RemoteErrorCode,
  message: string,
  options: { details?: unknown; action?: string; cause?: unknown } = {},
): TdmError<string> {
  return new TdmError<string>(code, message, {
    suggestedActions: [options.action ?? remoteCodes[code]],
    ...(options.details === undefined ? {} : { details: options.details }),
    ...(options.cause === undefined ? {} : { cause: options.cause }),
  });
}

/** Replaces every occurrence of the key (and its bearer form) so no message can leak it. */
export function redact(text: string, key: string | undefined): string {
  if (!key || key.length < 4) return text;
  return text.split(key).join('***');
}

/** A coded error with the key removed from its message, actions and problems. */
export function redacted(e: TdmError<string>, key: string | undefined): TdmError<string> {
  if (!key) return e;
  const r = (s: string): string => redact(s, key);
  const clean = new TdmError<string>(e.code, r(e.message), {
    suggestedActions: e.suggestedActions.map(r),
    problems: e.problems.map((p) => ({ ...p, message: r(p.message), suggestion: r(p.suggestion) })),
  });
  return clean;
}

const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
]);

function causeCode(e: unknown): string | undefined {
  for (let c: unknown = e, depth = 0; c && depth < 5; c = (c as { cause?: unknown }).cause, depth++) {
    const code = (c as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'ERR_INVALID_ARG_TYPE') return code;
  }
  return undefined;
}

/** fetch's own reason ("bad port", ...) when the failure carries no system code. */
function innermostMessage(e: unknown): string {
  let c = e as { cause?: unknown; message?: unknown };
  for (let depth = 0; c.cause && typeof c.cause === 'object' && depth < 5; depth++) c = c.cause as typeof c;
  return typeof c.message === 'string' ? c.message : String(e);
}

function problemsOf(details: unknown): Problem[] {
  const list = (details as { problems?: unknown } | undefined)?.problems;
  if (!Array.isArray(list)) return [];
  return list.flatMap((p: Partial<Problem>) =>
    typeof p?.code === 'string' && typeof p.message === 'string'
      ? [
          {
            code: p.code,
            path: String(p.path ?? ''),
            message: p.message,
            suggestion: String(p.suggestion ?? ''),
          },
        ]
      : [],
  );
}

/**
 * Turns what a remote call threw into a coded error: the server's ErrorResponse keeps its
 * errorCode, message (with the request id) and suggested action; network failures name the server.
 */
export function fromRemote(e: unknown, server: string): TdmError<string> {
  if (e instanceof ApiError) {
    const b = e.body;
    if (b.errorCode === 'HTTP_ERROR') {
      if (e.status >= 500) {
        return remoteError(
          'REMOTE_SERVER_ERROR',
          `${server} answered HTTP ${e.status} without a tdm error body`,
        );
      }
      return remoteError(
        'REMOTE_URL_INVALID',
        `${server} answered HTTP ${e.status} without a tdm error body; it is not a tdm server's base URL`,
        { action: BASE_URL_ACTION },
      );
    }
    const retry = (b.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    const retryText = typeof retry === 'number' ? `; retry after ${retry} s` : '';
    const request = b.requestId ? ` (request ${b.requestId})` : '';
    const problems = problemsOf(b.details);
    // A tdm server without this route: --server has a wrong path (or the versions differ).
    const actions = b.errorCode === 'ROUTE_NOT_FOUND' ? [BASE_URL_ACTION] : b.suggestedActions;
    return new TdmError<string>(b.errorCode, `${b.message}${retryText}${request}`, {
      suggestedActions: actions?.length ? actions : [remoteCodes.REMOTE_SERVER_ERROR],
      ...(b.details === undefined ? {} : { details: b.details }),
      problems,
    });
  }
  if (isTdmError(e)) return e;
  const name = (e as { name?: unknown })?.name;
  if (name === 'ZodError' || name === 'SyntaxError') {
    return remoteError('REMOTE_RESPONSE_INVALID', `${server} sent an answer that is not tdm's API`);
  }
  const code = causeCode(e);
  if (code && TLS_CODES.has(code)) {
    return remoteError('REMOTE_TLS_FAILED', `TLS with ${server} failed (${code})`);
  }
  if (e instanceof TypeError || code) {
    return remoteError('REMOTE_UNREACHABLE', `cannot reach ${server} (${code ?? innermostMessage(e)})`);
  }
  return remoteError(
    'REMOTE_SERVER_ERROR',
    `talking to ${server} failed: ${(e as Error)?.message ?? String(e)}`,
  );
}
