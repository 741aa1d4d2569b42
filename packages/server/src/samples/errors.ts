/**
 * @module Sample errors: the server's coded error (ServerError) with the sample codes of
 * `catalogue.ts`, and core's bad-input codes answered as the caller's.
 */
import { isTdmError } from '@tdm/core';
import { ServerError } from '../errors.js';
import { samplesErrorCatalogue, type SampleErrorCode } from './catalogue.js';

export { samplesErrorCatalogue, type SampleErrorCode };

/** A sample error: the server's coded error with one of the sample codes. */
export type SampleError<C extends SampleErrorCode = SampleErrorCode> = ServerError<C>;
export const SampleError = ServerError;

export function isSampleError<C extends SampleErrorCode>(e: unknown, code?: C): e is SampleError<C> {
  return isTdmError(e) && e.code in samplesErrorCatalogue && (code === undefined || e.code === code);
}

/**
 * Core's synth codes for bad input (an unreadable sample, invalid rules or options) answer 400 as
 * SAMPLE_REQUEST_INVALID, one code for every bad sample input, with core's own code in details.
 */
const CALLER_INPUT = new Set(['SAMPLE_INVALID', 'PRIVACY_RULES_INVALID', 'SYNTH_OPTIONS_INVALID']);

export function asRequestError(e: unknown): unknown {
  if (!isTdmError(e) || !CALLER_INPUT.has(e.code)) return e;
  return new SampleError('SAMPLE_REQUEST_INVALID', e.message, {
    details: {
      code: e.code,
      ...(e.details && typeof e.details === 'object' ? e.details : {}),
      ...(e.problems.length ? { problems: e.problems } : {}),
    },
    suggestedActions: e.suggestedActions,
  });
}
