/**
 * @module Date and timestamp summaries: the earliest and latest values as written, and the
 * granularity, the coarsest calendar or clock unit every value is a whole multiple of.
 */
import type { CellValue } from '../../quality/read/index.js';
import { numberOf } from '../stats.js';
import type { TemporalPatterns } from './patterns-schema.js';

type Granularity = TemporalPatterns['granularity'];

const CLOCK: [Granularity, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

/** The finest unit the instant needs (UTC): year, month, day, hour, minute, second or millisecond. */
function unitOf(ms: number): number {
  const d = new Date(ms);
  if (ms % 86_400_000 === 0) {
    if (d.getUTCDate() !== 1) return 2;
    return d.getUTCMonth() === 0 ? 0 : 1;
  }
  for (let i = 1; i < CLOCK.length; i++) if (ms % CLOCK[i]![1] === 0) return i + 2;
  return 6;
}

const UNITS: Granularity[] = ['year', 'month', 'day', 'hour', 'minute', 'second', 'millisecond'];

/** Earliest, latest and granularity of the parseable values (none: undefined); also their epoch ms. */
export function temporalPatterns(
  values: readonly CellValue[],
): { patterns: TemporalPatterns; epochs: Float64Array } | undefined {
  const epochs: number[] = [];
  let min = '';
  let max = '';
  let lo = Infinity;
  let hi = -Infinity;
  let finest = 0;
  for (const v of values) {
    // Dates are read as ISO text; a bare number left as raw text is not an instant.
    if (typeof v !== 'string' || /^\s*-?\d+(?:\.\d+)?\s*$/.test(v)) continue;
    const ms = numberOf(v);
    if (Number.isNaN(ms)) continue;
    epochs.push(ms);
    if (ms < lo) [lo, min] = [ms, String(v)];
    if (ms > hi) [hi, max] = [ms, String(v)];
    if (finest < 6) finest = Math.max(finest, unitOf(ms));
  }
  if (epochs.length === 0) return undefined;
  return { patterns: { min, max, granularity: UNITS[finest]! }, epochs: Float64Array.from(epochs) };
}
