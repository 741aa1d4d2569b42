/**
 * @module The typed CSV hot path: scans records and types their cells in one pass over the text.
 *
 * Written for the machine. The plain scanner (csv-scan.ts) makes a string per field and the
 * converters then parse numbers out of them; on the reference dataset that allocation was most
 * of the reading time. Here a record without quotes is walked once: integer and decimal cells are
 * parsed straight from the text's char codes (a decimal as digits / 10^scale, which is exactly
 * what Number() gives for up to 15 digits: one correctly rounded division), text cells are one
 * `indexOf` and one `slice`. Records with quotes, and cells the inline parser does not take
 * (exponents, null tokens, 16+ digits), go through the general path, so both give the same cells.
 */
import { isNullToken, textConverter, type ColumnReading, type TextConverter } from './cells.js';
import { quotedRecord, type ScanState } from './csv-scan.js';
import { malformed } from './errors.js';
import type { CellValue } from './types.js';

const CR = 13;
const Code = { keep: 0, nullTokens: 1, integer: 2, number: 3, other: 4 } as const;
const POW10 = Array.from({ length: 23 }, (_v, i) => 10 ** i);

export interface TypedPlan {
  width: number;
  codes: Int32Array;
  convert: TextConverter[];
}

export function typedPlan(readings: readonly ColumnReading[]): TypedPlan {
  return {
    width: readings.length,
    codes: Int32Array.from(readings, (r) =>
      r.type === 'string'
        ? r.nullTokensInStrings
          ? Code.nullTokens
          : Code.keep
        : r.type === 'integer'
          ? Code.integer
          : r.type === 'number'
            ? Code.number
            : Code.other,
    ),
    convert: readings.map(textConverter),
  };
}

/** As scanRecords, but yields typed rows of `plan.width` cells. */
export function scanTypedRecords(
  st: ScanState,
  text: string,
  from: number,
  final: boolean,
  out: CellValue[][],
  plan: TypedPlan,
): number {
  const delim = st.delimiter;
  const d = delim.charCodeAt(0);
  const { width, codes, convert } = plan;
  const end = text.length;
  let pos = from;
  let quoteAt = text.indexOf('"', pos);
  if (quoteAt === -1) quoteAt = end;
  while (pos < end) {
    let nl = text.indexOf('\n', pos);
    if (nl === -1) {
      if (!final) return pos;
      nl = end;
    }
    if (quoteAt < pos) {
      quoteAt = text.indexOf('"', pos);
      if (quoteAt === -1) quoteAt = end;
    }
    if (quoteAt < nl) {
      const raw: (string | null)[][] = [];
      const next = quotedRecord(st, text, pos, final, raw);
      if (next < 0) return pos;
      for (const r of raw) {
        const row = r as CellValue[];
        for (let i = 0; i < width; i++) row[i] = r[i] === null ? null : convert[i]!(r[i]!);
        out.push(row);
      }
      pos = next;
      continue;
    }
    let stop = nl;
    if (stop > pos && text.charCodeAt(stop - 1) === CR) stop--;
    if (stop === pos) {
      if (width === 1) out.push([null]);
      st.line++;
      pos = nl + 1;
      continue;
    }
    const row: CellValue[] = new Array<CellValue>(width);
    let p = pos;
    for (let i = 0; i < width; i++) {
      if (p > stop) throw fieldCount(st, width, i);
      let e: number;
      const code = codes[i]!;
      if (code === Code.integer || code === Code.number) {
        let q = p;
        let c = text.charCodeAt(q);
        const neg = c === 45;
        if (neg || c === 43) q++;
        let v = 0;
        let digits = 0;
        let scale = -1;
        let ok = true;
        for (; q < stop; q++) {
          c = text.charCodeAt(q);
          if (c === d) break;
          if (c >= 48 && c <= 57) {
            v = v * 10 + (c - 48);
            digits++;
            if (scale >= 0) scale++;
          } else if (c === 46 && scale < 0 && code === Code.number) scale = 0;
          else ok = false;
        }
        e = q;
        if (ok && digits > 0 && digits <= 15) {
          const x = scale > 0 ? v / POW10[scale]! : v;
          row[i] = neg ? -x : x;
        } else row[i] = e === p ? null : convert[i]!(text.slice(p, e));
      } else {
        e = text.indexOf(delim, p);
        if (e === -1 || e > stop) e = stop;
        if (e === p) row[i] = null;
        else {
          const s = text.slice(p, e);
          row[i] =
            code === Code.keep ? s : code === Code.nullTokens ? (isNullToken(s) ? null : s) : convert[i]!(s);
        }
      }
      p = e + 1;
    }
    if (p !== stop + 1) {
      let n = width;
      for (let k = p - 1; k < stop; k++) if (text.charCodeAt(k) === d) n++;
      throw fieldCount(st, width, n);
    }
    out.push(row);
    st.line++;
    pos = nl + 1;
  }
  return pos;
}

function fieldCount(st: ScanState, width: number, found: number): Error {
  return malformed(st.file, st.line, `expected ${width} fields, found ${found}`);
}
