/**
 * @module Partially masked examples for evidence: enough of a value's shape to let a person
 * judge a finding (j***@e***.com, J*** D**, **** **** **** **11), never the value itself.
 */

const isAlnum = (c: string): boolean => /[\p{L}\p{N}]/u.test(c);

function maskEmail(v: string): string {
  const at = v.lastIndexOf('@');
  const local = v.slice(0, at);
  const domain = v.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const host = dot > 0 ? domain.slice(0, dot) : domain;
  const tld = dot > 0 ? domain.slice(dot) : '';
  return `${local.slice(0, 1)}***@${host.slice(0, 1)}***${tld}`;
}

/**
 * Masks a value: an email keeps the first letter of its local part and host and its top-level
 * domain; otherwise letters and digits become `*`, except the first character of each word of
 * four or more characters and, in values with eight or more digits, the last two digits.
 * Separators stay, so the shape shows.
 */
export function maskExample(v: string): string {
  if (/^[^@\s]+@[^@\s]+$/.test(v)) return maskEmail(v);
  let digits = 0;
  for (const c of v) if (c >= '0' && c <= '9') digits++;
  const keepLastDigits = digits >= 8 ? 2 : 0;
  const chars = [...v];
  const out: string[] = [];
  let digitsSeen = 0;
  let runStart = -1;
  let masked = 0;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (!isAlnum(c)) {
      out.push(c);
      runStart = -1;
      continue;
    }
    if (runStart < 0) runStart = i;
    const isDigit = c >= '0' && c <= '9';
    if (isDigit) digitsSeen++;
    let runLength = 0;
    while (runStart + runLength < chars.length && isAlnum(chars[runStart + runLength]!)) runLength++;
    const keep =
      (isDigit && digitsSeen > digits - keepLastDigits) || (!isDigit && i === runStart && runLength >= 4);
    out.push(keep ? c : '*');
    if (!keep) masked++;
  }
  return masked === 0 ? '***' : out.join('');
}
