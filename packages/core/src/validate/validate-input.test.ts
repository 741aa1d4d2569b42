/** @module validateSchema on malformed input: wrong types, unknown names, YAML errors, size, all at once. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_SCHEMA_BYTES } from '../dsl/index.js';
import { validateSchema } from './validate-schema.js';

function problemsOf(schema: unknown): [string, string, string][] {
  const r = validateSchema(schema);
  assert.equal(r.valid, false);
  for (const p of r.problems) assert.ok(p.suggestion.length > 10, `${p.code} has a suggestion`);
  return r.problems.map((p) => [p.code, p.path, p.message]);
}

test('values of the wrong type name the path, the value and what is expected', () => {
  assert.deepEqual(
    problemsOf(`
seed: 1.5
entities:
  t:
    count: many
    fields:
      a: { type: integer, nullRate: 2, unique: 'yes' }
      b: 5
`),
    [
      ['SCHEMA_TYPE_INVALID', 'seed', 'seed: expected a whole number, got 1.5'],
      [
        'SCHEMA_COUNT_INVALID',
        'entities.t.count',
        'entities.t.count: "many" is not a count: give a whole number of rows or a per-parent spec',
      ],
      [
        'SCHEMA_TYPE_INVALID',
        'entities.t.fields.a.nullRate',
        'entities.t.fields.a.nullRate: 2 is too big (at most 1)',
      ],
      [
        'SCHEMA_TYPE_INVALID',
        'entities.t.fields.a.unique',
        'entities.t.fields.a.unique: expected true or false, got "yes"',
      ],
      ['SCHEMA_TYPE_INVALID', 'entities.t.fields.b', 'entities.t.fields.b: expected a mapping, got 5'],
    ],
  );
});

test('per-parent count specs are checked key by key', () => {
  assert.deepEqual(
    problemsOf(`
entities:
  c: { fields: { id: { type: sequence, primaryKey: true } } }
  o:
    count: { per: c, distribution: poison, mean: -1, maxx: 3 }
    fields: { c_id: { ref: c.id } }
`),
    [
      [
        'SCHEMA_COUNT_INVALID',
        'entities.o.count.distribution',
        'entities.o.count.distribution: "poison" is not one of uniform, normal, lognormal, poisson, exponential, zipf, weighted, fixed (did you mean "poisson"?)',
      ],
      [
        'SCHEMA_COUNT_INVALID',
        'entities.o.count.mean',
        'entities.o.count.mean: -1 is too small (at least 0)',
      ],
      [
        'SCHEMA_OPTION_UNKNOWN',
        'entities.o.count.maxx',
        'entities.o.count.maxx: unknown key "maxx" (did you mean "max"?)',
      ],
    ],
  );
});

test('unknown generator types and options suggest the closest name', () => {
  assert.deepEqual(
    problemsOf(`
entities:
  t:
    fields:
      a: { type: integr }
      b: { type: integer, maxx: 5, nulRate: 0.1 }
      c: { ref: t.b, nullRate: 0.5, pik: zipf }
    primaryKeys: [a]
`),
    [
      [
        'SCHEMA_OPTION_UNKNOWN',
        'entities.t.primaryKeys',
        'entities.t.primaryKeys: unknown key "primaryKeys" (did you mean "primaryKey"?)',
      ],
      [
        'SCHEMA_TYPE_UNKNOWN',
        'entities.t.fields.a.type',
        'entities.t.fields.a.type: unknown type "integr" (did you mean "integer"?)',
      ],
      [
        'SCHEMA_OPTION_UNKNOWN',
        'entities.t.fields.b.maxx',
        'entities.t.fields.b.maxx: integer has no option "maxx" (did you mean "max"?)',
      ],
      [
        'SCHEMA_OPTION_UNKNOWN',
        'entities.t.fields.b.nulRate',
        'entities.t.fields.b.nulRate: integer has no option "nulRate" (did you mean "nullRate"?)',
      ],
      [
        'SCHEMA_OPTION_UNKNOWN',
        'entities.t.fields.c.pik',
        'entities.t.fields.c.pik: a reference has no option "pik" (did you mean "pick"?)',
      ],
    ],
  );
});

test('YAML syntax errors give the line and column', () => {
  const r = validateSchema('entities:\n  t:\n    fields:\n      a: { type: integer\n  b: 1\n');
  assert.deepEqual(
    r.problems.map((p) => [p.code, p.path, p.message]),
    [
      [
        'SCHEMA_PARSE_ERROR',
        '',
        'schema is not valid YAML/JSON at line 5, column 3: Flow map in block collection must be sufficiently indented and end with a }',
      ],
    ],
  );
  assert.equal(validateSchema('entities:\n  a: 1\n  a: 2\n').problems[0]?.code, 'SCHEMA_PARSE_ERROR');
  assert.deepEqual(problemsOf('- just\n- a list\n'), [
    ['SCHEMA_TYPE_INVALID', '', 'the document is not a mapping'],
  ]);
});

test('oversized and deeply nested documents are refused with a coded error', () => {
  const big = `entities: {}\n# ${'x'.repeat(MAX_SCHEMA_BYTES)}`;
  assert.deepEqual(problemsOf(big), [
    ['SCHEMA_TOO_LARGE', '', `schema is ${big.length} bytes; the limit is ${MAX_SCHEMA_BYTES}`],
  ]);
  // Multi-byte characters count as bytes, not UTF-16 units.
  const wide = `entities: {}\n# ${'é'.repeat(MAX_SCHEMA_BYTES / 2)}`;
  assert.equal(validateSchema(wide).problems[0]?.code, 'SCHEMA_TOO_LARGE');
  const deep = `entities: { t: { fields: { a: { type: enum, values: ${'['.repeat(5000)}${']'.repeat(5000)} } } } }`;
  assert.deepEqual(problemsOf(deep), [
    ['SCHEMA_TOO_LARGE', '', 'schema nests deeper than 64 levels at line 1'],
  ]);
  let nested: unknown = 1;
  for (let i = 0; i < 10000; i++) nested = { a: nested };
  assert.equal(validateSchema({ entities: { t: { fields: { a: nested } } } }).valid, false);
});

test('every independent mistake is reported in one pass', () => {
  const problems = problemsOf(`
entities:
  customers:
    count: 10
    fields:
      id: { type: uuid, primaryKey: true }
  orders:
    count: -3
    fields:
      customer_id: { ref: customer.id }
      amount: { type: decimall }
      qty: { type: integer, min: 5, max: 1 }
      note: { type: enum, values: [a], nullRate: 7 }
      total: { type: expression, expr: 'amount * qty' }
`);
  assert.deepEqual(
    problems.map(([code, path]) => [code, path]),
    [
      ['SCHEMA_COUNT_INVALID', 'entities.orders.count'],
      ['SCHEMA_TYPE_INVALID', 'entities.orders.fields.note.nullRate'],
      ['SCHEMA_REF_UNKNOWN', 'entities.orders.fields.customer_id.ref'],
      ['SCHEMA_TYPE_UNKNOWN', 'entities.orders.fields.amount.type'],
      ['SCHEMA_RANGE_INVALID', 'entities.orders.fields.qty'],
    ],
  );
});

test('a valid schema reports its row counts', () => {
  const r = validateSchema({ entities: { t: { count: 7, fields: { a: { type: 'integer' } } } } });
  assert.deepEqual(r, { valid: true, problems: [], rowCounts: { t: 7 } });
});
