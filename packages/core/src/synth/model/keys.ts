/**
 * @module Key columns: identifiers are not modelled (a unique id predicts nothing and copying
 * one would replay a real row's identity) but made anew, unique, in the real keys' format and
 * never equal to a real key: integers in the gaps between real ones or past the largest,
 * `C0001`-style codes with the same prefix and width numbered past the real ones, random UUIDs,
 * or `<table>-<n>` otherwise.
 */
import type { CellValue, ColumnType } from '../../quality/read/index.js';
import { Rng, streamSeed } from '../../random/index.js';
import { formatUuid } from '../../values/index.js';
import type { SampleTable } from '../table.js';
import type { PiiColumn } from '../types.js';
import type { ColumnRef, ForeignKey } from './options.js';

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

/**
 * The columns synthesis makes as keys or copies from parents, not learns: both ends of every
 * foreign key, and columns that look like keys (named like an id, all present and distinct)
 * unless declared PII. The report skips them as keys.
 *
 * @example
 * validateSyntheticQuality(real, synthetic, { keys: keyColumns(real, { foreignKeys }) });
 */
export function keyColumns(
  tables: readonly SampleTable[],
  options: { pii?: readonly PiiColumn[]; foreignKeys?: readonly ForeignKey[] } = {},
): ColumnRef[] {
  const out: ColumnRef[] = [];
  const seen = new Set<string>();
  const add = (r: ColumnRef): void => {
    const k = `${r.table}\u0000${r.column}`;
    if (!seen.has(k)) out.push({ table: r.table, column: r.column });
    seen.add(k);
  };
  for (const fk of options.foreignKeys ?? []) {
    add(fk.to);
    add(fk.from);
  }
  const pii = new Set((options.pii ?? []).map((p) => `${p.table}\u0000${p.column}`));
  for (const t of tables) {
    for (const c of t.columns) {
      const k = `${t.name}\u0000${c.name}`;
      if (!pii.has(k) && !seen.has(k) && looksLikeKey(c.name, c.type, c.values))
        add({ table: t.name, column: c.name });
    }
  }
  return out;
}

/**
 * Distinct integers spread like the real keys, none of them a real key: the i-th of n falls
 * strictly inside the gap after the real key at the same quantile (random ids stay spread over
 * their range). Where the gap holds no free integer (consecutive ids), the key counts on past the
 * largest real one, so a sample of ids 1..300 gives 301, 302, ...
 */
function integerKeys(real: number[], n: number, rng: Rng): number[] {
  const s = [...new Set(real)].sort((a, b) => a - b);
  if (s.length === 0) return Array.from({ length: n }, (_, i) => i + 1);
  const m = s.length;
  const out: number[] = [];
  const used = new Set<number>(s);
  let next = s[m - 1]! + 1;
  for (let i = 0; i < n; i++) {
    // A uniform point of the real keys' quantile range, inside the gap after the key there.
    const p = ((i + rng.float()) * m) / n;
    const j = Math.floor(p);
    const lo = s[j]!;
    const hi = j + 1 < m ? s[j + 1]! : lo + 1;
    let k = hi - lo >= 2 ? lo + 1 + Math.floor((p - j) * (hi - lo - 1)) : next++;
    while (used.has(k)) k = next++;
    used.add(k);
    out.push(k);
  }
  return out;
}

/** `n` texts from `make(1)`, `make(2)`, ... that are not real values. */
function countedKeys(n: number, real: ReadonlySet<string>, make: (i: number) => string): string[] {
  const out: string[] = [];
  for (let i = 1; out.length < n; i++) {
    const k = make(i);
    if (!real.has(k)) out.push(k);
  }
  return out;
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
    return integerKeys(
      present.map(Number).filter(Number.isInteger),
      n,
      new Rng().seed(streamSeed(seed, `${table}:keys`), 0),
    );
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
  const realSet = new Set(texts);
  if (m && texts.every((s) => s.startsWith(m[1]!) && /^\d+$/.test(s.slice(m[1]!.length)))) {
    const width = Math.max(...texts.map((s) => s.length - m[1]!.length));
    return countedKeys(n, realSet, (i) => `${m[1]}${String(i).padStart(width, '0')}`);
  }
  return countedKeys(n, realSet, (i) => `${table}-${i}`);
}
