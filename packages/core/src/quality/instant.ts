/**
 * @module ISO instants to epoch ms on the hot path: the canonical shapes tdm and most tools write
 * (`YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.fff]]Z`) are read digit by digit; anything else goes
 * through the general `parseInstant`. Several times faster than a regex plus `Date.parse`.
 */
import { parseInstant } from '../values/index.js';

function digits(s: string, from: number, n: number): number {
  let v = 0;
  for (let i = from; i < from + n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** Epoch ms of an ISO date or timestamp (UTC unless an offset is given), or undefined. */
export function instantOf(s: string): number | undefined {
  const n = s.length;
  if (n >= 10 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45) {
    const y = digits(s, 0, 4);
    const mo = digits(s, 5, 2);
    const d = digits(s, 8, 2);
    if (y >= 0 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31) {
      if (n === 10) return validDay(y, mo, d) ? utc(y, mo, d, 0) : undefined;
      const sep = s.charCodeAt(10);
      const z = s.charCodeAt(n - 1) === 90; // 'Z'
      if ((sep === 84 || sep === 32) && z && (n === 17 || n === 20 || n === 24) && s.charCodeAt(13) === 58) {
        const h = digits(s, 11, 2);
        const mi = digits(s, 14, 2);
        const sec = n >= 20 && s.charCodeAt(16) === 58 ? digits(s, 17, 2) : n === 17 ? 0 : -1;
        const ms = n === 24 && s.charCodeAt(19) === 46 ? digits(s, 20, 3) : n === 24 ? -1 : 0;
        if (
          h >= 0 &&
          h <= 23 &&
          mi >= 0 &&
          mi <= 59 &&
          sec >= 0 &&
          sec <= 59 &&
          ms >= 0 &&
          validDay(y, mo, d)
        ) {
          return utc(y, mo, d, ((h * 60 + mi) * 60 + sec) * 1000 + ms);
        }
        return undefined;
      }
    }
  }
  return parseInstant(s);
}

/**
 * Date.UTC(y, mo - 1, d) + ms by integer arithmetic (days from the civil date, proleptic
 * Gregorian): Date.UTC's 7-argument call was most of this module's time. Years 0-99, which
 * Date.UTC reads as 1900-1999, still go through it so the result stays the same.
 */
function utc(y: number, mo: number, d: number, ms: number): number {
  if (y < 100) return Date.UTC(y, mo - 1, d) + ms;
  const yy = mo <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return (era * 146097 + doe - 719468) * 86_400_000 + ms;
}

function validDay(y: number, mo: number, d: number): boolean {
  if (d <= 28) return true;
  const days =
    mo === 2
      ? y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)
        ? 29
        : 28
      : mo === 4 || mo === 6 || mo === 9 || mo === 11
        ? 30
        : 31;
  return d <= days;
}
