/**
 * @module Network addresses: IPv4 (optionally inside a CIDR block), IPv6 and MAC addresses, each
 * with a value space so `unique: true` works by bijection.
 */
import { z } from 'zod';
import { TdmError } from '../errors/index.js';
import { injectiveWords } from './injective.js';
import { defineGenerator } from './types.js';

const OCTET: string[] = Array.from({ length: 256 }, (_, i) => String(i));
const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

function ipv4Text(a: number): string {
  return (
    (OCTET[a >>> 24] as string) +
    '.' +
    OCTET[(a >>> 16) & 255] +
    '.' +
    OCTET[(a >>> 8) & 255] +
    '.' +
    OCTET[a & 255]
  );
}

/** Parses `10.0.0.0/8` into the block's first address and size. */
function parseCidr(cidr: string, path: string): { base: number; size: number } {
  const m = CIDR.exec(cidr.trim());
  const octets = m ? m.slice(1, 5).map(Number) : [];
  const prefix = m ? Number(m[5]) : -1;
  if (!m || octets.some((o) => o > 255) || prefix > 32) {
    throw new TdmError('SCHEMA_TYPE_INVALID', `${path}.cidr: "${cidr}" is not an IPv4 block like 10.0.0.0/8`);
  }
  const addr = octets.reduce((a, o) => a * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  return { base: addr - (addr % size), size };
}

export const ipv4 = defineGenerator({
  name: 'internet.ipv4',
  description: 'IPv4 addresses in dotted form, anywhere or inside a CIDR block.',
  example: { type: 'internet.ipv4', cidr: '10.0.0.0/8', unique: true },
  params: z
    .object({
      cidr: z
        .string()
        .optional()
        .describe('Stay inside this block, e.g. 192.168.0.0/16 (default 0.0.0.0/0).'),
    })
    .strict(),
  compile(p, ctx) {
    const { base, size } = parseCidr(p.cidr ?? '0.0.0.0/0', ctx.path);
    return {
      kind: 'string',
      maxLength: 15,
      draw: (rng) => ipv4Text(base + rng.below(size)),
      capacity: size,
      at: (k) => ipv4Text(base + k),
    };
  },
});

function hex16(w: number): string {
  return (HEX[(w >>> 8) & 255] as string) + HEX[w & 255];
}

/** Eight full 16-bit groups from four 32-bit words (no `::` shortening, so lengths are fixed). */
function ipv6Text(w0: number, w1: number, w2: number, w3: number): string {
  return (
    hex16(w0 >>> 16) +
    ':' +
    hex16(w0) +
    ':' +
    hex16(w1 >>> 16) +
    ':' +
    hex16(w1) +
    ':' +
    hex16(w2 >>> 16) +
    ':' +
    hex16(w2) +
    ':' +
    hex16(w3 >>> 16) +
    ':' +
    hex16(w3)
  );
}

export const ipv6 = defineGenerator({
  name: 'internet.ipv6',
  description: 'IPv6 addresses, eight full lowercase hex groups.',
  example: { type: 'internet.ipv6' },
  params: z.object({}).strict(),
  compile(_p, ctx) {
    const seed = ctx.seed;
    return {
      kind: 'string',
      maxLength: 39,
      draw: (rng) => ipv6Text(rng.next(), rng.next(), rng.next(), rng.next()),
      capacity: 2 ** 52,
      compact: true,
      // Word 0 is a bijection of k's low 32 bits, word 3 carries its high bits under a mask: injective.
      at: (k) => injectiveWords(k, seed, 0, ipv6Text),
    };
  },
});

export const mac = defineGenerator({
  name: 'internet.mac',
  description: 'MAC addresses, six hex bytes with a separator.',
  example: { type: 'internet.mac', separator: ':' },
  params: z
    .object({
      separator: z.enum([':', '-', '']).optional().describe('Between bytes (default ":").'),
    })
    .strict(),
  compile(p) {
    const sep = p.separator ?? ':';
    const text = (hi: number, lo: number): string =>
      (HEX[(hi >>> 8) & 255] as string) +
      sep +
      HEX[hi & 255] +
      sep +
      HEX[lo >>> 24] +
      sep +
      HEX[(lo >>> 16) & 255] +
      sep +
      HEX[(lo >>> 8) & 255] +
      sep +
      HEX[lo & 255];
    return {
      kind: 'string',
      maxLength: 12 + 5 * sep.length,
      draw: (rng) => text(rng.next() & 0xffff, rng.next()),
      capacity: 2 ** 48,
      at: (k) => text(Math.floor(k / 4294967296), k >>> 0),
    };
  },
});
