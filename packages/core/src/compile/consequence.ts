/**
 * @module Turning errors met while compiling into problems: the problem takes the most precise
 * path its message names, and errors that follow from a problem already reported (a field reading
 * an invalid field, a reference to an invalid key) are not reported again, so one mistake gives
 * one problem.
 */
import { problem, TdmError, type ErrorCode, type Problem } from '../errors/index.js';

export function consequence(code: ErrorCode, message: string): TdmError {
  return new TdmError(code, message, { details: { consequence: true } });
}

export function isConsequence(e: TdmError): boolean {
  const d = e.details as { consequence?: unknown } | undefined;
  return d?.consequence === true;
}

/**
 * The problem for an error met while compiling the part at `path`. Messages that name a deeper
 * path (`<path>.ref: ...`, `<path>.weights: ...`) give the problem that path.
 */
export function problemFromError(e: TdmError, path: string): Problem {
  if (!e.message.startsWith(path))
    return problem(e.code, path, `${path}: ${e.message}`, e.suggestedActions[0]);
  const deeper = /^([.[][^\s:]*):/.exec(e.message.slice(path.length));
  return problem(e.code, path + (deeper?.[1] ?? ''), e.message, e.suggestedActions[0]);
}
