/**
 * @module Key columns: identifiers are not modelled (a unique id predicts nothing and copying
 * one would replay a real row's identity) but made anew, unique, in the real keys' format:
 * integers counting up from the real minimum, `C0001`-style codes with the same prefix and
 * width, UUIDs, or `<table>-<n>` otherwise.
 */
import type { CellValue, ColumnType } from '../../quality/read/index.js';
import { Rng, streamSeed } from '../../random/index.js';
import { formatUuid } from '../../values/index.js';

const KEY_NAME = /(^|_|\b)(id|uuid|guid|key)$|[a-z]Id$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A column named like an identifier whose sample values are all present and distinct. */
export function looksLikeKey(name: string, type: ColumnType, values: readonly CellValue[]): boolean {
  if (!KEY_NAME.test(name) || (type !== 'integer' && type !== 'string') || values.length < 2) return false;
  const seen = new Set<CellValue>();
  for (const v of values) {
    if (v === null || seen.has(v)) return false;
    seen.add(v);
  }
  return true;
}

/** `n` distinct keys in the format of the real ones. */
export function makeKeys(
  real: readonly CellValue[],
  type: ColumnType,
  n: number,
  seed: number,
  table: string,
): CellValue[] {
  const present = real.filter((v) => v !== null);
  if (type === 'integer' || type === 'number' || present.every((v) => typeof v === 'number')) {
    const nums = present.map(Number).filter(Number.isFinite);
    const start = nums.length ? Math.min(...nums) : 1;
    return Array.from({ length: n }, (_, i) => start + i);
  }
  const texts = present.map(String);
  if (texts.length > 0 && texts.every((s) => UUID.test(s))) {
    const rng = new Rng();
    const s = streamSeed(seed, `${table}:keys`);
    return Array.from({ length: n }, (_, i) => {
      rng.seed(s, i);
      return formatUuid(rng.next(), rng.next(), rng.next(), rng.next(), 4);
    });
  }
  const m = texts.length > 0 ? /^(\D*)(\d+)$/.exec(texts[0]!) : null;
  if (m && texts.every((s) => s.startsWith(m[1]!) && /^\d+$/.test(s.slice(m[1]!.length)))) {
    const width = Math.max(...texts.map((s) => s.length - m[1]!.length));
    return Array.from({ length: n }, (_, i) => `${m[1]}${String(i + 1).padStart(width, '0')}`);
  }
  return Array.from({ length: n }, (_, i) => `${table}-${i + 1}`);
}
