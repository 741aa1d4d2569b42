/**
 * @module The output directory port: missing levels are created one at a time, a path that is a
 * file or cannot be created is a coded GENERATION_OUTPUT_FAILED, and written chunks land in files.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { isTdmError } from '@tdm/core';
import { directoryOutput, makeOutputDir } from './fs-output.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tdm-fs-output-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const outputFailed = (pattern: RegExp) => (e: unknown) =>
  isTdmError(e) && e.code === 'GENERATION_OUTPUT_FAILED' && pattern.test(e.message);

test('missing levels are created, an existing directory is kept', async () => {
  const deep = join(dir, 'a', 'b', 'c');
  await makeOutputDir(deep);
  assert.ok((await stat(deep)).isDirectory());
  await makeOutputDir(deep);
  assert.ok((await stat(deep)).isDirectory());
});

test('a file in the way is a coded error naming the flag', async () => {
  const file = join(dir, 'file');
  await writeFile(file, 'x');
  await assert.rejects(
    makeOutputDir(file, '--report-dir'),
    outputFailed(/^--report-dir .*file: is not a directory$/),
  );
  await assert.rejects(makeOutputDir(join(file, 'below')), outputFailed(/cannot create .*below \(ENOTDIR\)/));
});

test(
  'under /proc it fails at once instead of hanging',
  { skip: !existsSync('/proc/self'), timeout: 30_000 },
  async () => {
    await assert.rejects(
      directoryOutput('/proc/tdm-out/x'),
      outputFailed(/^--out \/proc\/tdm-out\/x: cannot create \/proc\/tdm-out \(ENOENT\)$/),
    );
  },
);

test('a created file receives the written chunks', async () => {
  const out = await directoryOutput(join(dir, 'port'));
  const f = await out.create('t.csv');
  await f.write(Buffer.from('a,b\n'));
  await f.write(Buffer.from('1,2\n'));
  await f.close();
  assert.equal(await readFile(join(dir, 'port', 't.csv'), 'utf8'), 'a,b\n1,2\n');
  await out.remove('t.csv');
  assert.ok(!existsSync(join(dir, 'port', 't.csv')));
});
