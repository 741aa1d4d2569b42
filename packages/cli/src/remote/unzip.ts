/**
 * @module Reading a downloaded zip safely: the central directory (zip64 included) is parsed from
 * the file, and each wanted entry is inflated in a stream into a file of the caller's choosing,
 * never past the size the caller expects, with its sha256 and CRC-32 computed on the way. Entry
 * names are checked by the caller against what it expects; nothing here trusts a name as a path.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw, crc32 } from 'node:zlib';
import { remoteError } from './errors.js';

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
  /** Unix mode bits when the zip was made on Unix (symlinks, directories), else 0. */
  unixMode: number;
}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_ENTRIES = 100_000;

function unsafe(message: string): Error {
  return remoteError('REMOTE_DOWNLOAD_UNSAFE', `downloaded zip: ${message}`);
}

async function readAt(
  fd: Awaited<ReturnType<typeof open>>,
  position: number,
  length: number,
): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fd.read(buf, 0, length, position);
  if (bytesRead !== length) throw unsafe('truncated');
  return buf;
}

function u64(buf: Buffer, at: number): number {
  const n = buf.readBigUInt64LE(at);
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw unsafe('a size beyond 2^53');
  return Number(n);
}

/** Lists the entries of the zip at `path` from its central directory. */
export async function listZip(path: string): Promise<ZipEntry[]> {
  const fd = await open(path, 'r');
  try {
    const { size } = await fd.stat();
    if (size < 22) throw unsafe('too short to be a zip');
    const tailLength = Math.min(size, 22 + 0xffff);
    const tail = await readAt(fd, size - tailLength, tailLength);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw unsafe('no end of central directory');
    let count = tail.readUInt16LE(eocd + 10);
    let cdSize = tail.readUInt32LE(eocd + 12);
    let cdOffset = tail.readUInt32LE(eocd + 16);
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      const loc = eocd - 20;
      if (loc < 0 || tail.readUInt32LE(loc) !== EOCD64_LOCATOR) throw unsafe('zip64 locator missing');
      const at = u64(tail, loc + 8);
      const rec = await readAt(fd, at, 56);
      if (rec.readUInt32LE(0) !== EOCD64) throw unsafe('zip64 end record missing');
      count = u64(rec, 32);
      cdSize = u64(rec, 40);
      cdOffset = u64(rec, 48);
    }
    if (count > MAX_ENTRIES) throw unsafe(`${count} entries`);
    if (cdOffset + cdSize > size) throw unsafe('central directory beyond the end of the file');
    const cd = await readAt(fd, cdOffset, cdSize);
    const entries: ZipEntry[] = [];
    let p = 0;
    for (let i = 0; i < count; i++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL) throw unsafe('bad central directory');
      const madeBy = cd.readUInt16LE(p + 4) >> 8;
      const flags = cd.readUInt16LE(p + 8);
      const method = cd.readUInt16LE(p + 10);
      const crc = cd.readUInt32LE(p + 16);
      let compressedSize = cd.readUInt32LE(p + 20);
      let uncompressed = cd.readUInt32LE(p + 24);
      const nameLength = cd.readUInt16LE(p + 28);
      const extraLength = cd.readUInt16LE(p + 30);
      const commentLength = cd.readUInt16LE(p + 32);
      const external = cd.readUInt32LE(p + 38);
      let offset = cd.readUInt32LE(p + 42);
      const end = p + 46 + nameLength + extraLength + commentLength;
      if (end > cd.length) throw unsafe('bad central directory');
      const name = cd.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLength);
      // Zip64 sizes live in extra field 0x0001, in this order, only for the fields that overflowed.
      for (let x = p + 46 + nameLength; x + 4 <= p + 46 + nameLength + extraLength;) {
        const id = cd.readUInt16LE(x);
        const len = cd.readUInt16LE(x + 2);
        if (id === 0x0001) {
          let y = x + 4;
          if (uncompressed === 0xffffffff) {
            uncompressed = u64(cd, y);
            y += 8;
          }
          if (compressedSize === 0xffffffff) {
            compressedSize = u64(cd, y);
            y += 8;
          }
          if (offset === 0xffffffff) offset = u64(cd, y);
        }
        x += 4 + len;
      }
      entries.push({
        name,
        method,
        flags,
        crc32: crc,
        compressedSize,
        size: uncompressed,
        localHeaderOffset: offset,
        unixMode: madeBy === 3 ? external >>> 16 : 0,
      });
      p = end;
    }
    return entries;
  } finally {
    await fd.close();
  }
}

/** Counts and hashes bytes; fails as soon as more than `limit` arrive (a zip bomb stops there). */
class Measure extends Transform {
  bytes = 0;
  crc = 0;
  readonly hash = createHash('sha256');
  constructor(private readonly limit: number) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.limit) return cb(unsafe(`an entry inflates beyond its ${this.limit} bytes`));
    this.hash.update(chunk);
    this.crc = crc32(chunk, this.crc);
    cb(null, chunk);
  }
}

/**
 * Inflates `entry` of the zip at `zipPath` into `target` (a path the caller chose). Fails unless
 * the entry is a plain stored/deflated file whose size and CRC-32 match its directory record.
 * Returns the sha256 of what was written.
 */
export async function extractEntry(zipPath: string, entry: ZipEntry, target: string): Promise<string> {
  if (entry.flags & 0x1) throw unsafe(`"${entry.name}" is encrypted`);
  if (entry.method !== 0 && entry.method !== 8)
    throw unsafe(`"${entry.name}" uses compression ${entry.method}`);
  const type = entry.unixMode & 0o170000;
  if (type !== 0 && type !== 0o100000) throw unsafe(`"${entry.name}" is not a regular file`);
  const fd = await open(zipPath, 'r');
  let dataStart: number;
  try {
    const header = await readAt(fd, entry.localHeaderOffset, 30);
    if (header.readUInt32LE(0) !== LOCAL) throw unsafe(`"${entry.name}" has no local header`);
    dataStart = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  } finally {
    await fd.close();
  }
  const measure = new Measure(entry.size);
  const source = createReadStream(zipPath, {
    start: dataStart,
    end: dataStart + entry.compressedSize - 1,
  });
  const out = createWriteStream(target, { flags: 'wx', mode: 0o644 });
  if (entry.compressedSize === 0) {
    source.destroy();
    await new Promise<void>((ok, fail) => out.end((e?: Error | null) => (e ? fail(e) : ok())));
  } else if (entry.method === 8) await pipeline(source, createInflateRaw(), measure, out);
  else await pipeline(source, measure, out);
  if (measure.bytes !== entry.size)
    throw unsafe(`"${entry.name}" is ${measure.bytes} bytes, its record says ${entry.size}`);
  if (measure.crc >>> 0 !== entry.crc32) throw unsafe(`"${entry.name}" fails its CRC-32`);
  return measure.hash.digest('hex');
}
