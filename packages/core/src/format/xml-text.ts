/**
 * @module Escaping text for XML 1.0 element content. `&`, `<`, `>`, `"` and `'` become entities;
 * CR becomes `&#13;` (a literal CR would be normalised to LF by every parser); characters XML 1.0
 * forbids (C0 controls other than tab and LF, lone surrogates, U+FFFE, U+FFFF) are replaced by
 * U+FFFD, since no escape can represent them in XML 1.0.
 *
 * Hot path: one scan by char code; strings with nothing to escape (most) are returned as is.
 */

const REPLACEMENT = '\uFFFD';

/** The escape for a char code below 128, or undefined when it is written as is. */
const ASCII: (string | undefined)[] = Array.from({ length: 128 }, (_, c) => {
  if (c === 0x26) return '&amp;';
  if (c === 0x3c) return '&lt;';
  if (c === 0x3e) return '&gt;';
  if (c === 0x22) return '&quot;';
  if (c === 0x27) return '&apos;';
  if (c === 0x0d) return '&#13;';
  if (c < 0x20 && c !== 0x09 && c !== 0x0a) return REPLACEMENT;
  return undefined;
});

/** Index of the first character needing an escape, or -1. */
function firstSpecial(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 128 ? ASCII[c] !== undefined : c >= 0xd800 && (c <= 0xdfff || c >= 0xfffe)) return i;
  }
  return -1;
}

/** Escapes `s` for use as XML element content (also safe inside attribute values). */
export function xmlText(s: string): string {
  const start = firstSpecial(s);
  if (start < 0) return s;
  let out = s.slice(0, start);
  for (let i = start; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 128) {
      out += ASCII[c] ?? s[i];
    } else if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += s.slice(i, i + 2);
        i++;
      } else {
        out += REPLACEMENT;
      }
    } else if ((c >= 0xdc00 && c <= 0xdfff) || c >= 0xfffe) {
      out += REPLACEMENT;
    } else {
      out += s[i];
    }
  }
  return out;
}
