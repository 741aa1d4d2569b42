/** @module Rules on generated rows: cross-field, cross-entity and conditional rules, nulls, relative dates. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TdmError } from '../errors/index.js';
import { parseExpression } from '../expr/index.js';
import { applyRelative } from '../values/index.js';
import { deriveFromRule } from './constraints.js';
import { compileText, nullShare, tableRows, TEST_NOW, type Row } from './testing.js';

const DAY = 86_400_000;

const SHOP = `
seed: 9
entities:
  customers:
    count: 300
    fields:
      id: { type: sequence, primaryKey: true }
      created_at: { type: timestamp, min: -3y, max: now }
      status: { type: enum, values: { active: 70, paused: 20, closed: 10 } }
      paused_reason: { type: enum, values: [vacation, budget], nullRate: 1 }
      closed_at: { type: date, min: -3y, max: now, nullRate: 0.5 }
      phone: { type: phone.number, nullRate: 0.3 }
  orders:
    count: { per: customers, distribution: poisson, mean: 4 }
    fields:
      id: { type: sequence, primaryKey: true }
      customer_id: { ref: customers.id }
      order_date: { type: timestamp, max: now }
      ship_date: { type: timestamp, max: now, nullRate: 0.2 }
      amount: { type: decimal, min: 0, max: 500 }
      discount: { type: decimal, min: 0, max: 100 }
      items: { type: integer, min: 0, max: 20 }
constraints:
  - { entity: orders, rule: 'order_date >= customer_id.created_at' }
  - { entity: orders, rule: 'ship_date >= order_date and ship_date <= order_date + days(30)' }
  - { entity: orders, rule: 'discount < amount / 2 and items between 1 and 10' }
  - { entity: customers, rule: "if status = 'paused' then paused_reason is not null" }
  - { entity: customers, rule: "if status != 'closed' then closed_at is null" }
  - { entity: customers, rule: "if status = 'closed' then closed_at is not null" }
`;

function both(): { customers: Row[]; orders: Row[] } {
  const c = compileText(SHOP);
  return { customers: tableRows(c, 'customers'), orders: tableRows(c, 'orders') };
}

test('cross-field rules hold for every row', () => {
  const { orders } = both();
  for (const o of orders) {
    const [od, sd] = [Number(o['order_date']), o['ship_date']];
    if (sd !== null)
      assert.ok(Number(sd) >= od && Number(sd) <= od + 30 * DAY, `ship ${String(sd)} order ${od}`);
    assert.ok(Number(o['discount']) < Number(o['amount']) / 2);
    assert.ok(Number(o['items']) >= 1 && Number(o['items']) <= 10);
  }
});

test('cross-entity rules hold for every row', () => {
  const { customers, orders } = both();
  const created = new Map(customers.map((c) => [c['id'], Number(c['created_at'])]));
  for (const o of orders) assert.ok(Number(o['order_date']) >= (created.get(o['customer_id']) as number));
});

test('conditional rules hold both ways and leave the other rows alone', () => {
  const { customers } = both();
  for (const c of customers) {
    if (c['status'] === 'paused') assert.notEqual(c['paused_reason'], null);
    else assert.equal(c['paused_reason'], null, 'nullRate 1 applies when the condition is false');
    assert.equal(c['closed_at'] === null, c['status'] !== 'closed');
  }
  assert.ok(customers.some((c) => c['status'] === 'paused'));
});

test('nullRate is respected within tolerance, and rules keep nulls where they allow them', () => {
  const { customers, orders } = both();
  assert.ok(Math.abs(nullShare(customers, 'phone') - 0.3) < 0.06);
  assert.ok(
    Math.abs(nullShare(orders, 'ship_date') - 0.2) < 0.04,
    `ship_date ${nullShare(orders, 'ship_date')}`,
  );
  assert.equal(nullShare(orders, 'order_date'), 0);
});

test('relative dates are evaluated against the given now', () => {
  const schema = `
entities:
  e:
    count: 500
    fields:
      t: { type: timestamp, min: -6mo, max: now }
      d: { type: date, min: +1d, max: +30d }
      past: { type: timestamp, min: -3y -2mo, max: -3y }
`;
  for (const now of [TEST_NOW, Date.UTC(2031, 6, 1, 8, 30)]) {
    const rows = tableRows(compileText(schema, { now }), 'e');
    const sixMonths = applyRelative(now, '-6mo');
    for (const r of rows) {
      assert.ok(Number(r['t']) >= sixMonths - 1000 && Number(r['t']) <= now);
      assert.ok(Number(r['d']) > now && Number(r['d']) <= now + 30 * DAY);
      assert.ok(
        Number(r['past']) >= applyRelative(now, '-3y -2mo') - 1000 &&
          Number(r['past']) <= applyRelative(now, '-3y'),
      );
    }
    // Spread over the whole window, not bunched at one end.
    const ts = rows.map((r) => Number(r['t']));
    assert.ok(Math.min(...ts) < sixMonths + 10 * DAY && Math.max(...ts) > now - 10 * DAY);
  }
});

test('the schema now is used when no now is passed, and options.now wins over it', () => {
  const schema = `
now: '2030-05-01T00:00:00Z'
entities: { e: { count: 50, fields: { t: { type: timestamp, min: -1d, max: now } } } }
`;
  const at = Date.UTC(2030, 4, 1);
  for (const r of tableRows(compileText(schema, { now: undefined }), 'e'))
    assert.ok(Number(r['t']) <= at && Number(r['t']) >= at - DAY);
  const later = Date.UTC(2040, 0, 1);
  for (const r of tableRows(compileText(schema, { now: later }), 'e'))
    assert.ok(Number(r['t']) >= later - DAY);
});

test('rules between entities that reference each other do not recurse without end', () => {
  const c = compileText(`
entities:
  departments:
    count: 10
    fields:
      id: { type: sequence, primaryKey: true }
      founded: { type: date, min: -20y, max: -5y }
      budget: { type: integer, min: 1, max: 100 }
      head_id: { ref: employees.id, nullRate: 0.2 }
  employees:
    count: 200
    fields:
      id: { type: sequence, primaryKey: true }
      department_id: { ref: departments.id }
      hired: { type: date, min: -20y, max: now }
      level: { type: integer, min: 1, max: 9 }
constraints:
  - { entity: departments, rule: 'budget % 2 = 0' }
  - { entity: employees, rule: 'hired >= department_id.founded and level % 3 != 0' }
`);
  const departments = tableRows(c, 'departments');
  const employees = tableRows(c, 'employees');
  const founded = new Map(departments.map((d) => [d['id'], Number(d['founded'])]));
  for (const e of employees) {
    assert.ok(Number(e['hired']) >= (founded.get(e['department_id']) as number));
    assert.notEqual(Number(e['level']) % 3, 0);
  }
  for (const d of departments) assert.equal(Number(d['budget']) % 2, 0);
});

test('a rule bound never pushes a field out of its declared range or to null', () => {
  const c = compileText(`
entities:
  t:
    count: 300
    fields:
      a: { type: integer, min: 0, max: 100 }
      b: { type: integer, min: 0, max: 50 }
      order_date: { type: date, min: -1y, max: now }
      ship_date: { type: date, min: -1y, max: -6mo }
constraints:
  - { entity: t, rule: 'b >= a' }
  - { entity: t, rule: 'ship_date >= order_date' }
`);
  for (const r of tableRows(c, 't')) {
    assert.ok(Number(r['b']) <= 50 && Number(r['b']) >= Number(r['a']), JSON.stringify(r));
    assert.notEqual(r['ship_date'], null);
    assert.ok(Number(r['ship_date']) >= Number(r['order_date']));
    assert.ok(Number(r['ship_date']) <= applyRelative(TEST_NOW, '-6mo'));
  }
});

test('a rule bound that can never fit the declared range is a conflict', () => {
  assert.throws(
    () =>
      compileText(`
entities:
  t:
    fields:
      a: { type: integer, min: 60, max: 100 }
      b: { type: integer, min: 0, max: 50 }
constraints:
  - { entity: t, rule: 'b >= a' }
`),
    (e: unknown) => {
      assert.ok(e instanceof TdmError);
      assert.deepEqual(
        e.problems.map((p) => [p.code, p.path, p.message]),
        [
          [
            'SCHEMA_CONSTRAINT_CONFLICT',
            'constraints[0].rule',
            'constraints[0].rule: "b >= a" cannot be satisfied: no values for t row 0 met it in 100 attempts',
          ],
        ],
      );
      return true;
    },
  );
});

test('comparisons become inclusive bounds, one step past the literal when strict', () => {
  const types: Record<string, string> = { n: 'integer', d: 'decimal', t: 'date' };
  const derive = (rule: string): unknown =>
    deriveFromRule(
      parseExpression(rule),
      (f) => types[f],
      (f) => (f === 'd' ? 1 : undefined),
    ).bounds.map((b) => `${b.field}.${b.option}=${String(b.source)}`);
  assert.deepEqual(derive('n > 5 and n < 10 and n >= 1 and 20 > n'), [
    'n.min=6',
    'n.max=9',
    'n.min=1',
    'n.max=19',
  ]);
  assert.deepEqual(derive('d > 0.1 and d < 2.25 and 0.5 < d'), ['d.min=0.2', 'd.max=2.2', 'd.min=0.6']);
  assert.deepEqual(derive("t > '2024-01-01' and t <= other and n between 1 and k"), [
    't.min=2024-01-01',
    't.max=other',
    'n.min=1',
    'n.max=k',
  ]);
  assert.deepEqual(derive('n + 1 > 5 or n < 3'), []);
});
