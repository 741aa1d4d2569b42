/**
 * @module JSON (a top-level array of objects) and NDJSON (one object per line), streamed: the
 * array is cut into elements by a small scanner (strings, escapes, nesting depth) and each
 * element goes to the native JSON.parse, so a 1 GB file never becomes one string. Elements
 * nested deeper than MAX_DEPTH or longer than MAX_ELEMENT_CHARS are coded errors (NDJSON lines:
 * longer than MAX_ELEMENT_CHARS; depth is caught where cells are made, see entity.ts).
 */
import { malformed } from './errors.js';
import type { DatasetFiles } from './files.js';
import { textChunks } from './text-chunks.js';

export const MAX_DEPTH = 64;
export const MAX_ELEMENT_CHARS = 16 << 20;

type Obj = Record<string, unknown>;

function asObject(file: string, line: number, v: unknown): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw malformed(
      file,
      line,
      'expected an object (one row), found ' + (Array.isArray(v) ? 'an array' : typeof v),
    );
  }
  return v as Obj;
}

function parse(file: string, line: number, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw malformed(file, line, 'invalid JSON: ' + (e instanceof Error ? e.message : String(e)));
  }
}

/** Objects of an NDJSON file, in batches (blank lines skipped). */
export function ndjsonObjects(
  file: string,
  signal?: AbortSignal,
  access?: DatasetFiles,
): AsyncGenerator<Obj[]> {
  return ndjsonObjectsOf(file, textChunks(file, signal, access));
}

/** Objects of NDJSON text arriving in chunks split anywhere. */
export async function* ndjsonObjectsOf(file: string, texts: AsyncIterable<string>): AsyncGenerator<Obj[]> {
  let carry = '';
  let line = 1;
  const take = (text: string, final: boolean): { out: Obj[]; rest: string } => {
    const lines: string[] = [];
    const numbers: number[] = [];
    let pos = 0;
    for (;;) {
      let nl = text.indexOf('\n', pos);
      if (nl === -1) {
        if (!final || pos >= text.length) break;
        nl = text.length;
      }
      let s = text.slice(pos, nl);
      if (s.charCodeAt(0) !== 123) {
        s = s.trim();
        if (s && !s.startsWith('{')) throw malformed(file, line, 'expected a JSON object on each line');
      }
      if (s) {
        lines.push(s);
        numbers.push(line);
      }
      line++;
      pos = nl + 1;
    }
    return { out: parseLines(file, lines, numbers), rest: text.slice(pos) };
  };
  for await (const chunk of texts) {
    const { out, rest } = take(carry + chunk, false);
    carry = rest;
    if (carry.length > MAX_ELEMENT_CHARS) {
      throw malformed(file, line, `a line longer than ${MAX_ELEMENT_CHARS} characters`);
    }
    if (out.length) yield out;
  }
  const { out } = take(carry, true);
  if (out.length) yield out;
}

/**
 * The objects of NDJSON lines or JSON array elements. Hot path: one JSON.parse of the texts
 * joined as an array (one native call per chunk instead of one per row); when that fails, one by
 * one, to name the line at fault. Nesting depth is not limited here: V8 parses deep JSON without recursion, and
 * the cell converters turn the one recursive step (JSON.stringify) into a coded error.
 */
function parseLines(file: string, lines: string[], numbers: number[]): Obj[] {
  if (lines.length === 0) return [];
  let all: unknown = null;
  try {
    all = JSON.parse('[' + lines.join(',') + ']');
  } catch {
    all = null;
  }
  if (!Array.isArray(all) || all.length !== lines.length) {
    return lines.map((s, i) => asObject(file, numbers[i]!, parse(file, numbers[i]!, s)));
  }
  for (let i = 0; i < all.length; i++) asObject(file, numbers[i]!, all[i]);
  return all as Obj[];
}

const WS = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9;

