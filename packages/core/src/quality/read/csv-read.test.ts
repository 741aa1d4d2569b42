/**
 * @module CSV/TSV records: RFC 4180 quoting, line ends, chunk splits anywhere, round trips of
 * core's writer (property), and hostile input ending in coded errors with the line.
 */
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { csvField } from '../../format/index.js';
import { TdmError } from '../../errors/index.js';
import { csvRecords, csvRecordsOf, looksLikeHeader, sniffDelimiter } from './csv-read.js';
import { collect, pieces, tempDir } from './testing.js';

const read = (text: string, cuts: number[] = [], delimiter = ','): Promise<(string | null)[][]> =>
  collect(csvRecordsOf('t.csv', pieces(text, cuts), { delimiter }));

test('quoted fields keep delimiters, doubled quotes and line breaks; empty is null, "" is ""', async () => {
  const text = 'a,b,c\r\n"x, y","say ""hi""","two\r\nlines"\r\n,"",z\n\n1,2,3';
  assert.deepEqual(await read(text), [
    ['a', 'b', 'c'],
    ['x, y', 'say "hi"', 'two\r\nlines'],
    [null, '', 'z'],
    ['1', '2', '3'],
  ]);
});

test('records split across chunks at every offset read the same', async () => {
  const text = 'id,note\r\n1,"a ""quoted""\nnote"\r\n2,plain\r\n3,"end"';
  const whole = await read(text);
  for (let cut = 1; cut < text.length; cut++) assert.deepEqual(await read(text, [cut]), whole, `cut ${cut}`);
});

test('any table of strings and nulls written by core’s CSV writer reads back identically', async () => {
  const cell = fc.option(fc.string({ unit: 'binary' }), { nil: null, freq: 5 });
  await fc.assert(
    fc.asyncProperty(
      fc
        .integer({ min: 2, max: 5 })
        .chain((w) => fc.array(fc.array(cell, { minLength: w, maxLength: w }), { maxLength: 20 })),
      fc.array(fc.nat(400), { maxLength: 4 }),
      async (rows, cuts) => {
        const text = rows
          .map((r) => r.map((v) => (v === null ? '' : csvField(v))).join(',') + '\r\n')
          .join('');
        assert.deepEqual(await read(text, cuts), rows);
      },
    ),
    { numRuns: 300 },
  );
});

test('a one-column file keeps its null rows (blank lines)', async () => {
  assert.deepEqual(await read('v\r\na\r\n\r\nb\r\n'), [['v'], ['a'], [null], ['b']]);
});

test('a file with a BOM, old-Mac CR line ends, gzip', async (t) => {
  const dir = await tempDir(t);
  const bom = join(dir, 'bom.csv');
  await writeFile(bom, '\uFEFFid;name\r1;Ann\r2;Bo\r');
  assert.deepEqual(await collect(csvRecords(bom, { delimiter: ';' })), [
    ['id', 'name'],
    ['1', 'Ann'],
    ['2', 'Bo'],
  ]);
  const gz = join(dir, 'x.csv.gz');
  await writeFile(gz, gzipSync('a,b\n1,2\n'));
  assert.deepEqual(await collect(csvRecords(gz, { delimiter: ',' })), [
    ['a', 'b'],
    ['1', '2'],
  ]);
});

test('a character cut by the 1 MiB read boundary, then ASCII chunks, then more UTF-8', async (t) => {
  const dir = await tempDir(t);
  const file = join(dir, 'utf8.csv');
  // After the BOM (3 bytes) and "v\n", "é" takes bytes 2^20 - 1 and 2^20: the first read ends
  // inside it.
  const long = 'x'.repeat((1 << 20) - 6) + 'éy';
  const tail = Array.from({ length: 5000 }, (_v, i) => (i === 4000 ? 'ü€😀' : 'z' + i));
  await writeFile(file, '\uFEFFv\n' + long + '\n' + 'a'.repeat(1 << 20) + '\n' + tail.join('\n') + '\n');
  const bytes = await readFile(file);
  assert.deepEqual([...bytes.subarray((1 << 20) - 1, (1 << 20) + 1)], [0xc3, 0xa9]);
  const rows = await collect(csvRecords(file, { delimiter: ',' }));
  assert.deepEqual(rows, [['v'], [long], ['a'.repeat(1 << 20)], ...tail.map((v) => [v])]);
});

test('sniffs the delimiter and the header', () => {
  assert.equal(sniffDelimiter('a;b;c\n1;2,5;3\n4;5;6\n'), ';');
  assert.equal(sniffDelimiter('a\tb\n1\t2\n'), '\t');
  assert.equal(sniffDelimiter('a|b|c\n"x|y"|2|3\n'), '|');
  assert.equal(sniffDelimiter('just one column\nvalue\n'), ',');
  assert.equal(looksLikeHeader(['id', 'name', 'born']), true);
  assert.equal(looksLikeHeader(['1', 'Ann', '1990-01-01']), false);
  assert.equal(looksLikeHeader(['id', 'id']), false);
  assert.equal(looksLikeHeader(['id', null]), false);
});

async function rejects(p: Promise<unknown>, code: string, message: RegExp): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof TdmError, String(e));
    assert.equal(e.code, code);
    assert.match(e.message, message);
    return true;
  });
}

test('hostile CSV: coded errors naming the file and line', async (t) => {
  await rejects(read('a,b\n1,2\n3\n'), 'DATASET_ROW_MALFORMED', /^t\.csv:3: expected 2 fields, found 1$/);
  await rejects(read('a,b\n1,"open\n2,3\n'), 'DATASET_ROW_MALFORMED', /^t\.csv:2: unclosed quote/);
  await rejects(
    read('a,b\n"x"y,2\n'),
    'DATASET_ROW_MALFORMED',
    /^t\.csv:2: unexpected text after a closing quote/,
  );
  // An unclosed quote in a long file is cut off at the record limit, not read to the end.
  const long = (async function* () {
    yield 'a,b\n1,"';
    for (let i = 0; i < 100; i++) yield 'x'.repeat(1000);
  })();
  await rejects(
    collect(csvRecordsOf('big.csv', long, { delimiter: ',', maxRecordChars: 10_000 })),
    'DATASET_ROW_MALFORMED',
    /^big\.csv:2: a record longer than 10000 characters \(an unclosed quote\?\)$/,
  );
  const dir = await tempDir(t);
  const bin = join(dir, 'bin.csv');
  await writeFile(bin, Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0x00, 0xff, 0x10]));
  await rejects(collect(csvRecords(bin, { delimiter: ',' })), 'DATASET_ROW_MALFORMED', /binary data/);
  await rejects(
    collect(csvRecords(join(dir, 'nope.csv'), { delimiter: ',' })),
    'DATASET_FILE_UNREADABLE',
    /no such file/,
  );
  const badGz = join(dir, 'bad.csv.gz');
  await writeFile(badGz, 'not gzip at all');
  await rejects(collect(csvRecords(badGz, { delimiter: ',' })), 'DATASET_FILE_UNREADABLE', /not valid gzip/);
});
