/** @module Coded errors of dataset reading, each naming the file (and line) it is about. */
import { TdmError } from '../../errors/index.js';

export function unreadable(file: string, why: string, cause?: unknown): TdmError {
  return new TdmError('DATASET_FILE_UNREADABLE', `${file}: ${why}`, {
    details: { file },
    ...(cause === undefined ? {} : { cause }),
  });
}

export function malformed(file: string, line: number, why: string): TdmError {
  return new TdmError('DATASET_ROW_MALFORMED', `${file}:${line}: ${why}`, { details: { file, line } });
}

export function mismatch(file: string, why: string, details: Record<string, unknown> = {}): TdmError {
  return new TdmError('DATASET_COLUMNS_MISMATCH', `${file}: ${why}`, { details: { file, ...details } });
}

/** Node's error code of a filesystem failure, when there is one. */
export function fsCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e
    ? String((e as { code: unknown }).code)
    : undefined;
}
