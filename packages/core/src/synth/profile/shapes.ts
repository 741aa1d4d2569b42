/**
 * @module String lengths and shapes: what a column's text looks like ('Aaaa 9999', email, uuid),
 * so a schema can regenerate look-alike values and a report can compare formats.
 */
import { isEmail } from '../../quality/index.js';
import type { StringPatterns } from './patterns-schema.js';

const MAX_FORMATS = 10;
/** Longer values are text, not a format. */
const MAX_SHAPED_LENGTH = 32;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function classOf(c: number): string | null {
  if (c >= 65 && c <= 90) return 'A';
  if (c >= 97 && c <= 122) return 'a';
  if (c >= 48 && c <= 57) return '9';
  return null;
}

/**
 * The shape of one value: a named format, or one character class per character (`A`, `a`, `9`,
 * others as they are); `collapse` writes a run of lowercase letters or digits as `a+` / `9+`,
 * and two or more capitals as `A+` ('Aa+ A. Aa+' for names).
 */
export function shapeOf(s: string, collapse = false): string {
  if (s.length > MAX_SHAPED_LENGTH) return 'text';
  if (s.includes('@') && isEmail(s)) return 'email';
  if (UUID.test(s)) return 'uuid';
  if (/^https?:\/\/\S+$/i.test(s)) return 'url';
  let out = '';
  let prev = '';
  let run = 0;
  for (const ch of s) {
    const cls = classOf(ch.charCodeAt(0)) ?? (/\p{Lu}/u.test(ch) ? 'A' : /\p{L}/u.test(ch) ? 'a' : ch);
    const repeatable = cls === 'A' || cls === 'a' || cls === '9';
    if (collapse && repeatable && cls === prev) {
      if (run === 1 && cls === 'A') out += '+';
      run++;
      continue;
    }
    // Collapsed, a lowercase or digit run of any length is `a+` / `9+`; capitals stay single
    // (an initial) unless repeated.
    out += collapse && (cls === 'a' || cls === '9') ? `${cls}+` : cls;
    prev = cls;
    run = 1;
  }
  return out;
}

function topShares(counts: Map<string, number>, total: number): { pattern: string; share: number }[] {
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_FORMATS)
    .map(([pattern, count]) => ({ pattern, share: count / total }));
}

/** Lengths and shapes of the non-null text values (none: undefined). */
export function stringPatterns(values: readonly string[]): StringPatterns | undefined {
  const n = values.length;
  if (n === 0) return undefined;
  let min = Infinity;
  let max = 0;
  let sum = 0;
  const exact = new Map<string, number>();
  for (const v of values) {
    const len = [...v].length;
    if (len < min) min = len;
    if (len > max) max = len;
    sum += len;
    const shape = shapeOf(v);
    exact.set(shape, (exact.get(shape) ?? 0) + 1);
  }
  let formats = topShares(exact, n);
  // Exact shapes say little when the ten most common cover under half the values (names of any length).
  if (formats.reduce((s, f) => s + f.share, 0) < 0.5) {
    const collapsed = new Map<string, number>();
    for (const v of values) {
      const shape = shapeOf(v, true);
      collapsed.set(shape, (collapsed.get(shape) ?? 0) + 1);
    }
    formats = topShares(collapsed, n);
  }
  return { minLength: min, maxLength: max, meanLength: sum / n, formats };
}
