/**
 * @module The codes of sample uploads and sample jobs, in the catalogue's shape. Their names fall
 * in the edge's status families (`_NOT_FOUND` 404, `_REQUEST_INVALID` 400, `_CONFLICT` and
 * `_STATE_INVALID` 409), so they answer the right status without a table entry of their own.
 */
import { TdmError, isTdmError } from '@tdm/core';

export const samplesErrorCatalogue = {
  SAMPLE_NOT_FOUND: {
    category: 'synth',
    action: 'Check the sample id; samples are deleted when their retention ends (see expiresAt).',
  },
  SAMPLE_REQUEST_INVALID: {
    category: 'synth',
    action: 'Fix the parameter named in the message and send the request again.',
  },
  SAMPLE_CONFLICT: {
    category: 'synth',
    action: 'Upload the entity under another name, or delete the sample and upload it again.',
  },
  SAMPLE_JOB_NOT_FOUND: { category: 'synth', action: 'Check the job id; it must belong to your team.' },
  SAMPLE_JOB_STATE_INVALID: { category: 'synth', action: 'Reload the job: it has already ended.' },
  SAMPLE_VERSION_STATE_INVALID: {
    category: 'synth',
    action: 'Upload the sample again and run a new job; keep versions made from samples unevicted.',
  },
} as const;

export type SampleErrorCode = keyof typeof samplesErrorCatalogue;

export class SampleError<C extends SampleErrorCode = SampleErrorCode> extends TdmError<C> {
  constructor(code: C, message: string, options: { details?: unknown; suggestedActions?: string[] } = {}) {
    super(code, message, {
      ...options,
      suggestedActions: options.suggestedActions ?? [samplesErrorCatalogue[code].action],
    });
  }
}

export function isSampleError<C extends SampleErrorCode>(e: unknown, code?: C): e is SampleError<C> {
  return e instanceof SampleError && (code === undefined || e.code === code);
}

/**
 * Core's synth codes for bad input (an unreadable sample, invalid rules or options) answer 400 as
 * SAMPLE_REQUEST_INVALID with the original code in details, until the edge maps them itself.
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
