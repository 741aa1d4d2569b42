/** @module validateSchema on references, cycles, capacity, ranges and self references: exact problems. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateSchema } from './validate-schema.js';

/** [code, path, message] of every problem; each must carry a suggestion. */
function problemsOf(schema: string): [string, string, string][] {
  const r = validateSchema(schema);
  assert.equal(r.valid, r.problems.length === 0);
  for (const p of r.problems) assert.ok(p.suggestion.length > 10, `${p.code} has a suggestion`);
  return r.problems.map((p) => [p.code, p.path, p.message]);
}

const CUSTOMERS = `
entities:
  customers:
    count: 10
    fields:
      id: { type: uuid, primaryKey: true }
      email: { type: internet.email }
`;
const withOrders = (field: string): string => `${CUSTOMERS}  orders:\n    fields:\n      ${field}\n`;

test('a reference to an unknown entity suggests the closest name', () => {
  const path = 'entities.orders.fields.customer_id.ref';
  assert.deepEqual(problemsOf(withOrders('customer_id: { ref: customer.id }')), [
    ['SCHEMA_REF_UNKNOWN', path, `${path}: unknown entity "customer" (did you mean "customers"?)`],
  ]);
});

test('a reference to an unknown field suggests the closest field', () => {
  const path = 'entities.orders.fields.customer_id.ref';
  assert.deepEqual(problemsOf(withOrders('customer_id: { ref: customers.idd }')), [
    ['SCHEMA_REF_UNKNOWN', path, `${path}: customers has no field "idd" (did you mean "id"?)`],
  ]);
  assert.deepEqual(problemsOf(withOrders('customer_id: { ref: customers }')), [
    ['SCHEMA_REF_UNKNOWN', path, `${path}: "customers" is not of the form entity.field`],
  ]);
});

test('a reference to a field that is not a key is refused, with the fix', () => {
  const path = 'entities.orders.fields.customer_id.ref';
  const r = validateSchema(withOrders('customer_id: { ref: customers.email }'));
  assert.deepEqual(
    r.problems.map((p) => [p.code, p.path, p.message, p.suggestion]),
    [
      [
        'SCHEMA_REF_UNKNOWN',
        path,
        `${path}: customers.email is not a primary key or unique field`,
        'Mark customers.email primaryKey or unique, or reference the key of customers.',
      ],
    ],
  );
});

test('a reference cycle without a nullable reference shows the cycle', () => {
  const entity = (name: string, ref: string): string =>
    `  ${name}:\n    fields:\n      id: { type: sequence, primaryKey: true }\n      ${ref}\n`;
  const schema = `entities:\n${entity('a', 'b_id: { ref: b.id }')}${entity('b', 'c_id: { ref: c.id }')}${entity('c', 'a_id: { ref: a.id }')}`;
  assert.deepEqual(problemsOf(schema), [
    [
      'SCHEMA_CYCLE',
      'entities.a.fields.b_id.ref',
      'entities.a.fields.b_id.ref: references form a cycle with no nullable reference: a.b_id -> b.c_id -> c.a_id -> a',
    ],
  ]);
  // One nullable reference breaks the cycle.
  assert.deepEqual(problemsOf(schema.replace('{ ref: c.id }', '{ ref: c.id, nullRate: 0.1 }')), []);
});

test('per-parent counts that form a cycle are reported once', () => {
  assert.deepEqual(
    problemsOf(`
entities:
  a:
    count: { per: b, distribution: fixed, value: 1 }
    fields: { id: { type: sequence, primaryKey: true } }
  b:
    count: { per: a, distribution: fixed, value: 2 }
    fields: { id: { type: sequence, primaryKey: true } }
`),
    [['SCHEMA_CYCLE', 'entities.a.count', 'entities.a.count: per-parent counts form a cycle: a -> b -> a']],
  );
  assert.deepEqual(
    problemsOf(
      `entities:\n  a:\n    count: { per: user, distribution: fixed, value: 1 }\n    fields: { id: { type: sequence } }\n  users: { fields: { id: { type: sequence } } }\n`,
    ),
    [
      [
        'SCHEMA_REF_UNKNOWN',
        'entities.a.count.per',
        'entities.a.count.per: unknown entity "user" (did you mean "users"?)',
      ],
    ],
  );
});