/**
 * Where the JSON value starting at `start` ends (exclusive), or -1 if the text ends first.
 * Tracks strings and nesting; throws on nesting deeper than MAX_DEPTH.
 */
function valueEnd(file: string, line: number, text: string, start: number): number {
  const end = text.length;
  let depth = 0;
  let i = start;
  const c0 = text.charCodeAt(i);
  if (c0 !== 123 && c0 !== 91) {
    // A scalar element: up to the next comma, bracket or whitespace.
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c === 44 || c === 93 || WS(c)) return i;
      if (c === 34) {
        const close = stringEnd(text, i + 1);
        if (close === -1) return -1;
        i = close + 1;
      } else i++;
    }
    return -1;
  }
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      const close = stringEnd(text, i + 1);
      if (close === -1) return -1;
      i = close + 1;
      continue;
    }
    if (c === 123 || c === 91) {
      if (++depth > MAX_DEPTH) throw malformed(file, line, `nested deeper than ${MAX_DEPTH} levels`);
    } else if (c === 125 || c === 93) {
      if (--depth === 0) return i + 1;
    }
    i++;
  }
  return -1;
}

/** Index of the quote closing a string whose content starts at `i`, or -1. */
function stringEnd(text: string, i: number): number {
  for (;;) {
    const q = text.indexOf('"', i);
    if (q === -1) return -1;
    let k = q - 1;
    while (text.charCodeAt(k) === 92) k--; // backslashes before the quote
    if ((q - 1 - k) % 2 === 0) return q;
    i = q + 1;
  }
}

function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let k = text.indexOf('\n', from); k !== -1 && k < to; k = text.indexOf('\n', k + 1)) n++;
  return n;
}

/** Objects of a JSON file holding one top-level array, in batches. */
export function jsonArrayObjects(
  file: string,
  signal?: AbortSignal,
  access?: DatasetFiles,
): AsyncGenerator<Obj[]> {
  return jsonArrayObjectsOf(file, textChunks(file, signal, access));
}

/** Objects of a JSON array arriving in chunks split anywhere. */
export async function* jsonArrayObjectsOf(file: string, texts: AsyncIterable<string>): AsyncGenerator<Obj[]> {
  let carry = '';
  let line = 1;
  let state: 'start' | 'items' | 'done' = 'start';
  for await (const chunk of texts) {
    const text = carry + chunk;
    // Element texts and their lines, parsed together below (one JSON.parse per chunk).
    const items: string[] = [];
    const lines: number[] = [];
    let pos = 0;
    for (;;) {
      while (
        pos < text.length &&
        (WS(text.charCodeAt(pos)) || (state === 'items' && text.charCodeAt(pos) === 44))
      ) {
        if (text.charCodeAt(pos) === 10) line++;
        pos++;
      }
      if (pos >= text.length) break;
      const c = text.charCodeAt(pos);
      if (state === 'done') throw malformed(file, line, 'text after the closing ] of the array');
      if (state === 'start') {
        if (c !== 91)
          throw malformed(file, line, 'expected a JSON array of objects (the file must start with [)');
        state = 'items';
        pos++;
        continue;
      }
      if (c === 93) {
        state = 'done';
        pos++;
        continue;
      }
      const stop = valueEnd(file, line, text, pos);
      if (stop === -1) break;
      items.push(text.slice(pos, stop));
      lines.push(line);
      line += countLines(text, pos, stop);
      pos = stop;
    }
    carry = text.slice(pos);
    if (carry.length > MAX_ELEMENT_CHARS) {
      throw malformed(file, line, `an element longer than ${MAX_ELEMENT_CHARS} characters`);
    }
    const out = parseLines(file, items, lines);
    if (out.length) yield out;
  }
  if (state !== 'done' || carry.trim()) {
    throw malformed(
      file,
      line,
      state === 'start' ? 'empty file: expected a JSON array' : 'the array is not closed (truncated file?)',
    );
  }
}
