/**
 * @module Bytes -> text chunks: streaming UTF-8 decoding (a character split across chunks is
 * kept whole, a BOM is dropped), binary files refused, old-Mac CR line ends read as LF.
 * Pure-ASCII chunks (nearly all of a generated file) skip the UTF-8 decoder: `isAscii` and a
 * latin1 slice are native and several times faster, and give the same text.
 */
import { isAscii } from 'node:buffer';
import { malformed } from './errors.js';
import { fileChunks, type DatasetFiles } from './files.js';

/** True when `bytes` ends on a character boundary (no multi-byte character cut short). */
export function endsWhole(bytes: Buffer): boolean {
  const n = bytes.length;
  for (let k = 1; k <= Math.min(4, n); k++) {
    const b = bytes[n - k]!;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const need = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need <= k;
  }
  return true;
}

export async function* textChunks(
  file: string,
  signal?: AbortSignal,
  access?: DatasetFiles,
): AsyncGenerator<string> {
  // The BOM is dropped by hand at the start: the decoder may first see a later chunk.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let crOnly: boolean | null = null;
  let first = true;
  // True while the decoder holds no part of a character from the previous chunk.
  let whole = true;
  for await (const bytes of fileChunks(file, signal, access)) {
    if (first && bytes.length >= 4 && bytes.readUInt32BE(0) === 0x50415231) {
      throw malformed(file, 1, 'this is a Parquet file: name it .parquet');
    }
    let data = bytes;
    if (first && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) data = bytes.subarray(3);
    first = false;
    if (data.indexOf(0) !== -1) throw malformed(file, 1, 'binary data (a NUL byte): not a text file');
    let text: string;
    if (whole && isAscii(data)) text = data.toString('latin1');
    else {
      text = decoder.decode(data, { stream: true });
      whole = endsWhole(data);
    }
    if (crOnly === null && text.length > 0) crOnly = !text.includes('\n') && text.includes('\r');
    if (crOnly) text = text.replaceAll('\r', '\n');
    yield text;
  }
  const rest = decoder.decode();
  if (rest) yield crOnly ? rest.replaceAll('\r', '\n') : rest;
}
