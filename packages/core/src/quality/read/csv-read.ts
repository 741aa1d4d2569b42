/**
 * @module CSV/TSV files: delimiter sniffing, header detection, and record batches with a bound on
 * a record's size (an unclosed quote or a 1 GB line is a coded error, not unbounded memory).
 */
import { anyDate } from './dates.js';
import { isNullToken, textBoolean, textNumber } from './cells.js';
import { malformed } from './errors.js';
import { scanRecords, type ScanState } from './csv-scan.js';
import { scanTypedRecords, type TypedPlan } from './csv-typed.js';
import type { CellValue } from './types.js';
import type { DatasetFiles } from './files.js';
import { textChunks } from './text-chunks.js';

/** Longest record held while looking for its end (characters). */
export const MAX_RECORD_CHARS = 16 << 20;

export interface CsvOptions {
  delimiter: string;
  maxRecordChars?: number;
}

/** Every record of the file (the header too), in batches of one decoded chunk's records. */
export function csvRecords(
  file: string,
  options: CsvOptions,
  signal?: AbortSignal,
  access?: DatasetFiles,
): AsyncGenerator<(string | null)[][]> {
  return csvRecordsOf(file, textChunks(file, signal, access), options);
}

/** Records of text arriving in chunks split anywhere (`file` names it in errors). */
export async function* csvRecordsOf(
  file: string,
  texts: AsyncIterable<string>,
  options: CsvOptions,
): AsyncGenerator<(string | null)[][]> {
  const max = options.maxRecordChars ?? MAX_RECORD_CHARS;
  const st: ScanState = { file, delimiter: options.delimiter, line: 1, width: -1 };
  let carry = '';
  for await (const chunk of texts) {
    const text = carry + chunk;
    const out: (string | null)[][] = [];
    const at = scanRecords(st, text, 0, false, out);
    carry = at === 0 ? text : text.slice(at);
    if (carry.length > max) {
      throw malformed(file, st.line, `a record longer than ${max} characters (an unclosed quote?)`);
    }
    if (out.length) yield out;
  }
  if (carry) {
    const out: (string | null)[][] = [];
    scanRecords(st, carry, 0, true, out);
    if (out.length) yield out;
  }
}

/**
 * Typed rows of a CSV file (the hot path, see csv-typed.ts): the header record, when there is
 * one, is skipped; the rest come as cells typed by `plan`.
 */
export async function* csvTypedRowsOf(
  file: string,
  texts: AsyncIterable<string>,
  options: CsvOptions & { header: boolean },
  plan: TypedPlan,
): AsyncGenerator<CellValue[][]> {
  const max = options.maxRecordChars ?? MAX_RECORD_CHARS;
  const st: ScanState = { file, delimiter: options.delimiter, line: 1, width: plan.width };
  let header = options.header;
  let carry = '';
  const take = (text: string, final: boolean, out: CellValue[][]): number => {
    let at = 0;
    if (header) {
      const skipped: (string | null)[][] = [];
      at = scanRecords(st, text, 0, final, skipped, 1);
      if (skipped.length === 0) return at;
      header = false;
    }
    return scanTypedRecords(st, text, at, final, out, plan);
  };
  for await (const chunk of texts) {
    const text = carry + chunk;
    const out: CellValue[][] = [];
    const at = take(text, false, out);
    carry = at === 0 ? text : text.slice(at);
    if (carry.length > max) {
      throw malformed(file, st.line, `a record longer than ${max} characters (an unclosed quote?)`);
    }
    if (out.length) yield out;
  }
  if (carry) {
    const out: CellValue[][] = [];
    take(carry, true, out);
    if (out.length) yield out;
  }
}

const CANDIDATES = [',', '\t', ';', '|'];

/** The delimiter whose records in `head` have one consistent width greater than 1 (widest wins). */
export function sniffDelimiter(head: string, preferred?: string): string {
  let best = preferred ?? ',';
  let bestWidth = 1;
  for (const d of preferred ? [preferred, ...CANDIDATES] : CANDIDATES) {
    const st: ScanState = { file: '', delimiter: d, line: 1, width: -1 };
    const out: (string | null)[][] = [];
    try {
      scanRecords(st, head, 0, false, out);
    } catch {
      continue;
    }
    if (out.length > 0 && st.width > bestWidth) {
      best = d;
      bestWidth = st.width;
    }
  }
  return best;
}

/** The first text of a file, up to about `chars` characters. */
export async function headText(file: string, chars: number, access?: DatasetFiles): Promise<string> {
  let head = '';
  for await (const chunk of textChunks(file, undefined, access)) {
    head += chunk;
    if (head.length >= chars) break;
  }
  return head;
}

/**
 * True when the first record names columns: every cell present, distinct, and none a number,
 * boolean or date (a data row of only text is indistinguishable; such files read with a header).
 */
export function looksLikeHeader(first: readonly (string | null)[]): boolean {
  const seen = new Set<string>();
  for (const c of first) {
    if (c === null || isNullToken(c) || seen.has(c)) return false;
    if (textNumber(c) !== undefined || textBoolean(c) !== undefined || anyDate(c) !== null) return false;
    seen.add(c);
  }
  return true;
}
