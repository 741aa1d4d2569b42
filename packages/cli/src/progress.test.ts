/**
 * @module `tdm quality` progress: quiet checks print nothing; a long one prints a line every 2 s
 * off a TTY (share of bytes, rows, rate and ETA when every file's size is known, rows otherwise)
 * and draws a bar on a TTY. Time is a mock clock, so nothing here waits or measures.
 */
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, mock, test } from 'node:test';
import type { CheckProgress } from '@tdm/core';
import { createCheckProgress } from './progress.js';

function sink(isTTY: boolean): { stream: NodeJS.WriteStream; text: () => string } {
  const chunks: string[] = [];
  const s = new PassThrough();
  s.on('data', (c: Buffer) => chunks.push(c.toString()));
  Object.assign(s, {
    isTTY,
    columns: 120,
    cursorTo: () => true,
    clearLine: () => true,
    moveCursor: () => true,
  });
  return { stream: s as unknown as NodeJS.WriteStream, text: () => chunks.join('') };
}

const at = (rows: number, bytesDone: number, sized = true): CheckProgress => ({
  entity: 'orders',
  rows,
  bytesDone,
  bytesTotal: sized ? 1000 : 0,
  sized,
});

beforeEach(() => mock.timers.enable({ apis: ['Date'], now: 1_000_000 }));
afterEach(() => mock.timers.reset());

test('off a TTY: nothing for the first 2 s, then one line per 2 s with share, rate and ETA', async () => {
  const out = sink(false);
  const p = createCheckProgress(out.stream, false);
  p.update(at(100, 100));
  mock.timers.tick(1500);
  p.update(at(200, 200));
  assert.equal(out.text(), '');
  mock.timers.tick(1000); // 2.5 s in: a quarter done
  p.update(at(1000, 250));
  p.update(at(1100, 260)); // within 2 s of the last line
  mock.timers.tick(2500);
  p.update(at(2000, 500, false));
  p.stop();
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(out.text().split('\n'), [
    'progress 25% 1000 rows 400 rows/s eta 8s orders',
    'progress 2000 rows 400 rows/s orders',
    '',
  ]);
});

test('quiet prints nothing, however long the check', async () => {
  const out = sink(false);
  const p = createCheckProgress(out.stream, true);
  mock.timers.tick(10_000);
  p.update(at(5, 5));
  p.stop();
  await new Promise((r) => setImmediate(r));
  assert.equal(out.text(), '');
});

test('on a TTY: no bar for a check under a second, then a bar with the rows', async () => {
  const out = sink(true);
  const p = createCheckProgress(out.stream, false);
  p.update(at(10, 10));
  assert.equal(out.text(), '');
  mock.timers.tick(1200);
  p.update(at(600, 500));
  p.stop();
  await new Promise((r) => setImmediate(r));
  assert.match(out.text(), /50% \| 600 rows \| 500 rows\/s/);
});
