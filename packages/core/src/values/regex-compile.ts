/**
 * @module Strings matching a regular expression: randexp walks the pattern, drawing from our Rng
 * (never Math.random). Patterns are checked once: invalid ones, lookarounds, backreferences, inner
 * anchors and patterns whose longest output exceeds a limit are rejected with a coded error.
 * Fixed-shape patterns (no alternation, exact repetition counts) are enumerable, so
 * `unique: true` works by bijection, and draw without randexp.
 */
import randexpModule from 'randexp';
import retModule, { types, type Root, type Token } from 'ret';
import { TdmError } from '../errors/index.js';
import { Rng } from '../random/index.js';
import type { CompiledValue } from './types.js';

// Both packages are CommonJS whose `module.exports` is the class / function itself; TypeScript's
// NodeNext view types the default import as the namespace, so it is narrowed once here.
const RandExp = randexpModule as unknown as typeof randexpModule.default;
const tokenize = retModule as unknown as typeof retModule.default;

type RandExpInstance = InstanceType<typeof RandExp>;
type SetLike = Parameters<RandExpInstance['_expand']>[0];
type CharRange = ReturnType<RandExpInstance['_expand']>;

/** Longest string a pattern may produce (unbounded quantifiers counted at their cap). */
export const MAX_REGEX_OUTPUT = 10_000;
const SELF_CHECK_SAMPLES = 32;
const SPECIAL = new Set('\\^$.|?*+()[]{}-/');

/** Rewrites `\uXXXX` escapes as the characters themselves: randexp's parser reads them as text. */
function withLiteralEscapes(pattern: string): string {
  return pattern.replace(/\\(\\|u([0-9a-fA-F]{4}))/g, (m: string, _e: string, hex: string | undefined) => {
    if (hex === undefined) return m;
    const ch = String.fromCharCode(parseInt(hex, 16));
    return SPECIAL.has(ch) ? '\\' + ch : ch;
  });
}

const MAX_CAPACITY = 2 ** 52;

/** randexp drawing from our Rng, with character sets expanded once per token instead of per draw. */
class SeededRandExp extends RandExp {
  rng = new Rng();
  private readonly expanded = new Map<SetLike, CharRange>();

  override randInt(a: number, b: number): number {
    return a + this.rng.below(b - a + 1);
  }

  override _expand(token: SetLike): CharRange {
    let r = this.expanded.get(token);
    if (!r) {
      r = super._expand(token);
      this.expanded.set(token, r);
    }
    return r;
  }
}

function invalid(path: string, pattern: string, why: string): TdmError {
  return new TdmError('SCHEMA_TYPE_INVALID', `${path}.pattern: ${why} in /${pattern}/`, {
    suggestedActions: ['Use a pattern of literals, classes, groups, alternation and bounded quantifiers.'],
  });
}

/** Children of a root or group: its single sequence, or each alternative. */
function sequences(t: Root | Extract<Token, { type: types.GROUP }>): Token[][] {
  return t.options ?? [t.stack ?? []];
}

/** Rejects what randexp would silently get wrong; returns the longest possible output. */
function check(
  t: Root | Token,
  cap: number,
  fail: (why: string) => TdmError,
  top: boolean,
  re: RandExpInstance,
): number {
  switch (t.type) {
    case types.ROOT:
    case types.GROUP: {
      if (t.type === types.GROUP && (t.followedBy || t.notFollowedBy || t.lookBehind))
        throw fail('lookaround assertions are not supported');
      let longestSeq = 0;
      for (const seq of sequences(t)) {
        let sum = 0;
        seq.forEach((child, i) => {
          if (child.type === types.POSITION) {
            const edge =
              top && ((child.value === '^' && i === 0) || (child.value === '$' && i === seq.length - 1));
            if (!edge)
              throw fail(
                `the anchor ${child.value === 'b' || child.value === 'B' ? '\\' : ''}${child.value} is only supported as ^ at the start or $ at the end`,
              );
          } else sum += check(child, cap, fail, false, re);
        });
        longestSeq = Math.max(longestSeq, sum);
      }
      return longestSeq;
    }
    case types.REPETITION: {
      const times = t.max === Infinity ? t.min + cap : t.max;
      const inner = check(t.value, cap, fail, false, re);
      return times * inner;
    }
    case types.REFERENCE:
      throw fail('backreferences are not supported');
    case types.SET:
      if (re._expand(t).length === 0) throw fail('a character class matches no printable character');
      return 1;
    default:
      return 1;
  }
}

/** Adds the characters a pattern names to randexp's alphabet, so `[а-я]` is not emptied by it. */
function widen(t: Root | Token, re: RandExpInstance): void {
  if (t.type === types.ROOT || t.type === types.GROUP)
    sequences(t).forEach((s) => s.forEach((c) => widen(c, re)));
  else if (t.type === types.REPETITION) widen(t.value, re);
  else if (t.type === types.CHAR) re.defaultRange.add(t.value);
  else if (t.type === types.SET && !t.not) {
    for (const s of t.set) {
      if (s.type === types.CHAR) re.defaultRange.add(s.value);
      else if (s.type === types.RANGE) re.defaultRange.add(s.from, s.to);
    }
  }
}

