/**
 * @module Segments of a local CSV/TSV entity: byte ranges that start at a line start, about
 * `segmentBytes` each, so several threads can check one large file. Where the ranges fall depends
 * on the file and `segmentBytes` only, never on the thread count, so merging the segments' states
 * in order gives the same report for any number of threads.
 *
 * A boundary is a line start, which is a record start unless a quoted field spans lines there:
 * a segment whose text does not end exactly at a record end says so (`clean: false`), and the
 * checker then reads the rest of the file from that segment on in one piece.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { isAscii } from 'node:buffer';
import { scanRecords, type ScanState } from './read/csv-scan.js';
import { scanTypedRecords, type TypedPlan } from './read/csv-typed.js';
import { malformed } from './read/errors.js';
import { readFailure } from './read/files.js';
import type { CellValue, TextLayout } from './read/types.js';
import { endsWhole } from './read/text-chunks.js';
import { isTdmError } from '../errors/index.js';

/** Default segment size: big enough that per-segment planning and merging cost little. */
export const SEGMENT_BYTES = 8 << 20;

/** Longest record carried between text pieces (as the streaming reader allows). */
const MAX_RECORD_CHARS = 16 << 20;
const PIECE_BYTES = 1 << 20;
const LF = 10;

export interface Segment {
  file: string;
  start: number;
  /** Exclusive. */
  end: number;
  /** True for the last segment of its file (the text may end without a line break). */
  final: boolean;
  /** The line a file's first segment starts at (after the header); unknown for the others. */
  line?: number;
}

async function readAt(file: string, position: number, length: number): Promise<Buffer> {
  let fh;
  try {
    fh = await open(file, 'r');
    const buf = Buffer.alloc(length);
    const { bytesRead } = await fh.read(buf, 0, length, position);
    return buf.subarray(0, bytesRead);
  } catch (e) {
    throw readFailure(file, e);
  } finally {
    await fh?.close();
  }
}

/** Where the first record (after a BOM and the header) starts, and its line; null when not splittable. */
async function bodyStart(file: string, layout: TextLayout): Promise<{ at: number; line: number } | null> {
  const head = await readAt(file, 0, 1 << 16);
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  // Old-Mac CR line ends are rewritten by the streaming reader: not split here.
  if (head.indexOf(LF) === -1 && head.indexOf(13) !== -1) return null;
  if (!layout.header) return { at: bom, line: 1 };
  const text = head.subarray(bom).toString('utf8');
  const st: ScanState = { file, delimiter: layout.delimiter, line: 1, width: -1 };
  const out: (string | null)[][] = [];
  const at = scanRecords(st, text, 0, false, out, 1);
  if (out.length === 0) return null;
  return { at: bom + Buffer.byteLength(text.slice(0, at)), line: st.line };
}

/** The segments of `files`, or null when one of them cannot be split (read in one piece). */
export async function splitFiles(
  files: readonly string[],
  layout: TextLayout,
  segmentBytes: number,
): Promise<Segment[] | null> {
  const out: Segment[] = [];
  for (const file of files) {
    let size: number;
    try {
      size = (await stat(file)).size;
    } catch (e) {
      throw readFailure(file, e);
    }
    const body = await bodyStart(file, layout);
    if (!body) return null;
    let from = body.at;
    while (from < size) {
      let end = size;
      for (let at = from + segmentBytes; at < size;) {
        const window = await readAt(file, at, 1 << 16);
        const nl = window.indexOf(LF);
        if (nl !== -1) {
          end = at + nl + 1;
          break;
        }
        at += window.length;
      }
      out.push({
        file,
        start: from,
        end,
        final: end >= size,
        ...(from === body.at ? { line: body.line } : {}),
      });
      from = end;
    }
  }
  return out;
}

/** Where a segment's reading ended: rows read, lines passed, and whether it ended at a record end. */
export interface SegmentEnd {
  lines: number;
  clean: boolean;
}

/**
 * Typed rows of bytes [start, end) of a file, in batches; `st.line` is the line the range starts
 * at (for error messages). A range that is not the file's last and ends inside a record leaves
 * `end.clean` false instead of failing.
 */
export async function* segmentBatches(
  seg: Segment,
  plan: TypedPlan,
  st: ScanState,
  end: SegmentEnd,
  signal?: AbortSignal,
): AsyncGenerator<CellValue[][]> {
  const firstLine = st.line;
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  // True while the decoder holds no part of a character from the previous chunk.
  let whole = true;
  let carry = '';
  if (seg.end > seg.start) {
    const stream = createReadStream(seg.file, {
      start: seg.start,
      end: seg.end - 1,
      highWaterMark: PIECE_BYTES,
      ...(signal ? { signal } : {}),
    });
    try {
      for await (const chunk of stream) {
        const bytes = chunk as Buffer;
        if (bytes.indexOf(0) !== -1) {
          // As the streaming reader says it, whatever the line.
          throw malformed(seg.file, 1, 'binary data (a NUL byte): not a text file');
        }
        let text: string;
        if (whole && isAscii(bytes)) text = bytes.toString('latin1');
        else {
          text = decoder.decode(bytes, { stream: true });
          whole = endsWhole(bytes);
        }
        if (carry) text = carry + text;
        const out: CellValue[][] = [];
        const at = scanTypedRecords(st, text, 0, false, out, plan);
        carry = at === 0 ? text : text.slice(at);
        if (carry.length > MAX_RECORD_CHARS) {
          throw malformed(
            seg.file,
            st.line,
            `a record longer than ${MAX_RECORD_CHARS} characters (an unclosed quote?)`,
          );
        }
        if (out.length) yield out;
      }
    } catch (e) {
      if (isTdmError(e) || (e instanceof Error && e.name === 'AbortError')) throw e;
      throw readFailure(seg.file, e);
    } finally {
      stream.destroy();
    }
  }
  carry += decoder.decode();
  if (carry && seg.final) {
    const out: CellValue[][] = [];
    scanTypedRecords(st, carry, 0, true, out, plan);
    if (out.length) yield out;
    carry = '';
  }
  end.lines = st.line - firstLine;
  end.clean = carry.length === 0;
}
