/**
 * @module A character shape ('AA-9999') as a regular expression for the `regex` generator
 * (`[A-Z]{2}-[0-9]{4}`), with the number of distinct values it can produce.
 */

const CLASSES: Record<string, { re: string; size: number }> = {
  A: { re: '[A-Z]', size: 26 },
  a: { re: '[a-z]', size: 26 },
  '9': { re: '[0-9]', size: 10 },
};

/** The regex and its capacity, or null for named formats and collapsed shapes ('Aa+'). */
export function shapeRegex(shape: string): { pattern: string; capacity: number } | null {
  if (shape.includes('+') || /^(?:email|uuid|url|text)$/.test(shape) || shape === '') return null;
  let pattern = '';
  let capacity = 1;
  let i = 0;
  const chars = [...shape];
  while (i < chars.length) {
    const ch = chars[i]!;
    let j = i + 1;
    while (j < chars.length && chars[j] === ch) j++;
    const run = j - i;
    const cls = CLASSES[ch];
    if (cls) {
      pattern += run === 1 ? cls.re : `${cls.re}{${run}}`;
      capacity *= cls.size ** run;
    } else {
      const lit = ch.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
      pattern += run === 1 ? lit : `(?:${lit}){${run}}`;
    }
    i = j;
  }
  return { pattern, capacity };
}
