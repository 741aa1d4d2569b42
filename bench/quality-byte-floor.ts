/**
 * @module How low the floor of a check could go without strings: the floor pass of the quality
 * bench (every row read, keys customers.id, customers.email and orders.id added to their sets,
 * orders.customer_id looked up, the three date columns parsed, each order's date compared with
 * its customer's created_at) done on the file's bytes, with no string made for any cell, next to
 * the same pass through the checker's reader in the same run. Hand-written for the reference
 * schema's CSV (unquoted ASCII, columns in schema order); it answers one question for
 * docs/decisions/0003: would a byte-level engine leave room for the rules and the profiles
 * within the generator's time? Not a test; nothing asserts a time.
 *
 *   npm run build && node packages/cli/bin/tdm.js generate bench/reference-schema.yaml --out /tmp/ref
 *   node --import tsx bench/quality-byte-floor.ts /tmp/ref
 */
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { FingerprintSet } from '../packages/core/src/quality/fingerprint-set.js';
import { fingerprint, fmix, fp } from '../packages/core/src/quality/hash.js';
import { instantOf } from '../packages/core/src/quality/instant.js';
import { openDataset } from '../packages/core/src/quality/read/index.js';

const COMMA = 44;
const LF = 10;
const CHUNK = 1 << 20;

/**
 * `fingerprint` of the ASCII text in b[s, e), read from the bytes (checked against it below).
 * The mixing step is written out twice: a shared inner closure would be allocated per call.
 */
function fingerprintBytes(b: Uint8Array, s: number, e: number): void {
  const n = e - s;
  let a = 0x9747b28c ^ n;
  let c2 = 0x5bd1e995 ^ n;
  const even = s + (n & ~1);
  let i = s;
  for (; i < even; i += 2) {
    const c = (b[i] as number) | ((b[i + 1] as number) << 16);
    a = Math.imul(a ^ c, 0xcc9e2d51);
    a = (a << 15) | (a >>> 17);
    c2 = Math.imul(c2 ^ c, 0x1b873593);
    c2 = (c2 << 13) | (c2 >>> 19);
    c2 = Math.imul(c2, 5) + 0xe6546b64;
  }
  if (i < e) {
    const c = b[i] as number;
    a = Math.imul(a ^ c, 0xcc9e2d51);
    a = (a << 15) | (a >>> 17);
    c2 = Math.imul(c2 ^ c, 0x1b873593);
    c2 = (c2 << 13) | (c2 >>> 19);
    c2 = Math.imul(c2, 5) + 0xe6546b64;
  }
  fp.h1 = fmix(a);
  fp.h2 = fmix(c2 ^ 0x27d4eb2f);
}

const two = (b: Uint8Array, i: number): number => ((b[i] as number) - 48) * 10 + (b[i + 1] as number) - 48;

function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/** Epoch ms of YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS[.mmm]Z in b[s, e) (tdm's canonical forms). */
function instantBytes(b: Uint8Array, s: number, e: number): number {
  const day = daysFromCivil(two(b, s) * 100 + two(b, s + 2), two(b, s + 5), two(b, s + 8)) * 86_400_000;
  if (e - s === 10) return day;
  const ms = e - s === 24 ? two(b, s + 20) * 10 + (b[s + 22] as number) - 48 : 0;
  return day + ((two(b, s + 11) * 60 + two(b, s + 14)) * 60 + two(b, s + 17)) * 1000 + ms;
}

function integerBytes(b: Uint8Array, s: number, e: number): number {
  let v = 0;
  for (let i = s; i < e; i++) v = v * 10 + (b[i] as number) - 48;
  return v;
}

/** Whole lines of `file` after its header: (buffer, start, end) per chunk. */
async function* lineChunks(file: string): AsyncGenerator<[Buffer, number, number]> {
  const fh = await open(file);
  try {
    const buf = Buffer.alloc(CHUNK * 2);
    let have = 0;
    let header = true;
    for (;;) {
      const { bytesRead } = await fh.read(buf, have, CHUNK, null);
      const end = have + bytesRead;
      const last = bytesRead === 0 ? end : buf.lastIndexOf(LF, end - 1);
      const start = header ? buf.indexOf(LF) + 1 : 0;
      header = false;
      yield [buf, start, last];
      if (bytesRead === 0) return;
      buf.copy(buf, 0, last + 1, end);
      have = end - last - 1;
    }
  } finally {
    await fh.close();
  }
}

/** Calls `row(b, starts, ends)` for every line, its fields split at commas. */
async function eachRow(
  file: string,
  row: (b: Buffer, starts: Int32Array, ends: Int32Array) => void,
): Promise<number> {
  const starts = new Int32Array(64);
  const ends = new Int32Array(64);
  let n = 0;
  for await (const [b, from, to] of lineChunks(file)) {
    let p = from;
    while (p < to) {
      let nl = b.indexOf(LF, p);
      if (nl < 0 || nl > to) nl = to;
      let f = 0;
      starts[0] = p;
      for (let i = p; i < nl && f < 63; i++) {
        if (b[i] === COMMA) {
          ends[f++] = i;
          starts[f] = i + 1;
        }
      }
      ends[f] = nl;
      row(b, starts, ends);
      n++;
      p = nl + 1;
    }
  }
  return n;
}

