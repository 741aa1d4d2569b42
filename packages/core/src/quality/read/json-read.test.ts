/**
 * @module JSON arrays and NDJSON streamed: elements split across chunks anywhere, and hostile
 * input (deep nesting, huge elements, truncation, non-objects) ending in coded errors.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { TdmError } from '../../errors/index.js';
import { MAX_DEPTH, jsonArrayObjectsOf, ndjsonObjectsOf } from './json-read.js';
import { collect, pieces, tempDir } from './testing.js';
import { openDataset } from './open-dataset.js';

const rows = [
  { id: 1, s: 'a "quoted" ] } , [ {', nested: { x: [1, { y: '\\' }] } },
  { id: 2, s: '\u00e9\u4e2d\ud83d\ude00', nested: null },
];

test('a JSON array of objects reads whole at any chunk split', async () => {
  const text = JSON.stringify(rows, null, 2);
  for (let cut = 1; cut < text.length; cut += 3) {
    assert.deepEqual(await collect(jsonArrayObjectsOf('t.json', pieces(text, [cut]))), rows, `cut ${cut}`);
  }
  assert.deepEqual(await collect(jsonArrayObjectsOf('t.json', pieces('  []  ', []))), []);
});

test('any array of objects round-trips through the streaming reader (property)', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 })), { maxLength: 8 }),
      fc.array(fc.nat(500), { maxLength: 3 }),
      async (objs, cuts) => {
        const text = JSON.stringify(objs);
        // JSON.parse(JSON.stringify(x)) is the reference (it drops -0 and such the same way).
        assert.deepEqual(await collect(jsonArrayObjectsOf('p.json', pieces(text, cuts))), JSON.parse(text));
      },
    ),
    { numRuns: 200 },
  );
});

test('NDJSON: one object per line, blank lines skipped, CRLF fine', async () => {
  const text = rows.map((r) => JSON.stringify(r)).join('\r\n') + '\r\n\r\n';
  for (const cut of [1, 10, 40, text.length - 2]) {
    assert.deepEqual(await collect(ndjsonObjectsOf('t.ndjson', pieces(text, [cut]))), rows);
  }
});

async function rejects(p: Promise<unknown>, code: string, message: RegExp): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof TdmError, String(e));
    assert.equal(e.code, code);
    assert.match(e.message, message);
    return true;
  });
}

test('a valid but very deep NDJSON line is a coded error when its cell is made', async (t) => {
  const dir = await tempDir(t);
  const file = join(dir, 'deep.ndjson');
  await writeFile(file, '{"a":1}\n{"a":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}\n');
  const [e] = (await openDataset([file])).entities;
  await assert.rejects(collect(e!.batches()), {
    code: 'DATASET_ROW_MALFORMED',
    message: `${file}:2: row 2 nests too deep to read as a JSON cell`,
  });
});

test('hostile JSON: coded errors, never a stack overflow or a whole-file string', async () => {
  const deep = '[' + '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000) + ']';
  await rejects(
    collect(jsonArrayObjectsOf('deep.json', pieces(deep, []))),
    'DATASET_ROW_MALFORMED',
    new RegExp(`^deep\\.json:1: nested deeper than ${MAX_DEPTH} levels$`),
  );
  await rejects(
    collect(ndjsonObjectsOf('deep.ndjson', pieces('{"a":1}\n' + '{"a":'.repeat(100_000) + '\n', []))),
    'DATASET_ROW_MALFORMED',
    /^deep\.ndjson:2: invalid JSON/,
  );
  await rejects(
    collect(jsonArrayObjectsOf('o.json', pieces('{"a":1}', []))),
    'DATASET_ROW_MALFORMED',
    /must start with \[/,
  );
  await rejects(
    collect(jsonArrayObjectsOf('n.json', pieces('[{"a":1},\n 2]', []))),
    'DATASET_ROW_MALFORMED',
    /^n\.json:2: expected an object/,
  );
  await rejects(
    collect(jsonArrayObjectsOf('t.json', pieces('[{"a":1},{"a"', []))),
    'DATASET_ROW_MALFORMED',
    /not closed \(truncated/,
  );
  await rejects(collect(jsonArrayObjectsOf('e.json', pieces('', []))), 'DATASET_ROW_MALFORMED', /empty file/);
  await rejects(
    collect(jsonArrayObjectsOf('x.json', pieces('[{"a":1}] [', []))),
    'DATASET_ROW_MALFORMED',
    /text after the closing \]/,
  );
  await rejects(
    collect(ndjsonObjectsOf('b.ndjson', pieces('{"a":1}\n{"a":\n', []))),
    'DATASET_ROW_MALFORMED',
    /^b\.ndjson:2: invalid JSON/,
  );
  await rejects(
    collect(ndjsonObjectsOf('s.ndjson', pieces('[1]\n', []))),
    'DATASET_ROW_MALFORMED',
    /^s\.ndjson:1: expected a JSON object/,
  );
  // An element that never ends is cut off at the limit instead of growing without bound.
  const endless = (async function* () {
    yield '[{"a":"';
    for (let i = 0; i < 20; i++) yield 'x'.repeat(1 << 20);
  })();
  await rejects(
    collect(jsonArrayObjectsOf('big.json', endless)),
    'DATASET_ROW_MALFORMED',
    /an element longer than/,
  );
});
