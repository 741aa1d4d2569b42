/**
 * @module TdmError: errors are values with a stable code, a path, details and suggested actions.
 */
import { errorCatalogue, type ErrorCode } from './codes.js';

/** One problem found in user input (schema, flags, files): code + path + message + fix. */
export interface Problem {
  /** A catalogue code (core's, or an extension's such as the server's). */
  code: string;
  /** Dotted path into the input, e.g. `entities.orders.fields.customer_id.ref`. */
  path: string;
  message: string;
  suggestion: string;
}

export interface TdmErrorOptions {
  details?: unknown;
  suggestedActions?: string[];
  cause?: unknown;
  problems?: Problem[];
}

/**
 * A coded error. `C` is core's codes by default; the platform extends the catalogue with its own
 * codes (store, crypto, ...) and uses the same class, so every edge maps one kind of error.
 */
export class TdmError<C extends string = ErrorCode> extends Error {
  override readonly name = 'TdmError';
  readonly details: unknown;
  readonly suggestedActions: string[];
  readonly problems: Problem[];

  constructor(
    readonly code: C,
    message: string,
    options: TdmErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.details = options.details;
    this.problems = options.problems ?? [];
    this.suggestedActions = options.suggestedActions ?? [actionFor(code)];
  }

  /** Plain JSON form (no stack): safe to print or send. */
  toJSON(): {
    code: C;
    message: string;
    details?: unknown;
    problems?: Problem[];
    suggestedActions: string[];
  } {
    return {
      code: this.code,
      message: this.message,
      ...(this.details === undefined ? {} : { details: this.details }),
      ...(this.problems.length ? { problems: this.problems } : {}),
      suggestedActions: this.suggestedActions,
    };
  }
}

/** The default suggested action of a core code (other catalogues pass their own). */
function actionFor(code: string): string {
  const entry = (errorCatalogue as Record<string, { action: string } | undefined>)[code];
  return entry?.action ?? 'See the error code in the documentation for what to do.';
}

export function isTdmError(e: unknown): e is TdmError<string> {
  return e instanceof TdmError;
}

/** Builds a Problem with the catalogue's default suggestion unless one is given. */
export function problem(code: string, path: string, message: string, suggestion?: string): Problem {
  return { code, path, message, suggestion: suggestion ?? actionFor(code) };
}