test('uniqueness that cannot fit the rows is reported with the capacity', () => {
  assert.deepEqual(
    problemsOf(
      `entities:\n  t:\n    count: 10\n    fields:\n      color: { type: enum, values: [red, green, blue], unique: true }\n`,
    ),
    [
      [
        'SCHEMA_UNIQUE_CAPACITY',
        'entities.t.fields.color.unique',
        'entities.t.fields.color.unique: color must be unique but only 3 distinct values exist for the rows requested (10 rows)',
      ],
    ],
  );
  assert.deepEqual(
    problemsOf(`
entities:
  students: { count: 4, fields: { id: { type: sequence, primaryKey: true } } }
  courses: { count: 3, fields: { id: { type: sequence, primaryKey: true } } }
  enrolments:
    count: 20
    unique: [[student_id, course_id]]
    fields:
      student_id: { ref: students.id }
      course_id: { ref: courses.id }
`),
    [
      [
        'SCHEMA_UNIQUE_CAPACITY',
        'entities.enrolments.unique[0]',
        'entities.enrolments.unique[0]: student_id, course_id must be unique but only 12 distinct values exist for the rows requested (20 rows)',
      ],
    ],
  );
  assert.deepEqual(
    problemsOf(`
entities:
  orders: { count: 50, fields: { id: { type: sequence, primaryKey: true } } }
  products: { count: 3, fields: { id: { type: sequence, primaryKey: true } } }
  items:
    count: { per: orders, distribution: fixed, value: 5 }
    primaryKey: [order_id, product_id]
    fields:
      order_id: { ref: orders.id }
      product_id: { ref: products.id }
`),
    [
      [
        'SCHEMA_UNIQUE_CAPACITY',
        'entities.items.primaryKey',
        'entities.items.primaryKey: order_id, product_id must be unique but only 3 distinct values exist for the rows requested per orders row (up to 5)',
      ],
    ],
  );
});

test('min greater than max is reported for numbers, dates and relative instants', () => {
  assert.deepEqual(
    problemsOf(`
now: '2025-06-01T00:00:00Z'
entities:
  t:
    fields:
      n: { type: integer, min: 10, max: 5 }
      d: { type: date, min: '2020-01-01', max: '2019-01-01' }
      r: { type: timestamp, min: now, max: -1d }
`),
    [
      ['SCHEMA_RANGE_INVALID', 'entities.t.fields.n', 'entities.t.fields.n: min 10 is greater than max 5'],
      [
        'SCHEMA_RANGE_INVALID',
        'entities.t.fields.d',
        'entities.t.fields.d: min 2020-01-01T00:00:00.000Z is after max 2019-01-01T00:00:00.000Z',
      ],
      [
        'SCHEMA_RANGE_INVALID',
        'entities.t.fields.r',
        'entities.t.fields.r: min 2025-06-01T00:00:00.000Z is after max 2025-05-31T00:00:00.000Z',
      ],
    ],
  );
});

test('a self reference needs nullRate or a tree', () => {
  const path = 'entities.e.fields.manager_id';
  assert.deepEqual(
    problemsOf(
      `entities:\n  e:\n    fields:\n      id: { type: sequence, primaryKey: true }\n      manager_id: { ref: e.id }\n`,
    ),
    [
      [
        'SCHEMA_SELF_REF_NOT_NULLABLE',
        path,
        `${path}: a self reference needs roots: set nullRate > 0 or tree: { maxDepth: N }`,
      ],
    ],
  );
});

test('the schema now is used to check relative bounds', () => {
  const schema = (now: string): string =>
    `now: '${now}'\nentities:\n  t:\n    fields:\n      d: { type: date, min: '2010-01-01', max: -4y }\n`;
  assert.equal(validateSchema(schema('2025-01-01')).valid, true);
  assert.equal(validateSchema(schema('2013-01-01')).problems[0]?.code, 'SCHEMA_RANGE_INVALID');
  assert.equal(validateSchema(schema('2013-01-01'), { now: Date.UTC(2025, 0, 1) }).valid, true);
});
