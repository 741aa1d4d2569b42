/**
 * @module How a numeric column's values look, learned from the sample so synthetic values look
 * the same: integers or a number of decimals, a step (years in fives, prices in cents), and for
 * dates and timestamps the calendar granularity and the ISO shape the reader yields.
 */
import type { CellValue, ColumnType } from '../../quality/read/index.js';

const DAY = 86_400_000;
const TIME_STEPS = [DAY, 3_600_000, 60_000, 1000, 1];
const INT_STEPS = [1000, 100, 50, 25, 10, 5, 2, 1];

export interface NumberShape {
  type: ColumnType;
  /** Values are multiples of this (1 for integers, 0.01 for cents, a day for dates). */
  step: number;
  /** Decimals printed (numbers only). */
  decimals: number;
  /** Timestamps: whether milliseconds are printed. */
  millis: boolean;
  min: number;
  max: number;
}

function decimalsOf(x: number): number {
  if (Number.isInteger(x)) return 0;
  const s = String(x);
  const e = s.indexOf('e-');
  if (e >= 0) return Math.min(12, Number(s.slice(e + 2)));
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}

const divides = (step: number, xs: Float64Array): boolean => {
  for (const x of xs) if (x % step !== 0) return false;
  return true;
};

/** The shape of a column from its sorted distinct non-null values. */
export function learnShape(type: ColumnType, distinct: Float64Array, raw: readonly CellValue[]): NumberShape {
  const min = distinct.length ? distinct[0]! : 0;
  const max = distinct.length ? distinct[distinct.length - 1]! : 0;
  if (type === 'date' || type === 'timestamp') {
    const step = type === 'date' ? DAY : (TIME_STEPS.find((s) => divides(s, distinct)) ?? 1);
    const millis = raw.some((v) => typeof v === 'string' && /\.\d+Z?$/.test(v));
    return { type, step, decimals: 0, millis, min, max };
  }
  let decimals = 0;
  for (const x of distinct) decimals = Math.max(decimals, decimalsOf(x));
  decimals = Math.min(decimals, 12);
  let step = 10 ** -decimals;
  if (decimals === 0 && distinct.length > 1) {
    // A step only when it shows: at least a few distinct values all on it.
    step = (distinct.length >= 4 ? INT_STEPS.find((s) => divides(s, distinct)) : 1) ?? 1;
  }
  return { type, step, decimals, millis: false, min, max };
}

/** Rounds a number to the column's step and bounds. */
export function snap(shape: NumberShape, x: number): number {
  let y = shape.decimals > 0 ? Number(x.toFixed(shape.decimals)) : Math.round(x / shape.step) * shape.step;
  if (y < shape.min) y = shape.min;
  if (y > shape.max) y = shape.max;
  return y;
}

/** The cell written for a (snapped) number: a number, or an ISO date/timestamp string. */
export function cellOf(shape: NumberShape, x: number): CellValue {
  if (Number.isNaN(x)) return null;
  if (shape.type === 'date') return new Date(x).toISOString().slice(0, 10);
  if (shape.type === 'timestamp') {
    const iso = new Date(x).toISOString();
    return shape.millis ? iso : `${iso.slice(0, 19)}Z`;
  }
  return x;
}
