/**
 * @module The sealed-stream file format (version 1), after the STREAM construction of Hoang et al.
 *
 *   header:  "TDMS" | version u8 | segment size u32 BE | team id len u8 | team id utf8
 *            | key id len u8 | key id utf8 | base nonce (12 random bytes)
 *   then:    segments of AES-256-GCM ciphertext||tag; every segment but the last holds exactly
 *            `segment size` plaintext bytes, the last 0..segment size (an empty blob has one
 *            empty final segment).
 *
 * Segment i's nonce is the base nonce XOR (i as u64 BE in bytes 3..10, final flag in byte 11);
 * its AAD is the whole header, the blob name, i and the final flag. So a segment moved to another
 * position, blob, team or file, a dropped or added segment, and a changed header all fail to open.
 */
import { NONCE_BYTES, TAG_BYTES } from './aead.js';

export const MAGIC = Buffer.from('TDMS', 'ascii');
export const FORMAT_VERSION = 1;
export const DEFAULT_SEGMENT_SIZE = 64 * 1024;
/** Larger segment sizes are refused when reading, so a forged header cannot make us buffer much. */
export const MAX_SEGMENT_SIZE = 1024 * 1024;
export { TAG_BYTES };

export interface StreamHeader {
  segmentSize: number;
  teamId: string;
  keyId: string;
  baseNonce: Buffer;
}

export function encodeHeader(h: StreamHeader): Buffer {
  const team = Buffer.from(h.teamId, 'utf8');
  const key = Buffer.from(h.keyId, 'utf8');
  if (team.length > 255 || key.length > 255)
    throw new RangeError('team id and key id must be at most 255 bytes');
  const fixed = Buffer.alloc(5 + 4);
  MAGIC.copy(fixed, 0);
  fixed.writeUInt8(FORMAT_VERSION, 4);
  fixed.writeUInt32BE(h.segmentSize, 5);
  return Buffer.concat([fixed, Buffer.of(team.length), team, Buffer.of(key.length), key, h.baseNonce]);
}

export type HeaderParse = { header: StreamHeader; length: number } | { needMore: true } | { invalid: string };

/** Parses a header from the start of `buf`, asking for more bytes when it is incomplete. */
export function decodeHeader(buf: Buffer): HeaderParse {
  if (buf.length < 10) return { needMore: true };
  if (!buf.subarray(0, 4).equals(MAGIC)) return { invalid: 'not a sealed blob (bad magic)' };
  if (buf[4] !== FORMAT_VERSION) return { invalid: `unsupported format version ${buf[4]}` };
  const segmentSize = buf.readUInt32BE(5);
  if (segmentSize < 1 || segmentSize > MAX_SEGMENT_SIZE)
    return { invalid: `bad segment size ${segmentSize}` };
  const teamLen = buf[9] ?? 0;
  const keyLenAt = 10 + teamLen;
  if (buf.length < keyLenAt + 1) return { needMore: true };
  const keyLen = buf[keyLenAt] ?? 0;
  const nonceAt = keyLenAt + 1 + keyLen;
  const length = nonceAt + NONCE_BYTES;
  if (buf.length < length) return { needMore: true };
  return {
    length,
    header: {
      segmentSize,
      teamId: buf.toString('utf8', 10, keyLenAt),
      keyId: buf.toString('utf8', keyLenAt + 1, nonceAt),
      baseNonce: Buffer.from(buf.subarray(nonceAt, length)),
    },
  };
}

/** Per-segment nonce: base nonce XOR (counter, final flag). */
export function segmentNonce(base: Buffer, index: number, final: boolean): Buffer {
  const nonce = Buffer.from(base);
  const mix = Buffer.alloc(NONCE_BYTES);
  mix.writeBigUInt64BE(BigInt(index), 3);
  mix[11] = final ? 1 : 0;
  for (let i = 0; i < NONCE_BYTES; i++) nonce[i] = (nonce[i] ?? 0) ^ (mix[i] ?? 0);
  return nonce;
}

/** The AAD prefix shared by all segments of one blob: header and blob name, length-prefixed. */
export function aadPrefix(header: Buffer, name: string): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  const lens = Buffer.alloc(8);
  lens.writeUInt32BE(header.length, 0);
  lens.writeUInt32BE(nameBytes.length, 4);
  return Buffer.concat([lens, header, nameBytes, Buffer.alloc(9)]);
}

/** Fills the last 9 bytes of an AAD prefix with the segment index and final flag (in place). */
export function segmentAad(prefix: Buffer, index: number, final: boolean): Buffer {
  prefix.writeBigUInt64BE(BigInt(index), prefix.length - 9);
  prefix[prefix.length - 1] = final ? 1 : 0;
  return prefix;
}
