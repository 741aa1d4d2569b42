/**
 * @module Hostile command lines: random flags and values never crash the CLI or print a stack
 * trace; every run ends with a documented exit code.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { ExitCode, main, type Io } from '@tdm/cli';

const documented = new Set<number>(Object.values(ExitCode));
let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tdm-fuzz-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const flagNames = [
  '--seed',
  '--scale',
  '--workers',
  '--format',
  '--dialect',
  '--now',
  '--count',
  '--locale',
  '--rows',
  '--entity',
  '--output',
  '--engine-version',
  '--bogus',
  '-x',
];
const hostileValue = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    '-1',
    '0',
    '1e309',
    'NaN',
    '9999999999999999999',
    '',
    ' ',
    '--',
    '../..',
    '\u0000',
    'x=1',
    'customers=-5',
    'customers=3',
  ),
  fc.integer().map(String),
  fc.double().map(String),
);

function quietIo(): Io & { err: (t: string) => void; text: () => string } {
  let err = '';
  return {
    out: () => undefined,
    err: (t) => void (err += t),
    progressStream: process.stderr,
    text: () => err,
  };
}

test('random flags and values on every command end with a documented exit code and no stack trace', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom('generate', 'validate', 'preview'),
      fc.array(fc.tuple(fc.constantFrom(...flagNames), hostileValue), { maxLength: 4 }),
      async (command, flags) => {
        const argv = [command, 'examples/shop.yaml', ...flags.flat()];
        // Generation always targets the test's own directory and a tiny volume.
        if (command === 'generate') argv.push('--out', join(dir, 'o'), '--count', 'customers=3', '-q');
        const io = quietIo();
        const code = await main(argv, io);
        assert.ok(documented.has(code), `exit ${code} for ${JSON.stringify(argv)}`);
        assert.doesNotMatch(io.text(), /\n\s+at .+:\d+:\d+/, `stack trace for ${JSON.stringify(argv)}`);
        if (code !== ExitCode.OK) assert.match(io.text(), /error|tdm: [A-Z_]+:/);
      },
    ),
    { numRuns: 150 },
  );
});
