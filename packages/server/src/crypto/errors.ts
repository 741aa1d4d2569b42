/**
 * @module Coded errors of encryption at rest and the blob store: server errors with the codes of
 * ./catalogue.ts.
 */
import { ServerError } from '../errors.js';
import type { CryptoErrorCode } from './catalogue.js';

export { cryptoErrorCatalogue, type CryptoErrorCode } from './catalogue.js';

export class CryptoError<C extends CryptoErrorCode = CryptoErrorCode> extends ServerError<C> {
  constructor(
    code: C,
    message: string,
    options: { details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(code, message, options);
  }
}

/** True when `e` is a CryptoError, optionally of the given code. */
export function isCryptoError<C extends CryptoErrorCode>(e: unknown, code?: C): e is CryptoError<C> {
  return e instanceof CryptoError && (code === undefined || e.code === code);
}
