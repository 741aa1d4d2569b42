/**
 * @module defineQualityRules on every example schema: each reference, key, enum and constraint
 * becomes its rule, the team's `quality:` rules are appended, and each example's generated data
 * passes its own derived rules at premium.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseSchema } from '../dsl/index.js';
import { validateSchema } from '../validate/index.js';
import { defineQualityRules } from './derive.js';
import { generateCsv } from './testing/generated.js';
import { validateDataQuality } from './validate.js';

const NOW = Date.UTC(2025, 0, 1);
const dir = fileURLToPath(new URL('../../../../examples/', import.meta.url));
const examples = readdirSync(dir).filter((f) => f.endsWith('.yaml'));

for (const file of examples) {
  test(`examples/${file}: derived rules cover the schema and its generated data passes them at premium`, async () => {
    const text = readFileSync(join(dir, file), 'utf8');
    const doc = parseSchema(text);
    const rules = defineQualityRules(doc, { now: NOW });
    const ids = new Set(rules.rules.map((r) => r.id));
    assert.equal(ids.size, rules.rules.length, 'rule ids are unique');
    assert.deepEqual(
      rules.derived,
      rules.rules.map((r) => r.id),
    );
    // Fields a constraint sets to null have no expected null share: no completeness rule.
    const gated = new Set(
      (doc.constraints ?? []).flatMap((c) =>
        [...c.rule.matchAll(/then (\w+) is null/gi)].map((m) => `${c.entity}.${m[1]}`),
      ),
    );
    for (const [entity, e] of Object.entries(doc.entities)) {
      for (const [name, f] of Object.entries(e.fields)) {
        if (typeof f.ref === 'string')
          assert.ok(ids.has(`${entity}.${name}:foreignKey`), `${entity}.${name} ref`);
        if (f.unique || f.primaryKey)
          assert.ok(ids.has(`${entity}.${name}:unique`), `${entity}.${name} unique`);
        if (f.type === 'enum') assert.ok(ids.has(`${entity}.${name}:domain`), `${entity}.${name} enum`);
        const expected =
          (f.nullRate ?? 0) < 1 && !gated.has(`${entity}.${name}`) && (!f.tree || f.tree.roots !== undefined);
        assert.equal(ids.has(`${entity}.${name}:completeness`), expected, `${entity}.${name} completeness`);
      }
    }
    for (const c of doc.constraints ?? []) {
      assert.ok(
        rules.rules.some((r) => r.kind === 'expression' && r.entity === c.entity && r.rule === c.rule),
        c.rule,
      );
    }
    const gen = await generateCsv(text, NOW);
    try {
      const report = await validateDataQuality(await gen.open(), rules, { level: 'premium', now: NOW });
      const failing = report.rules
        .filter((r) => !r.passed)
        .map((r) => `${r.id}: ${r.failed}/${r.checked} ${r.error ?? ''}`);
      assert.deepEqual(failing, []);
      assert.equal(report.passed, true);
    } finally {
      await gen.remove();
    }
  });
}

test('a field bound naming another field becomes a consistency rule; relative bounds need now', () => {
  const text = `
entities:
  customers:
    count: 10
    fields:
      id: { type: integer, primaryKey: true, sequence: 1 }
      created_at: { type: timestamp, min: -3y, max: now }
  orders:
    count: 10
    fields:
      id: { type: integer, primaryKey: true, sequence: 1 }
      customer_id: { ref: customers.id }
      order_date: { type: timestamp, min: customer_id.created_at, max: now }
      ship_date: { type: timestamp, min: order_date + 1d, max: now }
      flag: { type: boolean, ratio: 0.25 }
`;
  const withoutNow = defineQualityRules(text);
  const expressions = withoutNow.rules
    .filter((r) => r.kind === 'expression')
    .map((r) => (r.kind === 'expression' ? r.rule : ''));
  assert.deepEqual(expressions, [
    'order_date >= customer_id.created_at',
    'ship_date >= order_date + 86400000',
  ]);
  assert.equal(
    withoutNow.rules.some((r) => r.id === 'customers.created_at:domain'),
    false,
  );
  const withNow = defineQualityRules(text, { now: NOW });
  const domain = withNow.rules.find((r) => r.id === 'customers.created_at:domain');
  assert.deepEqual(domain && domain.kind === 'domain' ? [domain.min, domain.max] : null, [
    '2022-01-01T00:00:00.000Z',
    '2025-01-01T00:00:00.000Z',
  ]);
  const flag = withNow.rules.find((r) => r.id === 'orders.flag:distribution');
  assert.deepEqual(flag && flag.kind === 'distribution' ? flag.weights : null, { true: 0.25, false: 0.75 });
});

test('the quality: section adds team rules and the level, and validates with the DSL', () => {
  const text = `
entities:
  users:
    count: 5
    fields:
      id: { type: integer, primaryKey: true, sequence: 1 }
      email: { type: internet.email }
quality:
  level: premium
  rules:
    - { kind: format, entity: users, field: email, format: regex, pattern: '[a-z._0-9]+@example\\.(com|org|net)', id: example-domain }
    - { kind: expression, entity: users, rule: 'id > 0' }
`;
  assert.deepEqual(validateSchema(text, { now: NOW }).problems, []);
  const rules = defineQualityRules(text);
  assert.equal(rules.level, 'premium');
  assert.ok(rules.rules.some((r) => r.id === 'example-domain'));
  assert.ok(!rules.derived.includes('example-domain'));
  assert.ok(rules.derived.includes('users.id:unique'));
  const bad = validateSchema(text.replace('kind: expression', 'kind: expresion'), { now: NOW });
  assert.equal(bad.valid, false);
  assert.ok(
    bad.problems.some((p) => p.path.startsWith('quality.rules')),
    JSON.stringify(bad.problems),
  );
});

test('validateSchema reports quality rules naming unknown entities, fields, parents, functions or unsafe regexes', () => {
  const text = `
entities:
  customers:
    count: 5
    fields:
      id: { type: integer, primaryKey: true, sequence: 1 }
      created_at: { type: timestamp, min: -1y, max: now }
  orders:
    count: 5
    fields:
      id: { type: integer, primaryKey: true, sequence: 1 }
      customer_id: { ref: customers.id }
quality:
  rules:
    - { kind: unique, entity: order, fields: [id] }
    - { kind: completeness, entity: orders, field: customer }
    - { kind: expression, entity: orders, rule: 'id > customer_id.created' }
    - { kind: expression, entity: orders, rule: 'eval(id) > 0' }
    - { kind: format, entity: orders, field: id, format: regex, pattern: '(a+)+' }
    - { kind: expression, entity: orders, rule: 'id > customer_id.created_at' }
`;
  const result = validateSchema(text, { now: NOW });
  assert.equal(result.valid, false);
  assert.deepEqual(
    result.problems.map((p) => [p.code, p.path, p.message]),
    [
      [
        'QUALITY_RULE_INVALID',
        'quality.rules[0].entity',
        'quality.rules[0].entity: unknown entity "order" (did you mean "orders"?)',
      ],
      [
        'QUALITY_RULE_INVALID',
        'quality.rules[1].field',
        'quality.rules[1].field: orders has no field "customer" (did you mean "customer_id"?)',
      ],
      [
        'QUALITY_RULE_INVALID',
        'quality.rules[2].rule',
        'quality.rules[2].rule: "customer_id.created": customers has no field "created"',
      ],
      ['QUALITY_RULE_INVALID', 'quality.rules[3]', 'quality.rules[3]: unknown function "eval"'],
      [
        'QUALITY_RULE_INVALID',
        'quality.rules[4]',
        'quality.rules[4].pattern: regular expression rejected: nested unbounded repetition',
      ],
    ],
  );
});
