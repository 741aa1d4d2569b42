/**
 * @module Unpacking a downloaded version zip: a zip as the server writes it (yazl, zip64 forced)
 * lands whole; hostile zips (path traversal, absolute names, symlinks, duplicates, size lies, bad
 * CRC, files the manifest does not list or checksums it disagrees with) are refused with a coded
 * error and leave the target directory as it was.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { crc32, deflateRawSync } from 'node:zlib';
import yazl from 'yazl';
import { unpackVersionZip } from './download.js';

interface Entry {
  name: string;
  data: Buffer;
  deflate?: boolean;
  /** A lie about the inflated size, for the zip-bomb case. */
  size?: number;
  crc?: number;
  unixMode?: number;
}

/** A minimal zip writer, so the tests can write what no honest writer would. */
function zip(entries: Entry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const body = e.deflate ? deflateRawSync(e.data) : e.data;
    const name = Buffer.from(e.name, 'utf8');
    const crc = e.crc ?? crc32(e.data);
    const size = e.size ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(e.deflate ? 8 : 0, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(e.deflate ? 8 : 0, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((e.unixMode ?? 0o100644) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const CSV = Buffer.from('id,name\r\n1,Ann\r\n2,Bob\r\n');
const SQL = Buffer.from('CREATE TABLE t (id int);\n');
const MANIFEST = {
  format: 'csv',
  entities: {
    customers: { rows: 2, files: [{ name: 'customers.csv', bytes: CSV.length, sha256: sha(CSV) }] },
  },
  files: [{ name: 'schema.sql', bytes: SQL.length, sha256: sha(SQL) }],
};
const MANIFEST_JSON = Buffer.from(JSON.stringify(MANIFEST, null, 2));
const GOOD: Entry[] = [
  { name: 'customers.csv', data: CSV, deflate: true },
  { name: 'manifest.json', data: MANIFEST_JSON },
  { name: 'schema.sql', data: SQL },
];

let dir: string;
let n = 0;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tdm-unzip-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Unpacks `bytes` into a fresh root inside a fresh parent; returns both for inspection. */
async function unpack(bytes: Buffer, manifest: Record<string, unknown> = MANIFEST) {
  const parent = join(dir, `case-${n++}`);
  const root = join(parent, 'out');
  const staging = join(root, '.staging');
  await mkdir(staging, { recursive: true });
  await writeFile(join(root, 'keep.txt'), 'mine');
  const zipPath = join(parent, 'v.zip');
  await writeFile(zipPath, bytes);
  const result = unpackVersionZip(zipPath, manifest, root, staging);
  return { result, root, parent, staging };
}

async function refused(bytes: Buffer, code: string, message: RegExp, manifest?: Record<string, unknown>) {
  const { result, root, parent } = await unpack(bytes, manifest);
  await assert.rejects(result, (e: Error & { code?: string }) => {
    assert.equal(e.code, code);
    assert.match(e.message, message);
    return true;
  });
  assert.deepEqual((await readdir(root)).sort(), ['.staging', 'keep.txt'], 'the target is as it was');
  assert.deepEqual((await readdir(parent)).sort(), ['out', 'v.zip'], 'nothing written beside it');
}

describe('unpackVersionZip', () => {
  test('a zip as the server writes it (yazl, zip64) lands whole and verified', async () => {
    const z = new yazl.ZipFile();
    for (const e of GOOD)
      z.addBuffer(e.data, e.name, { forceZip64Format: true, compress: e.deflate === true });
    z.end({ forceZip64Format: true, comment: '' });
    const chunks: Buffer[] = [];
    for await (const c of z.outputStream) chunks.push(c as Buffer);
    const { result, root } = await unpack(Buffer.concat(chunks));
    assert.deepEqual(await result, ['customers.csv', 'schema.sql', 'manifest.json']);
    assert.ok((await readFile(join(root, 'customers.csv'))).equals(CSV));
    assert.ok((await readFile(join(root, 'manifest.json'))).equals(MANIFEST_JSON));
    assert.equal(await readFile(join(root, 'keep.txt'), 'utf8'), 'mine');
  });

  test('the hand-written zip of the same files is accepted too', async () => {
    const { result } = await unpack(zip(GOOD));
    assert.equal((await result).length, 3);
  });

  for (const name of ['../customers.csv', '/etc/customers.csv', 'sub/customers.csv', '..\\customers.csv']) {
    test(`an entry named ${JSON.stringify(name)} is refused`, async () => {
      await refused(
        zip([...GOOD, { name, data: CSV }]),
        'REMOTE_DOWNLOAD_UNSAFE',
        /which the version's manifest does not list/,
      );
    });
  }

  test('a manifest naming a path instead of a file is refused', async () => {
    const manifest = { ...MANIFEST, files: [{ name: '../schema.sql', bytes: SQL.length, sha256: sha(SQL) }] };
    await refused(zip(GOOD), 'REMOTE_DOWNLOAD_UNSAFE', /not a plain file name: "..\/schema.sql"/, manifest);
  });

  test('a symlink entry is refused', async () => {
    const entries = GOOD.map((e) => (e.name === 'schema.sql' ? { ...e, unixMode: 0o120777 } : e));
    await refused(zip(entries), 'REMOTE_DOWNLOAD_UNSAFE', /"schema.sql" is not a regular file/);
  });

  test('a duplicate entry is refused', async () => {
    await refused(zip([...GOOD, GOOD[0] as Entry]), 'REMOTE_DOWNLOAD_UNSAFE', /holds "customers.csv" twice/);
  });

  test('an entry inflating beyond its declared size stops there (zip bomb)', async () => {
    const bomb = Buffer.alloc(4 << 20, 0x41);
    const entries = GOOD.map((e) =>
      e.name === 'customers.csv' ? { ...e, data: bomb, size: CSV.length } : e,
    );
    await refused(zip(entries), 'REMOTE_DOWNLOAD_UNSAFE', /inflates beyond its \d+ bytes/);
  });

  test('a CRC-32 that does not match is refused', async () => {
    const entries = GOOD.map((e) => (e.name === 'schema.sql' ? { ...e, crc: 1234 } : e));
    await refused(zip(entries), 'REMOTE_DOWNLOAD_UNSAFE', /"schema.sql" fails its CRC-32/);
  });

  test("a file whose sha256 is not the manifest's is refused", async () => {
    const forged = Buffer.from('id,name\r\n1,Eve\r\n2,Bob\r\n');
    const entries = GOOD.map((e) => (e.name === 'customers.csv' ? { ...e, data: forged } : e));
    await refused(
      zip(entries),
      'REMOTE_CHECKSUM_MISMATCH',
      /customers.csv: sha256 [0-9a-f]{64} .*the manifest says/,
    );
  });

  test('a missing file or manifest.json is refused', async () => {
    await refused(zip(GOOD.slice(0, 2)), 'REMOTE_CHECKSUM_MISMATCH', /lacks schema.sql/);
    await refused(
      zip(GOOD.filter((e) => e.name !== 'manifest.json')),
      'REMOTE_CHECKSUM_MISMATCH',
      /lacks manifest.json/,
    );
  });

  test('a manifest.json that disagrees with the version is refused', async () => {
    const other = Buffer.from(JSON.stringify({ ...MANIFEST, files: [] }));
    const entries = GOOD.map((e) => (e.name === 'manifest.json' ? { ...e, data: other } : e));
    await refused(zip(entries), 'REMOTE_CHECKSUM_MISMATCH', /manifest.json disagrees/);
  });

  test('a file that is not a zip is refused', async () => {
    await refused(
      Buffer.from('<html>502 Bad Gateway</html>'),
      'REMOTE_DOWNLOAD_UNSAFE',
      /no end of central directory/,
    );
  });
});
