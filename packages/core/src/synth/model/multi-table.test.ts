/**
 * @module Multi-table synthesis: foreign keys point at synthetic parents' keys, the number of
 * children per parent keeps its real distribution, also conditioned on a parent attribute,
 * optional references keep their null share, and a second reference picks existing parents.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CellValue } from '../../quality/read/index.js';
import { Rng } from '../../random/index.js';
import { tableFromRows, type SampleTable } from '../table.js';
import { generateSyntheticData } from './synthesize.js';
import type { ForeignKey } from './options.js';
import { mixedTable, valuesOf } from './testing.js';

const PER_PLAN: Record<string, number> = { free: 0.5, basic: 2, pro: 4, team: 8 };

function shop(): SampleTable[] {
  const base = mixedTable(600, 4);
  const customers: SampleTable = {
    ...base,
    columns: [
      {
        name: 'id',
        type: 'string',
        values: base.columns[0]!.values.map((_, i) => `C${String(i + 1).padStart(4, '0')}`),
      },
      ...base.columns,
    ],
  };
  const products = tableFromRows(
    'products',
    [
      { name: 'sku', type: 'integer' },
      { name: 'price', type: 'number' },
    ],
    Array.from({ length: 40 }, (_, i) => [500 + i * 3, 5 + i * 2.5]),
  );
  const rng = new Rng().seed(11, 0);
  const orders: CellValue[][] = [];
  const regions = valuesOf(customers, 'region');
  valuesOf(customers, 'plan').forEach((plan, i) => {
    const mean = PER_PLAN[String(plan)]!;
    const n = Math.max(0, Math.round(mean + (rng.float() - 0.5) * mean));
    // Northern customers order on the web, the others mostly in stores.
    const web = regions[i] === 'north' ? 0.9 : 0.2;
    for (let k = 0; k < n; k++) {
      const channel = rng.chance(web) ? 'web' : 'store';
      orders.push([`C${String(i + 1).padStart(4, '0')}`, 500 + rng.below(40) * 3, rng.int(1, 5), channel]);
    }
  });
  for (let k = 0; k < 60; k++) orders.push([null, 500 + rng.below(40) * 3, rng.int(1, 5), 'store']);
  const orderTable = tableFromRows(
    'orders',
    [
      { name: 'customer_id', type: 'string' },
      { name: 'sku', type: 'integer' },
      { name: 'quantity', type: 'integer' },
      { name: 'channel', type: 'string' },
    ],
    orders,
  );
  return [orderTable, customers, products];
}

const foreignKeys: ForeignKey[] = [
  { from: { table: 'orders', column: 'customer_id' }, to: { table: 'customers', column: 'id' } },
  { from: { table: 'orders', column: 'sku' }, to: { table: 'products', column: 'sku' } },
];

/** Children per parent key, and their mean per parent plan. */
function perParent(
  parents: SampleTable,
  children: SampleTable,
): { counts: number[]; byPlan: Map<string, number> } {
  const byKey = new Map<CellValue, number>();
  for (const k of valuesOf(children, 'customer_id')) if (k !== null) byKey.set(k, (byKey.get(k) ?? 0) + 1);
  const counts = valuesOf(parents, 'id').map((k) => byKey.get(k) ?? 0);
  const sums = new Map<string, [number, number]>();
  valuesOf(parents, 'plan').forEach((p, i) => {
    const s = sums.get(String(p)) ?? [0, 0];
    sums.set(String(p), [s[0] + counts[i]!, s[1] + 1]);
  });
  return { counts, byPlan: new Map([...sums].map(([p, [s, n]]) => [p, s / n])) };
}

const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;

