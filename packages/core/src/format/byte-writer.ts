/**
 * @module ByteWriter: a growable byte buffer that text encoders write UTF-8 into directly.
 *
 * Hot path. Building a chunk as one long JS string (a rope of per-row strings, flattened and then
 * copied by Buffer.from) spent about a third of generation in the garbage collector; writing bytes
 * into a reused buffer allocates nothing per row. Methods are small so V8 inlines them.
 */

/** The bytes a lone UTF-16 surrogate becomes (U+FFFD), as Buffer.from(s, 'utf8') does. */
const REPLACEMENT = [0xef, 0xbf, 0xbd] as const;

export class ByteWriter {
  buf: Uint8Array;
  pos = 0;

  /** Starts with a fresh buffer of `capacity` bytes, or writes into a lent one. */
  constructor(capacity: number | Uint8Array = 1 << 16) {
    this.buf = typeof capacity === 'number' ? new Uint8Array(capacity) : capacity;
  }

  /** Makes room for `n` more bytes. */
  ensure(n: number): void {
    if (this.pos + n > this.buf.length) this.grow(this.pos + n);
  }

  private grow(need: number): void {
    let cap = this.buf.length * 2;
    while (cap < need) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  /**
   * The bytes written so far as a standalone, exactly sized copy, for bytes that must outlive the
   * writer's next chunk; the writer keeps its buffer and starts over. (Generation avoids it: it
   * hands out `view()`s and recycles the buffers instead.)
   */
  take(): Uint8Array {
    const out = this.buf.slice(0, this.pos);
    this.pos = 0;
    return out;
  }

  /** The bytes written so far, in place: valid until the writer writes again. */
  view(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }

  /** Drops anything written (e.g. a chunk abandoned by an error). */
  reset(): void {
    this.pos = 0;
  }

  byte(c: number): void {
    this.ensure(1);
    this.buf[this.pos++] = c;
  }

  /** Appends `s` as UTF-8 (lone surrogates as U+FFFD, like Buffer.from). */
  text(s: string): void {
    const n = s.length;
    this.ensure(3 * n);
    this.pos = utf8Into(this.buf, this.pos, s, 0, n);
  }
}

/**
 * Writes s[from, to) as UTF-8 at `pos` (room for 3 bytes per code unit must exist); returns the
 * new position. A JS loop beats a native call for the short strings of a row.
 */
export function utf8Into(buf: Uint8Array, pos: number, s: string, from: number, to: number): number {
  let p = pos;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) buf[p++] = c;
    else if (c < 0x800) {
      buf[p++] = 0xc0 | (c >> 6);
      buf[p++] = 0x80 | (c & 63);
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const d = i + 1 < to ? s.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        buf[p++] = 0xf0 | (cp >> 18);
        buf[p++] = 0x80 | ((cp >> 12) & 63);
        buf[p++] = 0x80 | ((cp >> 6) & 63);
        buf[p++] = 0x80 | (cp & 63);
        i++;
      } else {
        buf[p++] = REPLACEMENT[0];
        buf[p++] = REPLACEMENT[1];
        buf[p++] = REPLACEMENT[2];
      }
    } else {
      buf[p++] = 0xe0 | (c >> 12);
      buf[p++] = 0x80 | ((c >> 6) & 63);
      buf[p++] = 0x80 | (c & 63);
    }
  }
  return p;
}

/**
 * A ChunkEncoder that can also write a row as bytes (CSV does). Generation prefers `rowBytes` and
 * falls back to `row` for encoders without it; both must produce the same UTF-8.
 */
export interface ByteRowEncoder {
  rowBytes(values: readonly unknown[], index: number, w: ByteWriter): void;
}

export function hasRowBytes<E extends object>(enc: E): enc is E & ByteRowEncoder {
  return typeof (enc as Partial<ByteRowEncoder>).rowBytes === 'function';
}