async function byteFloor(dir: string): Promise<{ rows: number; bad: number }> {
  const ids = new FingerprintSet();
  const emails = new FingerprintSet();
  const orderIds = new FingerprintSet();
  const createdAt: number[] = [];
  let bad = 0;
  // customers: id 0, email 3, birth_date 5, created_at 8; orders: id 0, customer_id 1, order_date 2.
  let rows = await eachRow(join(dir, 'customers.csv'), (b, s, e) => {
    fingerprintBytes(b, s[0] as number, e[0] as number);
    if (ids.add(fp.h1, fp.h2) >= 0) createdAt.push(instantBytes(b, s[8] as number, e[8] as number));
    else bad++;
    fingerprintBytes(b, s[3] as number, e[3] as number);
    if (emails.add(fp.h1, fp.h2) < 0) bad++;
    if (Number.isNaN(instantBytes(b, s[5] as number, e[5] as number))) bad++;
  });
  rows += await eachRow(join(dir, 'orders.csv'), (b, s, e) => {
    fingerprint(integerBytes(b, s[0] as number, e[0] as number));
    if (orderIds.add(fp.h1, fp.h2) < 0) bad++;
    fingerprintBytes(b, s[1] as number, e[1] as number);
    const parent = ids.get(fp.h1, fp.h2);
    const t = instantBytes(b, s[2] as number, e[2] as number);
    if (parent < 0 || !(t >= (createdAt[parent] as number))) bad++;
  });
  return { rows, bad };
}

/** The same pass through the checker's reader (typed rows of strings and numbers). */
async function readerFloor(dir: string): Promise<{ rows: number; bad: number }> {
  const dataset = await openDataset([dir]);
  const entity = (name: string) => dataset.entities.find((x) => x.name === name);
  const time = (v: unknown): number => (typeof v === 'string' ? (instantOf(v) ?? NaN) : NaN);
  const ids = new FingerprintSet();
  const emails = new FingerprintSet();
  const orderIds = new FingerprintSet();
  const createdAt: number[] = [];
  let rows = 0;
  let bad = 0;
  for await (const batch of entity('customers')?.batches() ?? []) {
    for (const row of batch) {
      fingerprint(row[0] ?? null);
      if (ids.add(fp.h1, fp.h2) >= 0) createdAt.push(time(row[8]));
      else bad++;
      fingerprint(row[3] ?? null);
      if (emails.add(fp.h1, fp.h2) < 0) bad++;
      if (Number.isNaN(time(row[5]))) bad++;
    }
    rows += batch.length;
  }
  for await (const batch of entity('orders')?.batches() ?? []) {
    for (const row of batch) {
      fingerprint(row[0] ?? null);
      if (orderIds.add(fp.h1, fp.h2) < 0) bad++;
      fingerprint(row[1] ?? null);
      const parent = ids.get(fp.h1, fp.h2);
      if (parent < 0 || !(time(row[2]) >= (createdAt[parent] as number))) bad++;
    }
    rows += batch.length;
  }
  return { rows, bad };
}

async function timed(label: string, run: () => Promise<{ rows: number; bad: number }>): Promise<void> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const { rows, bad } = await run();
  const ms = performance.now() - t0;
  const used = process.cpuUsage(cpu0);
  if (bad !== 0) throw new Error(`${label}: ${bad} bad keys or dates: not the reference data?`);
  console.log(
    `${label.padEnd(34)} ${rows} rows  wall ${Math.round(ms)} ms  cpu ${Math.round((used.user + used.system) / 1000)} ms`,
  );
}

async function main(): Promise<void> {
  const dir = process.argv[2] ?? '/tmp/ref';
  // The byte path must hash exactly as the checker does, or its sets would not be the same work.
  const sample = Buffer.from('2a382a02-599d-42fd-bc58-7b85eb8c9797');
  fingerprintBytes(sample, 0, sample.length);
  const fromBytes = [fp.h1, fp.h2];
  fingerprint(sample.toString('latin1'));
  if (fromBytes[0] !== fp.h1 || fromBytes[1] !== fp.h2) throw new Error('byte fingerprints differ');
  if (instantBytes(Buffer.from('2023-05-14T16:04:27Z'), 0, 20) !== instantOf('2023-05-14T16:04:27Z'))
    throw new Error('byte instants differ');
  for (let round = 0; round < 3; round++) {
    await timed('floor through the reader (strings)', () => readerFloor(dir));
    await timed('floor on bytes (no strings)', () => byteFloor(dir));
  }
}

await main();
