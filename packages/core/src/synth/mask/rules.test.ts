/**
 * @module Privacy rules: the documented shapes parse, every malformed rule is PRIVACY_RULES_INVALID
 * with the path of each problem (property-tested: no other error escapes), and findings turn into
 * sensible default rules.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isTdmError } from '../../errors/index.js';
import { PII_KINDS } from '../types.js';
import { parsePrivacyRules, privacyRules, privacyRulesFromFindings } from './index.js';

const EXAMPLE = `
preserveRelationships: true
tables:
  customers:
    email: { method: pseudonymize, keepDomain: true }
    name: { method: anonymize, kind: person_name }
    zip: { method: generalize, truncate: 3 }
    age: { method: generalize, width: 10, topCode: 90, bottomCode: 18 }
    birth_date: { method: generalize, truncate: year }
    ssn: { method: redact, keepLast: 4 }
    salary: { method: shuffle }
    notes: redact-pii
    vip: "null"
kAnonymity: { table: customers, k: 5, quasiIdentifiers: [zip, age, gender], maxSuppression: 0.01 }
`;

function problemsOf(text: string): { path: string; message: string }[] {
  try {
    parsePrivacyRules(text);
  } catch (e) {
    assert.ok(isTdmError(e));
    assert.equal(e.code, 'PRIVACY_RULES_INVALID');
    return e.problems;
  }
  assert.fail(`accepted: ${text}`);
}

test('the documented example parses, in YAML and in JSON; a bare method name is the method', () => {
  const rules = parsePrivacyRules(EXAMPLE);
  assert.deepEqual(rules.tables?.['customers']?.['notes'], { method: 'redact-pii' });
  assert.deepEqual(rules.tables?.['customers']?.['email'], { method: 'pseudonymize', keepDomain: true });
  assert.equal(rules.kAnonymity?.k, 5);
  assert.deepEqual(parsePrivacyRules(JSON.stringify(rules)), rules);
});

test('each problem is reported with its path and a hint', () => {
  const cases: [string, string, RegExp][] = [
    ['tabels: {}', 'tabels', /unknown key "tabels" \(did you mean "tables"\?\)/],
    [
      'tables: { c: { a: redacted } }',
      'tables.c.a.method',
      /unknown method "redacted" \(did you mean "redact"\?\)/,
    ],
    ['tables: { c: { a: { kind: email } } }', 'tables.c.a.method', /missing/],
    // `a: null` is YAML's null, not the method "null" (it said "expected a mapping, got null").
    ['tables: { c: { a: null } }', 'tables.c.a', /has no method \(YAML reads a bare null/],
    ['tables:\n  c:\n    a:\n', 'tables.c.a', /has no method/],
    [
      'tables: { c: { a: { method: redact, keeplast: 2 } } }',
      'tables.c.a.keeplast',
      /did you mean "keepLast"/,
    ],
    [
      'tables: { c: { a: { method: anonymize, kind: mail } } }',
      'tables.c.a.kind',
      /"mail" is not one of email/,
    ],
    ['tables: { c: { a: { method: generalize } } }', 'tables.c.a', /needs width, bins, truncate/],
    [
      'tables: { c: { a: { method: generalize, width: 5, bins: 3 } } }',
      'tables.c.a.bins',
      /either width or bins/,
    ],
    ['tables: { c: { a: { method: generalize, width: -5 } } }', 'tables.c.a.width', /too small/],
    [
      'tables: { c: { a: { method: generalize, topCode: 5, bottomCode: 9 } } }',
      'tables.c.a.bottomCode',
      /below topCode/,
    ],
    ['kAnonymity: { table: c, k: 1, quasiIdentifiers: [a] }', 'kAnonymity.k', /too small \(at least 2\)/],
    [
      'kAnonymity: { table: c, k: 2, quasiIdentifiers: [a, a] }',
      'kAnonymity.quasiIdentifiers',
      /listed twice/,
    ],
    ['- 1', '', /expected a mapping/],
  ];
  for (const [text, path, message] of cases) {
    const [p] = problemsOf(text);
    assert.equal(p?.path, path, text);
    assert.match(p?.message ?? '', message, text);
  }
  assert.throws(() => parsePrivacyRules('tables: [1, 2'), {
    code: 'PRIVACY_RULES_INVALID',
    message: /^privacy rules are not valid YAML\/JSON at line 1/,
  });
});

const method = fc.constantFrom(
  'anonymize',
  'pseudonymize',
  'generalize',
  'redact',
  'null',
  'shuffle',
  'redact-pii',
);
const anyValue = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const ruleLike = fc.oneof(
  method,
  fc.record(
    {
      method: fc.oneof(method, fc.string()),
      kind: fc.oneof(fc.constantFrom(...PII_KINDS), fc.string()),
      keepDomain: fc.oneof(fc.boolean(), anyValue),
      width: anyValue,
      bins: fc.oneof(fc.integer({ min: -3, max: 2000 }), anyValue),
      truncate: fc.oneof(
        fc.constantFrom('year', 'month', 'day', 'decade', 'week'),
        fc.integer({ min: -2, max: 9 }),
      ),
      topCode: anyValue,
      keepLast: anyValue,
      extra: anyValue,
    },
    { requiredKeys: [] },
  ),
  anyValue,
);

test('property: any rules object either parses or is PRIVACY_RULES_INVALID with a path per problem', () => {
  fc.assert(
    fc.property(
      fc.record(
        {
          preserveRelationships: fc.oneof(fc.boolean(), anyValue),
          tables: fc.dictionary(
            fc.string({ minLength: 1, maxLength: 6 }),
            fc.dictionary(fc.string({ maxLength: 6 }), ruleLike),
          ),
          kAnonymity: fc.record(
            {
              table: fc.oneof(fc.string(), anyValue),
              k: fc.oneof(fc.integer({ min: -2, max: 50 }), anyValue),
              quasiIdentifiers: fc.oneof(fc.array(fc.string(), { maxLength: 14 }), anyValue),
              maxSuppression: fc.oneof(fc.double({ min: -1, max: 1, noNaN: true }), anyValue),
            },
            { requiredKeys: [] },
          ),
        },
        { requiredKeys: [] },
      ),
      (raw) => {
        try {
          const rules = privacyRules(raw);
          // Accepted rules are normalized and survive a JSON round trip.
          assert.deepEqual(parsePrivacyRules(JSON.stringify(rules)), rules);
        } catch (e) {
          assert.ok(isTdmError(e), String(e));
          assert.equal(e.code, 'PRIVACY_RULES_INVALID');
          assert.ok(e.problems.length > 0);
          for (const p of e.problems) {
            assert.equal(p.code, 'PRIVACY_RULES_INVALID');
            assert.ok(p.message.startsWith(`${p.path || 'rules'}: `), p.message);
          }
        }
      },
    ),
    { numRuns: 500 },
  );
});

test('findings become default rules: keys and contacts pseudonymized, names anonymized, births by year', () => {
  const rules = privacyRulesFromFindings([
    { table: 'customers', column: 'email', kind: 'email' },
    { table: 'customers', column: 'name', kind: 'person_name' },
    { table: 'customers', column: 'dob', kind: 'date_of_birth' },
    { table: 'customers', column: 'zip', kind: 'postal_code' },
    { table: 'tickets', column: 'body', kind: 'free_text' },
    { table: 'payments', column: 'iban', kind: 'iban' },
  ]);
  assert.deepEqual(rules, {
    preserveRelationships: true,
    tables: {
      customers: {
        email: { method: 'pseudonymize' },
        name: { method: 'anonymize', kind: 'person_name' },
        dob: { method: 'generalize', truncate: 'year' },
        zip: { method: 'generalize', truncate: 3 },
      },
      tickets: { body: { method: 'redact-pii' } },
      payments: { iban: { method: 'pseudonymize' } },
    },
  });
  // Every kind has a default that is itself valid.
  const all = privacyRulesFromFindings(PII_KINDS.map((kind) => ({ table: 't', column: kind, kind })));
  assert.deepEqual(privacyRules(all), all);
});