/** The per-character alphabets of a fixed-shape pattern, or undefined when its shape varies. */
function fixedSlots(t: Root | Token, out: SetLike[]): boolean {
  switch (t.type) {
    case types.ROOT:
    case types.GROUP: {
      const seqs = sequences(t);
      return seqs.length === 1 && (seqs[0] as Token[]).every((c) => fixedSlots(c, out));
    }
    case types.REPETITION:
      if (t.min !== t.max) return false;
      for (let i = 0; i < t.min; i++) if (!fixedSlots(t.value, out)) return false;
      return true;
    case types.SET:
    case types.CHAR:
      out.push(t);
      return true;
    case types.POSITION:
      return true;
    default:
      return false;
  }
}

function alphabetOf(range: CharRange): string[] {
  const chars: string[] = [];
  for (let i = 0; i < range.length; i++) chars.push(String.fromCodePoint(range.index(i)));
  return chars;
}

/**
 * Compiles `pattern` (JavaScript syntax, no flags). Unbounded quantifiers (`*`, `+`, `{n,}`)
 * repeat at most `cap` times beyond their minimum.
 */
export function compileRegex(pattern: string, cap: number, path: string): CompiledValue {
  const fail = (why: string): TdmError => invalid(path, pattern, why);
  try {
    new RegExp(pattern);
  } catch (e) {
    throw fail(`not a valid regular expression (${(e as Error).message})`);
  }
  const full = new RegExp(`^(?:${pattern})$`);
  let root: Root;
  let re: SeededRandExp;
  try {
    const source = withLiteralEscapes(pattern);
    root = tokenize(source);
    re = new SeededRandExp(source);
  } catch (e) {
    throw fail(`cannot be generated from (${(e as Error).message})`);
  }
  re.max = cap;
  widen(root, re);
  const longestOutput = check(root, cap, fail, true, re);
  if (longestOutput > MAX_REGEX_OUTPUT) {
    throw fail(
      `could produce strings of ${longestOutput} characters (limit ${MAX_REGEX_OUTPUT}); bound its quantifiers or lower max`,
    );
  }
  const slots: SetLike[] = [];
  const value = fixedSlots(root, slots)
    ? fixedValue(re, slots, longestOutput)
    : walkedValue(re, longestOutput);
  selfCheck(value, full, fail);
  return value;
}

/** Draws by walking the pattern with randexp. */
function walkedValue(re: SeededRandExp, maxLength: number): CompiledValue {
  return {
    kind: 'string',
    maxLength,
    draw: (rng) => {
      re.rng = rng;
      return re.gen();
    },
  };
}

/**
 * The parser randexp uses differs from JavaScript's on rare syntax; a pattern whose samples do not
 * match it in full is rejected once here rather than producing wrong values.
 */
function selfCheck(value: CompiledValue, full: RegExp, fail: (why: string) => TdmError): void {
  const rng = new Rng();
  const { at, capacity } = value;
  for (let i = 0; i < SELF_CHECK_SAMPLES; i++) {
    const v = String(value.draw(rng.seed(0x5eed, i), i, []));
    if (!full.test(v)) throw fail(`uses syntax the generator cannot reproduce (it drew "${v}")`);
    const k = at && capacity ? Math.floor(((capacity - 1) * i) / (SELF_CHECK_SAMPLES - 1)) : -1;
    if (at && k >= 0 && !full.test(String(at(k, i, []))))
      throw fail(`uses syntax the generator cannot enumerate (value ${k} is "${String(at(k, i, []))}")`);
  }
}

/** Enumerable values of a fixed-shape pattern: one alphabet per character. */
function fixedValue(re: SeededRandExp, slots: SetLike[], longestOutput: number): CompiledValue {
  const byToken = new Map<SetLike, string[]>();
  const alphabets = slots.map((s) => {
    let a = byToken.get(s);
    if (!a) byToken.set(s, (a = alphabetOf(re._expand(s))));
    return a;
  });
  const n = alphabets.length;
  const capacity = Math.min(
    alphabets.reduce((p, a) => p * a.length, 1),
    MAX_CAPACITY,
  );
  return {
    kind: 'string',
    maxLength: longestOutput,
    draw: (rng) => {
      let s = '';
      for (let i = 0; i < n; i++) {
        const a = alphabets[i] as string[];
        s += a[rng.below(a.length)];
      }
      return s;
    },
    capacity,
    // Mixed radix over the characters, last one fastest.
    at: (k) => {
      let rest = k;
      let s = '';
      for (let i = n - 1; i >= 0; i--) {
        const a = alphabets[i] as string[];
        s = (a[rest % a.length] as string) + s;
        rest = Math.floor(rest / a.length);
      }
      return s;
    },
  };
}
