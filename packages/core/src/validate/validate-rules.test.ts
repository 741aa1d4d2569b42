/** @module validateSchema on rules: conflicts, syntax errors with positions, unknown names. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateSchema } from './validate-schema.js';

function problemsOf(schema: string): [string, string, string][] {
  const r = validateSchema(schema);
  for (const p of r.problems) assert.ok(p.suggestion.length > 10, `${p.code} has a suggestion`);
  return r.problems.map((p) => [p.code, p.path, p.message]);
}

const T = (fields: string, rules: string[]): string =>
  `entities:\n  t:\n    count: 20\n    fields:\n${fields}constraints:\n${rules.map((r) => `  - { entity: t, rule: "${r}" }\n`).join('')}`;
const NUMBERS = '      a: { type: integer, min: 0, max: 10 }\n      b: { type: integer, min: 20, max: 30 }\n';

test('a rule contradicting a declared range is a conflict naming the rule', () => {
  const schema = `entities:\n  orders:\n    fields:\n      amount: { type: decimal, min: 0, max: 50 }\nconstraints:\n  - { entity: orders, rule: 'amount > 100' }\n`;
  const r = validateSchema(schema);
  assert.deepEqual(
    r.problems.map((p) => [p.code, p.path, p.message, p.suggestion]),
    [
      [
        'SCHEMA_CONSTRAINT_CONFLICT',
        'constraints[0].rule',
        'constraints[0].rule: "amount > 100" cannot hold with the declared range of orders.amount: with the rule, min 100.01 is greater than max 50',
        'Remove or relax one of the conflicting rules.',
      ],
    ],
  );
});

test('rules no row can satisfy are conflicts found before generation', () => {
  assert.deepEqual(problemsOf(T(NUMBERS, ['a > b'])), [
    [
      'SCHEMA_CONSTRAINT_CONFLICT',
      'constraints[0].rule',
      'constraints[0].rule: "a > b" cannot be satisfied: no values for t row 0 met it in 100 attempts',
    ],
  ]);
  assert.deepEqual(problemsOf(T('      s: { type: enum, values: [x, y] }\n', ["s = 'z'"])), [
    [
      'SCHEMA_CONSTRAINT_CONFLICT',
      'constraints[0].rule',
      `constraints[0].rule: "s = 'z'" cannot be satisfied: no values for t row 0 met it in 100 attempts`,
    ],
  ]);
  assert.deepEqual(problemsOf(T(NUMBERS, ['a < b', 'b - a >= 10'])), []);
});

test('invalid expressions are reported with the position', () => {
  assert.deepEqual(problemsOf(T(NUMBERS, ['a > > 3', 'a between 1', '(a > 1'])), [
    [
      'SCHEMA_CONSTRAINT_INVALID',
      'constraints[0].rule',
      'constraints[0].rule: expression "a > > 3": unexpected ">" at position 5',
    ],
    [
      'SCHEMA_CONSTRAINT_INVALID',
      'constraints[1].rule',
      'constraints[1].rule: expression "a between 1": expected "and" at position 12',
    ],
    [
      'SCHEMA_CONSTRAINT_INVALID',
      'constraints[2].rule',
      'constraints[2].rule: expression "(a > 1": expected ")" at position 7',
    ],
  ]);
});

test('unknown fields and functions in rules are reported with suggestions', () => {
  const schema = `
entities:
  customers: { fields: { id: { type: sequence, primaryKey: true }, created_at: { type: timestamp } } }
  orders:
    fields:
      customer_id: { ref: customers.id }
      amount: { type: integer }
constraints:
  - { entity: orders, rule: 'amout > 3' }
  - { entity: orders, rule: 'customer_id.created > 0' }
  - { entity: orders, rule: 'amount.x > 0' }
  - { entity: orders, rule: 'lenght(amount) > 0' }
  - { entity: order, rule: 'amount > 0' }
`;
  assert.deepEqual(problemsOf(schema), [
    [
      'SCHEMA_FIELD_UNKNOWN',
      'constraints[0].rule',
      'constraints[0].rule: orders has no field "amout" (did you mean "amount"?)',
    ],
    [
      'SCHEMA_FIELD_UNKNOWN',
      'constraints[1].rule',
      'constraints[1].rule: "customer_id.created": customers has no field "created" (did you mean "created_at"?)',
    ],
    [
      'SCHEMA_FIELD_UNKNOWN',
      'constraints[2].rule',
      'constraints[2].rule: "amount.x": orders.amount is not a reference, so it has no fields',
    ],
    [
      'SCHEMA_CONSTRAINT_INVALID',
      'constraints[3].rule',
      'constraints[3].rule: unknown function "lenght" (did you mean "length"?)',
    ],
    [
      'SCHEMA_REF_UNKNOWN',
      'constraints[4].entity',
      'constraints[4].entity: unknown entity "order" (did you mean "orders"?)',
    ],
  ]);
});

test('rule problems are reported even when a field of the entity is broken', () => {
  assert.deepEqual(problemsOf(T('      a: { type: integr }\n', ['a > 1', 'c > 1'])), [
    ['SCHEMA_FIELD_UNKNOWN', 'constraints[1].rule', 'constraints[1].rule: t has no field "c"'],
    [
      'SCHEMA_TYPE_UNKNOWN',
      'entities.t.fields.a.type',
      'entities.t.fields.a.type: unknown type "integr" (did you mean "integer"?)',
    ],
  ]);
});
