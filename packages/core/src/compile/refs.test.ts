/** @module Foreign keys on generated rows: integrity, nullRate, zipf skew, trees, 1:1 and N:M. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TdmError } from '../errors/index.js';
import type { Value } from '../expr/index.js';
import { childCounts, compileText, nullShare, tableRows, type Row } from './testing.js';

const SHOP = `
seed: 5
entities:
  customers:
    count: 400
    fields:
      id: { type: uuid, primaryKey: true }
      referrer_id: { ref: customers.id, nullRate: 0.7 }
  products:
    count: 120
    fields:
      id: { type: sequence, start: 100, primaryKey: true }
  orders:
    count: { per: customers, distribution: poisson, mean: 3, max: 9 }
    fields:
      id: { type: integer, sequence: 1, primaryKey: true }
      customer_id: { ref: customers.id }
      favourite_id: { ref: products.id, pick: zipf, skew: 1.3 }
      other_id: { ref: products.id, nullRate: 0.25 }
`;

function keys(rows: readonly Row[], field: string): Set<Value> {
  return new Set(rows.map((r) => r[field] ?? null));
}

test('every foreign key value exists among the parent keys', () => {
  const c = compileText(SHOP);
  const customers = tableRows(c, 'customers');
  const products = tableRows(c, 'products');
  const orders = tableRows(c, 'orders');
  const customerIds = keys(customers, 'id');
  const productIds = keys(products, 'id');
  for (const o of orders) {
    assert.ok(customerIds.has(o['customer_id'] ?? null), `customer ${String(o['customer_id'])}`);
    assert.ok(productIds.has(o['favourite_id'] ?? null));
    if (o['other_id'] !== null) assert.ok(productIds.has(o['other_id'] ?? null));
  }
  for (const cu of customers)
    if (cu['referrer_id'] !== null) assert.ok(customerIds.has(cu['referrer_id'] ?? null));
  // Per-parent children are laid out parent by parent: each parent's block is contiguous.
  const seen: Value[] = [];
  for (const o of orders) if (seen[seen.length - 1] !== o['customer_id']) seen.push(o['customer_id'] ?? null);
  assert.equal(new Set(seen).size, seen.length);
});

test('nullable references are null at about their nullRate', () => {
  const c = compileText(SHOP);
  const orders = tableRows(c, 'orders');
  assert.ok(Math.abs(nullShare(orders, 'other_id') - 0.25) < 0.05);
  assert.equal(nullShare(orders, 'customer_id'), 0);
  assert.ok(Math.abs(nullShare(tableRows(c, 'customers'), 'referrer_id') - 0.7) < 0.07);
});

test('zipf pick makes a few parents popular; uniform pick does not', () => {
  const c = compileText(SHOP);
  const products = tableRows(c, 'products');
  const orders = tableRows(c, 'orders');
  const top = (field: string): number => {
    const counts = childCounts(products, 'id', orders, field).sort((a, b) => b - a);
    return (counts.slice(0, 6).reduce((s, x) => s + x, 0) / orders.length) * 100;
  };
  // 6 of 120 products (5%) get far more than 5% of zipf picks, and about 5% of uniform ones.
  assert.ok(top('favourite_id') > 35, `zipf top-6 share ${top('favourite_id')}%`);
  assert.ok(top('other_id') < 12, `uniform top-6 share ${top('other_id')}%`);
});

const TREE = (maxDepth: number, count: number, roots?: number): string => `
entities:
  categories:
    count: ${count}
    fields:
      id: { type: sequence, primaryKey: true }
      parent_id: { ref: categories.id, tree: { maxDepth: ${maxDepth}${roots === undefined ? '' : `, roots: ${roots}`} } }
`;

function depths(rows: readonly Row[]): number[] {
  const parentOf = new Map(rows.map((r) => [r['id'], r['parent_id']]));
  return rows.map((r) => {
    let depth = 0;
    const seen = new Set<Value>([r['id'] ?? null]);
    for (let p = r['parent_id'] ?? null; p !== null; p = parentOf.get(p) ?? null) {
      assert.ok(parentOf.has(p), `parent ${String(p)} exists`);
      assert.ok(!seen.has(p), `cycle through ${String(p)}`);
      seen.add(p);
      depth++;
    }
    return depth;
  });
}

test('tree self references never exceed maxDepth and have no cycles', () => {
  for (const [maxDepth, count, roots] of [
    [1, 50, undefined],
    [2, 37, 0.15],
    [3, 500, undefined],
    [5, 1000, 0.01],
    [4, 3, undefined],
    [6, 1, undefined],
  ] as const) {
    const d = depths(tableRows(compileText(TREE(maxDepth, count, roots)), 'categories'));
    assert.ok(Math.max(...d) <= maxDepth, `maxDepth ${maxDepth}: got ${Math.max(...d)}`);
    assert.ok(d.includes(0), 'there is a root');
    if (count >= 50) assert.equal(Math.max(...d), maxDepth, `the tree uses all ${maxDepth} levels`);
  }
});

test('a tree with roots: 0.2 has about 20% roots', () => {
  const rows = tableRows(compileText(TREE(3, 1000, 0.2)), 'categories');
  assert.ok(Math.abs(nullShare(rows, 'parent_id') - 0.2) < 0.02);
});

test('self references without a tree point to earlier rows only (no cycles)', () => {
  const rows = tableRows(compileText(SHOP), 'customers');
  const index = new Map(rows.map((r, i) => [r['id'], i]));
  rows.forEach((r, i) => {
    if (r['referrer_id'] !== null) assert.ok((index.get(r['referrer_id']) as number) < i);
  });
});

const ONE_TO_ONE = `
entities:
  accounts:
    count: 300
    fields:
      id: { type: sequence, start: 1, primaryKey: true }
  cards:
    count: 250
    fields:
      id: { type: uuid, primaryKey: true }
      account_id: { ref: accounts.id, unique: true }
      backup_id: { ref: accounts.id, unique: true, nullRate: 0.4 }
`;

test('a unique reference is 1:1: no parent is referenced twice', () => {
  const c = compileText(ONE_TO_ONE);
  const accounts = keys(tableRows(c, 'accounts'), 'id');
  const cards = tableRows(c, 'cards');
  assert.equal(keys(cards, 'account_id').size, cards.length);
  for (const card of cards) assert.ok(accounts.has(card['account_id'] ?? null));
});

test('a unique nullable reference honours both unique and nullRate', () => {
  const cards = tableRows(compileText(ONE_TO_ONE), 'cards');
  const present = cards.map((r) => r['backup_id']).filter((v) => v !== null);
  assert.equal(new Set(present).size, present.length);
  assert.ok(
    Math.abs(nullShare(cards, 'backup_id') - 0.4) < 0.08,
    `null share ${nullShare(cards, 'backup_id')}`,
  );
});

test('an N:M join has unique pairs and valid keys on both sides', () => {
  const c = compileText(`
entities:
  orders: { count: 300, fields: { id: { type: sequence, primaryKey: true } } }
  products: { count: 8, fields: { id: { type: sequence, start: 500, primaryKey: true } } }
  order_items:
    count: { per: orders, distribution: uniform, min: 1, max: 8 }
    primaryKey: [order_id, product_id]
    unique: [[order_id, product_id]]
    fields:
      order_id: { ref: orders.id }
      product_id: { ref: products.id }
      quantity: { type: integer, min: 1, max: 5 }
`);
  const items = tableRows(c, 'order_items');
  const pairs = new Set(items.map((r) => `${String(r['order_id'])}/${String(r['product_id'])}`));
  assert.equal(pairs.size, items.length);
  const products = keys(tableRows(c, 'products'), 'id');
  for (const it of items) assert.ok(products.has(it['product_id'] ?? null));
  // Orders with 8 items hold every product exactly once.
  const full = childCounts(tableRows(c, 'orders'), 'id', items, 'order_id').filter((n) => n === 8);
  assert.ok(full.length > 10);
});

test('an N:M join counted by fixed count (not per parent) still has unique pairs', () => {
  const c = compileText(`
entities:
  students: { count: 40, fields: { id: { type: sequence, primaryKey: true } } }
  courses: { count: 12, fields: { id: { type: sequence, primaryKey: true } } }
  enrolments:
    count: 400
    primaryKey: [student_id, course_id]
    fields:
      student_id: { ref: students.id }
      course_id: { ref: courses.id }
`);
  const rows = tableRows(c, 'enrolments');
  assert.equal(new Set(rows.map((r) => `${String(r['student_id'])}/${String(r['course_id'])}`)).size, 400);
});

test('a required reference to a table without rows is refused; a nullable one gives nulls', () => {
  const schema = (nullRate: number): string => `
entities:
  parents: { count: 0, fields: { id: { type: sequence, primaryKey: true } } }
  children: { count: 3, fields: { parent_id: { ref: parents.id, nullRate: ${nullRate} } } }
`;
  assert.throws(
    () => compileText(schema(0)),
    (e: unknown) => {
      assert.ok(e instanceof TdmError);
      assert.deepEqual(
        e.problems.map((p) => [p.code, p.path, p.message]),
        [
          [
            'SCHEMA_COUNT_INVALID',
            'entities.children.fields.parent_id.ref',
            'entities.children.fields.parent_id.ref: children has 3 row(s) that must reference parents, but parents has no rows',
          ],
        ],
      );
      return true;
    },
  );
  assert.deepEqual(
    tableRows(compileText(schema(0.5)), 'children').map((r) => r['parent_id']),
    [null, null, null],
  );
});

test('a unique self reference is 1:1, acyclic, points to earlier rows and keeps maxDepth', () => {
  for (const spec of ['unique: true, nullRate: 0.3', 'unique: true, tree: { maxDepth: 3 }']) {
    const rows = tableRows(
      compileText(`
entities:
  versions:
    count: 200
    fields:
      id: { type: sequence, primaryKey: true }
      previous_id: { ref: versions.id, ${spec} }
`),
      'versions',
    );
    const targets = rows.map((r) => r['previous_id']).filter((v) => v !== null);
    assert.equal(new Set(targets).size, targets.length, `${spec}: no row referenced twice`);
    rows.forEach((r, i) =>
      assert.ok(r['previous_id'] === null || Number(r['previous_id']) < Number(rows[i]?.['id'])),
    );
    const d = depths(rows.map((r) => ({ id: r['id'] ?? null, parent_id: r['previous_id'] ?? null })));
    if (spec.includes('tree')) assert.equal(Math.max(...d), 3);
  }
});

test('pick zipf on a self reference makes the earliest rows popular', () => {
  const rows = tableRows(
    compileText(`
entities:
  users:
    count: 1000
    fields:
      id: { type: sequence, primaryKey: true }
      referrer_id: { ref: users.id, pick: zipf, skew: 1.2, nullRate: 0.2 }
`),
    'users',
  );
  const refs = rows.map((r) => r['referrer_id']).filter((v) => v !== null);
  const early = refs.filter((v) => Number(v) <= 10).length / refs.length;
  assert.ok(early > 0.3, `share of referrals to the first 10 users: ${early}`);
});
