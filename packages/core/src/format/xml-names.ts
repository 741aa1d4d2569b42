/**
 * @module Valid XML element names from arbitrary entity and column names, deterministically:
 * every character that may not appear in an XML 1.0 Name becomes `_`, a name that cannot start
 * with its first character gets a leading `_`, and names that collide within one element get
 * `_2`, `_3`, ... in column order.
 *
 * Colons are replaced too (a colon would make a namespace-aware parser look for a prefix), and so
 * are characters outside the Basic Multilingual Plane: they are legal in XML 1.0 (5th edition) but
 * several parsers, fast-xml-parser among them, reject them in names.
 */

/** [start, end] code point ranges of NameStartChar (XML 1.0 5th ed., BMP only, no colon). */
const START: readonly (readonly [number, number])[] = [
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
  [0xc0, 0xd6],
  [0xd8, 0xf6],
  [0xf8, 0x2ff],
  [0x370, 0x37d],
  [0x37f, 0x1fff],
  [0x200c, 0x200d],
  [0x2070, 0x218f],
  [0x2c00, 0x2fef],
  [0x3001, 0xd7ff],
  [0xf900, 0xfdcf],
  [0xfdf0, 0xfffd],
];

/** Extra ranges NameChar allows after the first character. */
const REST: readonly (readonly [number, number])[] = [
  [0x2d, 0x2e],
  [0x30, 0x39],
  [0xb7, 0xb7],
  [0x300, 0x36f],
  [0x203f, 0x2040],
];

function inRanges(c: number, ranges: readonly (readonly [number, number])[]): boolean {
  for (const [lo, hi] of ranges) if (c >= lo && c <= hi) return true;
  return false;
}

/** A valid XML Name for `name` (the same input always gives the same output). */
export function xmlName(name: string): string {
  let out = '';
  for (const ch of name) {
    const c = ch.codePointAt(0) as number;
    out += inRanges(c, START) || inRanges(c, REST) ? ch : '_';
  }
  const first = out.codePointAt(0);
  if (first === undefined || !inRanges(first, START)) out = '_' + out;
  return out;
}

/** Valid, pairwise distinct XML names for a list of names (the columns of one row element). */
export function xmlNames(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((name) => {
    const base = xmlName(name);
    let candidate = base;
    for (let k = 2; used.has(candidate); k++) candidate = `${base}_${k}`;
    used.add(candidate);
    return candidate;
  });
}
