/**
 * @module tdm synthesize's flags and report: `--min-distance` takes auto or a distance; the
 * report leaves keys and foreign keys out of the fidelity scores.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TdmError } from '@tdm/core';
import { minDistanceFlag } from './synthesize.js';

test('--min-distance takes auto, 0 (off) or a distance in [0, 1], and refuses others by name', () => {
  assert.equal(minDistanceFlag('auto'), 'auto');
  assert.equal(minDistanceFlag('AUTO'), 'auto');
  assert.equal(minDistanceFlag('0'), 0);
  assert.equal(minDistanceFlag('0.05'), 0.05);
  for (const bad of ['', 'x', '-0.1', '1.5']) {
    assert.throws(
      () => minDistanceFlag(bad),
      (e: unknown) =>
        e instanceof TdmError &&
        e.code === 'INPUT_INVALID' &&
        e.message === `--min-distance: "${bad}" is not auto or a number from 0 to 1`,
    );
  }
});

/** customers (C00001...) and orders pointing at them, written as CSV under `dir`. */
async function writeShop(dir: string): Promise<void> {
  const { writeFile } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const segments = ['retail', 'retail', 'online', 'wholesale'];
  const customers = ['customer_id,segment,age'];
  for (let i = 1; i <= 80; i++)
    customers.push(`C${String(i).padStart(5, '0')},${segments[i % 4]},${20 + ((i * 7) % 50)}`);
  const orders = ['order_id,customer_id,amount,status'];
  for (let i = 1; i <= 300; i++) {
    const c = 1 + ((i * 13) % 80);
    orders.push(
      `${i},C${String(c).padStart(5, '0')},${(10 + ((i * 31) % 90)).toFixed(2)},${i % 5 ? 'paid' : 'refunded'}`,
    );
  }
  await writeFile(join(dir, 'customers.csv'), customers.join('\n') + '\n');
  await writeFile(join(dir, 'orders.csv'), orders.join('\n') + '\n');
}

test('the --report of a shop leaves keys and foreign keys out of the scores, and so does compare', async () => {
  const { mkdtemp, rm, mkdir } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { runSynthesize } = await import('./synthesize.js');
  const { runCompare } = await import('./compare.js');
  const dir = await mkdtemp(join(tmpdir(), 'tdm-synth-'));
  try {
    const shop = join(dir, 'shop');
    await mkdir(shop);
    await writeShop(shop);
    const out = join(dir, 'out');
    const r = await runSynthesize([shop], {
      rows: { customers: 100, orders: 400 },
      out,
      format: 'csv',
      seed: 1,
      report: join(dir, 'r.json'),
      output: 'text',
    });
    const skipped = (report: typeof r.report, table: string) =>
      report!.tables.find((t) => t.table === table)!.skippedColumns;
    assert.deepEqual(skipped(r.report, 'customers'), [{ column: 'customer_id', reason: 'key' }]);
    assert.deepEqual(skipped(r.report, 'orders'), [
      { column: 'order_id', reason: 'key' },
      { column: 'customer_id', reason: 'key' },
    ]);
    const compared = await runCompare(shop, out, { output: 'json' });
    assert.deepEqual(skipped(compared, 'orders'), skipped(r.report, 'orders'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
