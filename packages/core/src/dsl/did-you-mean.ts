/** @module "did you mean" hints for misspelt names (entities, fields, generators, options). */
import { distance } from 'fastest-levenshtein';

/**
 * The closest candidate as a hint, or '' when none is close enough.
 * @example
 *   didYouMean('customer', ['customers', 'orders']) // ' (did you mean "customers"?)'
 */
export function didYouMean(name: string, candidates: readonly string[]): string {
  let best = '';
  let bestD = Infinity;
  const lower = name.toLowerCase();
  for (const c of candidates) {
    const other = c.toLowerCase();
    // A name that is the start of another ("created" for "created_at") counts as one edit away.
    const prefix = lower.length >= 3 && (other.startsWith(lower) || lower.startsWith(other));
    const d = prefix ? Math.min(1, distance(lower, other)) : distance(lower, other);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  // Short names are one or two edits away from many others: only suggest near-certain matches.
  const limit = name.length <= 2 ? 0 : name.length <= 3 ? 1 : Math.max(2, Math.floor(name.length / 3));
  return best && bestD <= limit ? ` (did you mean "${best}"?)` : '';
}