test('foreign keys point at synthetic parents and children per parent keep their distribution', () => {
  const real = shop();
  for (const seed of [1, 2]) {
    const syn = generateSyntheticData(real, { seed, foreignKeys });
    const [orders, customers, products] = syn as [SampleTable, SampleTable, SampleTable];
    assert.deepEqual(
      syn.map((t) => t.name),
      ['orders', 'customers', 'products'],
    );
    const ids = new Set(valuesOf(customers, 'id'));
    assert.equal(ids.size, customers.rows, 'parent keys are unique');
    assert.ok(valuesOf(customers, 'id').every((k) => /^C\d{4}$/.test(String(k))));
    for (const k of valuesOf(orders, 'customer_id'))
      assert.ok(k === null || ids.has(k), `dangling ${String(k)}`);
    const skus = new Set(valuesOf(products, 'sku'));
    for (const k of valuesOf(orders, 'sku')) assert.ok(skus.has(k), `dangling sku ${String(k)}`);

    const r = perParent(real[1]!, real[0]!);
    const s = perParent(customers, orders);
    assert.ok(
      Math.abs(mean(s.counts) - mean(r.counts)) < 0.25,
      `mean children ${mean(s.counts)} vs ${mean(r.counts)}`,
    );
    const zero = (xs: number[]): number => xs.filter((x) => x === 0).length / xs.length;
    assert.ok(Math.abs(zero(s.counts) - zero(r.counts)) < 0.05);
    for (const [plan, m] of r.byPlan) {
      assert.ok(Math.abs(s.byPlan.get(plan)! - m) < 0.25 * m + 0.3, `${plan}: ${s.byPlan.get(plan)} vs ${m}`);
    }
    const rowsOf = (t: SampleTable): Set<string> =>
      new Set(t.columns[0]!.values.map((_, r) => JSON.stringify(t.columns.map((c) => c.values[r]))));
    const realOrders = rowsOf(real[0]!);
    assert.equal(
      [...rowsOf(orders)].filter((k) => realOrders.has(k)).length,
      0,
      'an order row copies a real one',
    );
    const nulls = (t: SampleTable): number =>
      valuesOf(t, 'customer_id').filter((v) => v === null).length / t.rows;
    assert.ok(Math.abs(nulls(orders) - nulls(real[0]!)) < 0.01);
  }
});

/** Share of web orders among orders of northern customers. */
function northWeb(customers: SampleTable, orders: SampleTable): number {
  const regions = valuesOf(customers, 'region');
  const north = new Set(valuesOf(customers, 'id').filter((_, i) => regions[i] === 'north'));
  const ids = valuesOf(orders, 'customer_id');
  const channels = valuesOf(orders, 'channel').filter((_, r) => north.has(ids[r]!));
  return channels.filter((c) => c === 'web').length / channels.length;
}

test("child columns follow their synthetic parent's attributes", () => {
  const real = shop();
  const want = northWeb(real[1]!, real[0]!);
  assert.ok(want > 0.85);
  for (const seed of [1, 2, 3]) {
    const syn = generateSyntheticData(real, { seed, foreignKeys });
    const got = northWeb(syn[1]!, syn[0]!);
    assert.ok(
      Math.abs(got - want) < 0.1,
      `seed ${seed}: ${got} of northern orders on the web, ${want} in the sample`,
    );
  }
});

test('an explicit child row count is met exactly, spread by the parents drawn counts', () => {
  const syn = generateSyntheticData(shop(), { seed: 3, foreignKeys, rows: { orders: 1000, customers: 200 } });
  assert.equal(syn[0]!.rows, 1000);
  assert.equal(syn[1]!.rows, 200);
  const s = perParent(syn[1]!, syn[0]!);
  assert.ok(s.byPlan.get('team')! > 2 * s.byPlan.get('free')!);
});

test('a cycle of foreign keys is a coded error', () => {
  const real = shop();
  assert.throws(
    () =>
      generateSyntheticData(real, {
        foreignKeys: [
          ...foreignKeys,
          { from: { table: 'customers', column: 'city' }, to: { table: 'orders', column: 'quantity' } },
        ],
      }),
    { code: 'SYNTH_OPTIONS_INVALID', message: 'foreignKeys: the tables form a cycle through "orders"' },
  );
});
