/**
 * @module Every failure as the brief's ErrorResponse: coded errors keep their code and message,
 * fastify's own (bad JSON, body too large) get ours, anything else is an INTERNAL_ERROR without
 * internals. Never a stack trace.
 */
import type { ErrorResponse } from '@tdm/contract';
import { catalogueEntry, isCodedError, type ServerErrorCode } from '../errors.js';
import { httpStatus } from './status.js';

export interface Mapped {
  status: number;
  body: ErrorResponse;
  /** Seconds for Retry-After (429). */
  retryAfter?: number;
}

function fastifyCode(e: unknown): { status: number; code: string; message: string } | null {
  const err = e as { code?: unknown; statusCode?: unknown; message?: unknown };
  if (typeof err.code !== 'string' || !err.code.startsWith('FST_')) return null;
  const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
  if (status === 413) return { status, code: 'REQUEST_TOO_LARGE', message: 'the request body is too large' };
  if (status >= 400 && status < 500) {
    return { status: status === 415 ? 415 : 400, code: 'REQUEST_INVALID', message: String(err.message) };
  }
  return null;
}

export function mapError(e: unknown, requestId: string, now = new Date()): Mapped {
  const base = { timestamp: now.toISOString(), requestId };
  if (isCodedError(e)) {
    const details = e.problems.length
      ? { ...(e.details as object | undefined), problems: e.problems }
      : e.details;
    const retry = (e.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    return {
      status: httpStatus(e.code),
      body: {
        errorCode: e.code,
        message: e.message,
        ...(details === undefined ? {} : { details }),
        ...base,
        suggestedActions: e.suggestedActions,
      },
      ...(typeof retry === 'number' ? { retryAfter: retry } : {}),
    };
  }
  const f = fastifyCode(e);
  if (f) {
    return {
      status: f.status,
      body: {
        errorCode: f.code,
        message: f.message,
        ...base,
        suggestedActions: [catalogueEntry(f.code as ServerErrorCode).action],
      },
    };
  }
  return {
    status: 500,
    body: {
      errorCode: 'INTERNAL_ERROR',
      message: 'internal error; the request id identifies it in the server log',
      ...base,
      suggestedActions: [catalogueEntry('INTERNAL_ERROR').action],
    },
  };
}
