/**
 * @module Errors that follow from a problem already reported (a field reading an invalid field, a
 * reference to an invalid key): they stop compiling the part but are not reported again, so one
 * mistake gives one problem.
 */
import { TdmError, type ErrorCode } from '../errors/index.js';

export function consequence(code: ErrorCode, message: string): TdmError {
  return new TdmError(code, message, { details: { consequence: true } });
}

export function isConsequence(e: TdmError): boolean {
  const d = e.details as { consequence?: unknown } | undefined;
  return d?.consequence === true;
}
