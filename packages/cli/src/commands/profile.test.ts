/**
 * @module tdm profile's helpers: the relationships synthesize keeps come from keys and inclusion
 * alone (no full profile), and they are what a full profile finds, less self references, repeats
 * of a column and cycles.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzePatternsFromSample, type CellValue, type SampleTable } from '@tdm/core';
import { detectForeignKeys, profileText, runProfile } from './profile.js';

function table(name: string, columns: Record<string, CellValue[]>): SampleTable {
  const entries = Object.entries(columns);
  return {
    name,
    rows: entries[0]![1].length,
    truncated: false,
    columns: entries.map(([n, values]) => ({
      name: n,
      type: values.some((v) => typeof v === 'string') ? 'string' : 'integer',
      values,
    })),
  } as SampleTable;
}

const ids = (p: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${p}${1000 + i}`);
const pick = (from: string[], n: number): string[] =>
  Array.from({ length: n }, (_, i) => from[(i * 7) % from.length]!);

test('foreign keys come from keys and inclusion only, and match the full profile', async () => {
  const customers = ids('C', 40);
  const orders = ids('O', 120);
  const tables = [
    table('customers', { customer_id: customers, referrer_id: [null, ...pick(customers, 39)] }),
    table('orders', { order_id: orders, customer_id: pick(customers, 120), amount: orders.map((_, i) => i) }),
    table('items', {
      item_id: ids('I', 300),
      order_id: pick(orders, 300),
      customer_id: pick(customers, 300),
    }),
  ];
  const kept = detectForeignKeys(tables);
  const full = (await analyzePatternsFromSample(tables)).foreignKeys;
  const key = (f: { from: { table: string; column: string }; to: { table: string; column: string } }) =>
    `${f.from.table}.${f.from.column}->${f.to.table}.${f.to.column}`;
  assert.deepEqual(kept.map(key).sort(), [
    'items.customer_id->customers.customer_id',
    'items.order_id->orders.order_id',
    'orders.customer_id->customers.customer_id',
  ]);
  // The profile also finds the self reference; synthesis leaves it out.
  const fullKeys = new Set(full.map(key));
  for (const k of kept.map(key)) assert.ok(fullKeys.has(k), k);
  assert.ok(fullKeys.has('customers.referrer_id->customers.customer_id'));
  assert.deepEqual(detectForeignKeys(tables.slice(0, 1)), []);
});

test('profile text shortens long values and never prints personal data', async () => {
  const long = 'x'.repeat(5000);
  const t = table('t', {
    id: ['a1', 'a2', 'a3', 'a4'],
    blob: [long, long, long, long],
    notes: ['call +1 555 123 4567', 'call +1 555 123 4567', 'mail jo@example.com', 'mail jo@example.com'],
  });
  const text = profileText(await runProfileOf([t]));
  assert.ok(!text.includes('x'.repeat(100)), 'a 5,000-character value is printed whole');
  assert.ok(text.split('\n').every((l) => l.length < 400));
  assert.ok(!text.includes('555 123 4567') && !text.includes('jo@example.com'), text);
});

async function runProfileOf(tables: SampleTable[]) {
  const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = await mkdtemp(join(tmpdir(), 'tdm-profile-'));
  try {
    const paths: string[] = [];
    for (const t of tables) {
      const lines = [t.columns.map((c) => c.name).join(',')];
      for (let r = 0; r < t.rows; r++) lines.push(t.columns.map((c) => String(c.values[r] ?? '')).join(','));
      const p = join(dir, `${t.name}.csv`);
      await writeFile(p, lines.join('\n') + '\n');
      paths.push(p);
    }
    return await runProfile(paths, { output: 'text' });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
