/**
 * @module UUIDs: v4 (random) and v7 (time-ordered), formatted without allocation beyond the string.
 */
import { z } from 'zod';
import { injectiveWords } from './injective.js';
import { defineGenerator } from './types.js';

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** ASCII codes of each byte's two hex digits. */
const HEX_CODES = new Uint8Array(512);
for (let i = 0; i < 256; i++) {
  HEX_CODES[2 * i] = (HEX[i] as string).charCodeAt(0);
  HEX_CODES[2 * i + 1] = (HEX[i] as string).charCodeAt(1);
}
/** The 36 character codes of the UUID being formatted (dashes stay in place). */
const codes: number[] = new Array<number>(36).fill(45);

function putByte(p: number, b: number): void {
  codes[p] = HEX_CODES[b << 1] as number;
  codes[p + 1] = HEX_CODES[(b << 1) + 1] as number;
}

/**
 * Formats four 32-bit words as a UUID string, forcing version and variant bits.
 *
 * Hot path: one String.fromCharCode call makes a flat string. Twenty `+` pieces made a rope that
 * every writer then had to flatten (~6% of CSV generation of the bench schema).
 */
export function formatUuid(w0: number, w1: number, w2: number, w3: number, version: number): string {
  w1 = ((w1 & 0xffff0fff) | (version << 12)) >>> 0;
  w2 = ((w2 & 0x3fffffff) | 0x80000000) >>> 0;
  putByte(0, w0 >>> 24);
  putByte(2, (w0 >>> 16) & 255);
  putByte(4, (w0 >>> 8) & 255);
  putByte(6, w0 & 255);
  putByte(9, w1 >>> 24);
  putByte(11, (w1 >>> 16) & 255);
  putByte(14, (w1 >>> 8) & 255);
  putByte(16, w1 & 255);
  putByte(19, w2 >>> 24);
  putByte(21, (w2 >>> 16) & 255);
  putByte(24, (w2 >>> 8) & 255);
  putByte(26, w2 & 255);
  putByte(28, w3 >>> 24);
  putByte(30, (w3 >>> 16) & 255);
  putByte(32, (w3 >>> 8) & 255);
  putByte(34, w3 & 255);
  return String.fromCharCode.apply(null, codes);
}

export const uuid = defineGenerator({
  name: 'uuid',
  description: 'RFC 9562 UUIDs: v4 random, or v7 ordered by row (unique by construction).',
  example: { type: 'uuid', version: 7 },
  params: z
    .object({
      version: z
        .union([z.literal(4), z.literal(7)])
        .optional()
        .describe('4 (default) or 7.'),
    })
    .strict(),
  compile(p, ctx) {
    const seed = ctx.seed;
    if (p.version === 7) {
      // 48-bit millisecond timestamps one apart per row, ending at "now": distinct for every row.
      const base = ctx.now - ctx.rowCount;
      return {
        kind: 'uuid',
        maxLength: 36,
        uniqueByRow: true,
        draw: (rng, row) => {
          const ms = base + row;
          const hi = Math.floor(ms / 65536);
          const lo = ms - hi * 65536;
          return formatUuid(hi >>> 0, ((lo << 16) | (rng.next() & 0xffff)) >>> 0, rng.next(), rng.next(), 7);
        },
      };
    }
    return {
      kind: 'uuid',
      maxLength: 36,
      draw: (rng) => formatUuid(rng.next(), rng.next(), rng.next(), rng.next(), 4),
      capacity: 2 ** 52,
      compact: true,
      // Word 0 is a bijection of the low 32 bits of k; word 3 is a mask derived from them XOR the high bits: injective.
      at: (k) => injectiveWords(k, seed, 12, (w0, w1, w2, w3) => formatUuid(w0, w1, w2, w3, 4)),
    };
  },
});
