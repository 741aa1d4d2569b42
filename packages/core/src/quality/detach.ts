/**
 * @module Keeping a cell without keeping its file. The CSV reader cuts cells out of ~1 MiB pieces
 * of a file's text, and V8 makes a cut of 13 or more characters a sliced string that points into
 * its piece: a profile's min, a top value or a failing row's sample would keep the whole piece
 * alive (a report of the reference data held 22.6 MiB of heap for 0.02 MiB of JSON). What a check
 * keeps past the row it reads goes through `keep` first.
 */

/** Cuts shorter than this are copied by V8 anyway. */
const SLICED_MIN_LENGTH = 13;

/**
 * `s` as a string of its own: concatenating and cutting again makes V8 flatten into a new string,
 * so the result holds `s.length + 1` characters instead of the piece it was cut from. Values equal.
 */
export function detach(s: string): string {
  return s.length < SLICED_MIN_LENGTH ? s : (' ' + s).slice(1);
}

/** `detach` for strings; anything else as it is. */
export function keep<T>(v: T): T {
  return typeof v === 'string' ? (detach(v) as T) : v;
}
