/**
 * @module Values made of parts drawn from finite lists ("{adjective} {material} {product}"): drawn
 * at random, and enumerable as a mixed-radix value space so `unique: true` works by bijection.
 */
import type { LocaleData } from './locale-data.js';
import { definitionPath, splitPattern } from './locale-patterns.js';
import type { CompiledValue } from './types.js';

/** `literals[0] list[0] literals[1] list[1] ... literals[n]`; one more literal than lists. */
export interface Combo {
  literals: readonly string[];
  lists: readonly (readonly string[])[];
}

const MAX_CAPACITY = 2 ** 52;

/**
 * A string value over a combo. The unique space keeps, for each part, only entries that do not
 * contain the literal after it (or, when parts are glued with no literal, only entries of the most
 * common length): the output then splits back into its parts, so distinct indexes give distinct
 * strings.
 */
export function comboValue(combo: Combo): CompiledValue {
  const { literals, lists } = combo;
  const n = lists.length;
  const sizes = lists.map((l) => l.length);
  const head = literals[0] ?? '';
  const draw = (rng: { below(n: number): number }): string => {
    let s = head;
    for (let i = 0; i < n; i++) {
      s += (lists[i] as readonly string[])[rng.below(sizes[i] as number)] as string;
      s += literals[i + 1] as string;
    }
    return s;
  };
  const maxLength = literals.reduce((a, l) => a + l.length, 0) + lists.reduce((a, l) => a + longest(l), 0);
  const spaces = lists.map((l, i) => {
    const after = literals[i + 1] ?? '';
    if (i === n - 1) return l;
    return after === '' ? sameLength(l) : l.filter((e) => splitsBefore(e, after));
  });
  if (spaces.some((s) => s.length === 0)) return { kind: 'string', maxLength, draw };
  const product = spaces.reduce((p, s) => p * s.length, 1);
  return {
    kind: 'string',
    maxLength,
    draw,
    capacity: Math.min(product, MAX_CAPACITY),
    // Mixed radix, last part fastest: neighbouring k differ in the last word.
    at: (k) => {
      let rest = k;
      let tail = '';
      for (let i = n - 1; i >= 0; i--) {
        const space = spaces[i] as readonly string[];
        const idx = rest % space.length;
        rest = Math.floor(rest / space.length);
        tail = (space[idx] as string) + (literals[i + 1] as string) + tail;
      }
      return head + tail;
    },
  };
}

/**
 * The combo behind a faker pattern whose references are all plain lists
 * (`{{commerce.productAdjective}} {{commerce.productMaterial}} {{commerce.product}}`), or
 * undefined when a reference is itself a pattern.
 */
export function comboFromPattern(locale: LocaleData, src: string): Combo | undefined {
  const { literals, refs } = splitPattern(src);
  const lists: (readonly string[])[] = [];
  for (const ref of refs) {
    const path = definitionPath(ref, locale);
    if (path === undefined) return undefined;
    const list = locale.list(path);
    if (list.some((e) => e.includes('{{') || e.includes('#'))) return undefined;
    lists.push(list);
  }
  return { literals, lists };
}

/**
 * True when, in `entry + literal + ...`, the first occurrence of `literal` after the entry's start
 * is the one that follows it: the entry neither contains the literal nor ends with a proper prefix
 * of it.
 */
function splitsBefore(entry: string, literal: string): boolean {
  if (entry.includes(literal)) return false;
  for (let k = 1; k < literal.length; k++) if (entry.endsWith(literal.slice(0, k))) return false;
  return true;
}

/** The entries of the most common length (glued parts then split by position). */
function sameLength(list: readonly string[]): readonly string[] {
  const counts = new Map<number, number>();
  for (const e of list) counts.set(e.length, (counts.get(e.length) ?? 0) + 1);
  let best = 0;
  let bestCount = 0;
  for (const [len, c] of counts) if (c > bestCount) [best, bestCount] = [len, c];
  return list.filter((e) => e.length === best);
}

export function longest(list: readonly string[]): number {
  let m = 0;
  for (const s of list) if (s.length > m) m = s.length;
  return m;
}
