/**
 * @module Bytes -> text chunks: streaming UTF-8 decoding (a character split across chunks is
 * kept whole, a BOM is dropped), binary files refused, old-Mac CR line ends read as LF.
 */
import { malformed } from './errors.js';
import { fileChunks } from './files.js';

export async function* textChunks(file: string, signal?: AbortSignal): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  let crOnly: boolean | null = null;
  let first = true;
  for await (const bytes of fileChunks(file, signal)) {
    if (first && bytes.length >= 4 && bytes.readUInt32BE(0) === 0x50415231) {
      throw malformed(file, 1, 'this is a Parquet file: name it .parquet');
    }
    first = false;
    let text = decoder.decode(bytes, { stream: true });
    if (text.includes('\0')) throw malformed(file, 1, 'binary data (a NUL byte): not a text file');
    if (crOnly === null && text.length > 0) crOnly = !text.includes('\n') && text.includes('\r');
    if (crOnly) text = text.replaceAll('\r', '\n');
    yield text;
  }
  const rest = decoder.decode();
  if (rest) yield crOnly ? rest.replaceAll('\r', '\n') : rest;
}
