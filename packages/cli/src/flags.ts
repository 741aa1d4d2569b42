/**
 * @module Parsers for flag values: each rejects bad input with a coded, one-line error.
 */
import { TdmError } from '@tdm/core';

function bad(flag: string, value: string, expected: string): TdmError {
  return new TdmError('INPUT_INVALID', `${flag}: "${value}" is not ${expected}`, {
    suggestedActions: [`Pass ${flag} ${expected}.`],
  });
}

export function intFlag(flag: string, min: number, max: number) {
  return (value: string): number => {
    if (!/^-?\d+$/.test(value.trim())) throw bad(flag, value, `an integer from ${min} to ${max}`);
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < min || n > max)
      throw bad(flag, value, `an integer from ${min} to ${max}`);
    return n;
  };
}

export function positiveNumberFlag(flag: string, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n <= 0 || n > max)
      throw bad(flag, value, `a number above 0 and at most ${max}`);
    return n;
  };
}

/** `--count customers=1000` (repeatable) into a record. */
export function countFlag(value: string, previous: Record<string, number> = {}): Record<string, number> {
  const m = /^([A-Za-z_][\w-]*)=(\d+)$/.exec(value.trim());
  if (!m) throw bad('--count', value, 'of the form entity=rows');
  return { ...previous, [m[1] as string]: Number(m[2]) };
}

export function instantFlag(flag: string) {
  return (value: string): number => {
    const t = Date.parse(value);
    if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(t))
      throw bad(flag, value, 'an ISO date or timestamp (e.g. 2026-01-31T00:00:00Z)');
    return t;
  };
}

/** Start of the current UTC day: the default "now", so runs on the same day reproduce. */
export function todayUtc(): number {
  const d = new Date();
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}
