/**
 * @module The CSV/TSV record scanner: RFC 4180 (quoted fields with delimiters, doubled quotes and
 * line breaks), CRLF or LF, blank lines skipped; an unquoted empty field is null, `""` is "".
 *
 * Hot path, written for the machine: csv-parse 6 read the reference dataset (bench/) at ~0.12M
 * rows per CPU-second here, a third of what the generator writes (~0.33M), since it walks every
 * byte in JS and builds each field through its own buffer. This scanner works on decoded text and
 * treats a record with no quote as one native `split` (nearly every generated row, ~0.8M rows per
 * CPU-second); only records holding a quote take the character loop. csv-typed.ts goes further
 * for typed reads. bench/quality-read.ts measures them all in one run.
 */
import { malformed } from './errors.js';

const QUOTE = 34;
const CR = 13;
const LF = 10;

export interface ScanState {
  file: string;
  delimiter: string;
  /** Line number (1-based) of the next record's first line. */
  line: number;
  /** Fields per record, fixed by the first record; -1 until then. */
  width: number;
}

/**
 * Parses the complete records of `text` from `from` into `out` (until `out` holds `limit`);
 * returns where the first record not taken starts (text.length when all were taken). With `final`, the end of text
 * ends the last record and an open quote is an error.
 */
export function scanRecords(
  st: ScanState,
  text: string,
  from: number,
  final: boolean,
  out: (string | null)[][],
  limit = Infinity,
): number {
  const delim = st.delimiter;
  const end = text.length;
  let pos = from;
  let quoteAt = text.indexOf('"', pos);
  if (quoteAt === -1) quoteAt = end;
  while (pos < end && out.length < limit) {
    let nl = text.indexOf('\n', pos);
    if (nl === -1) {
      if (!final) return pos;
      nl = end;
    }
    if (quoteAt < pos) {
      quoteAt = text.indexOf('"', pos);
      if (quoteAt === -1) quoteAt = end;
    }
    if (quoteAt >= nl) {
      let stop = nl;
      if (stop > pos && text.charCodeAt(stop - 1) === CR) stop--;
      if (stop === pos) {
        // A blank line: skipped, except in a one-column file where it is a null.
        if (st.width === 1) out.push([null]);
      } else {
        const fields: (string | null)[] = text.slice(pos, stop).split(delim);
        for (let i = 0; i < fields.length; i++) if (fields[i] === '') fields[i] = null;
        push(st, fields, out);
      }
      st.line++;
      pos = nl + 1;
      continue;
    }
    const next = quotedRecord(st, text, pos, final, out);
    if (next < 0) return pos;
    pos = next;
  }
  return pos;
}

function push(st: ScanState, fields: (string | null)[], out: (string | null)[][]): void {
  if (st.width === -1) st.width = fields.length;
  else if (fields.length !== st.width) {
    throw malformed(st.file, st.line, `expected ${st.width} fields, found ${fields.length}`);
  }
  out.push(fields);
}

/** The character loop for a record holding a quote; -1 when the record is not complete yet. */
export function quotedRecord(
  st: ScanState,
  text: string,
  start: number,
  final: boolean,
  out: (string | null)[][],
): number {
  const d = st.delimiter.charCodeAt(0);
  const end = text.length;
  const fields: (string | null)[] = [];
  let lines = 0;
  let i = start;
  for (;;) {
    if (i < end && text.charCodeAt(i) === QUOTE) {
      // A quoted field: find the closing quote, skipping doubled quotes.
      let j = i + 1;
      let doubled = false;
      let close: number;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q === -1 || (q + 1 >= end && !final)) {
          if (!final) return -1;
          throw malformed(st.file, st.line, 'unclosed quote: a quoted field runs to the end of the file');
        }
        if (text.charCodeAt(q + 1) === QUOTE) {
          doubled = true;
          j = q + 2;
          continue;
        }
        close = q;
        break;
      }
      let value = text.slice(i + 1, close);
      for (let k = value.indexOf('\n'); k !== -1; k = value.indexOf('\n', k + 1)) lines++;
      if (doubled) value = value.replaceAll('""', '"');
      fields.push(value);
      i = close + 1;
      const c = i < end ? text.charCodeAt(i) : -1;
      if (c !== d && c !== LF && c !== CR && c !== -1) {
        throw malformed(
          st.file,
          st.line + lines,
          `unexpected text after a closing quote in field ${fields.length} (quote the whole field and double inner quotes)`,
        );
      }
    } else {
      // An unquoted field (a quote inside one is taken literally, as spreadsheets write 5'6").
      let j = i;
      while (j < end) {
        const c = text.charCodeAt(j);
        if (c === d || c === LF || c === CR) break;
        j++;
      }
      fields.push(j === i ? null : text.slice(i, j));
      i = j;
    }
    if (i >= end) {
      if (!final) return -1;
      break;
    }
    const c = text.charCodeAt(i);
    if (c === d) {
      i++;
      continue;
    }
    if (c === CR) {
      if (i + 1 >= end && !final) return -1;
      i += text.charCodeAt(i + 1) === LF ? 2 : 1;
    } else i++; // LF
    break;
  }
  push(st, fields, out);
  st.line += 1 + lines;
  return i;
}
