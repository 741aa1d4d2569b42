/**
 * @module Bad generator options give one coded problem with the exact path and message, through
 * validateSchema (never a throw, never a stack trace).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateSchema } from '../validate/index.js';
import { allGenerators } from './registry.js';
import { sampleSchema } from './testing/sample.js';

const P = 'entities.t.fields.value';

function problemsOf(spec: Record<string, unknown>): [string, string, string][] {
  const r = validateSchema(sampleSchema({ t: spec }));
  return r.problems.map((p) => [p.code, p.path, p.message]);
}

function expectProblem(spec: Record<string, unknown>, code: string, path: string, message: string): void {
  assert.deepEqual(problemsOf(spec), [[code, path, `${path}: ${message}`]]);
}

test('regex rejects invalid and unsupported patterns with SCHEMA_TYPE_INVALID', () => {
  const at = `${P}.pattern`;
  expectProblem(
    { type: 'regex', pattern: '[A-Z' },
    'SCHEMA_TYPE_INVALID',
    at,
    'not a valid regular expression (Invalid regular expression: /[A-Z/: Unterminated character class) in /[A-Z/',
  );
  expectProblem(
    { type: 'regex', pattern: 'a(?=b)' },
    'SCHEMA_TYPE_INVALID',
    at,
    'lookaround assertions are not supported in /a(?=b)/',
  );
  expectProblem(
    { type: 'regex', pattern: '(a)\\1' },
    'SCHEMA_TYPE_INVALID',
    at,
    'backreferences are not supported in /(a)\\1/',
  );
  expectProblem(
    { type: 'regex', pattern: 'a\\bb' },
    'SCHEMA_TYPE_INVALID',
    at,
    'the anchor \\b is only supported as ^ at the start or $ at the end in /a\\bb/',
  );
});

test('regex rejects patterns whose output could be too long, counting unbounded quantifiers at max', () => {
  const at = `${P}.pattern`;
  expectProblem(
    { type: 'regex', pattern: '(a{100}){200}' },
    'SCHEMA_TYPE_INVALID',
    at,
    'could produce strings of 20000 characters (limit 10000); bound its quantifiers or lower max in /(a{100}){200}/',
  );
  expectProblem(
    { type: 'regex', pattern: '(x+)+', max: 1000 },
    'SCHEMA_TYPE_INVALID',
    at,
    'could produce strings of 1002001 characters (limit 10000); bound its quantifiers or lower max in /(x+)+/',
  );
  assert.deepEqual(problemsOf({ type: 'regex', pattern: '(x+)+', max: 50 }), []);
});

test('unknown options and option conflicts are coded', () => {
  // The compiler words option problems (zod issues); only their code and subject are ours to pin.
  const [unknown] = problemsOf({ type: 'regex', pattern: 'ab', flags: 'i' });
  assert.equal(unknown?.[0], 'SCHEMA_OPTION_UNKNOWN');
  assert.match(unknown?.[2] ?? '', /flags/);
  expectProblem(
    { type: 'string', pattern: 'ab', minLength: 3 },
    'SCHEMA_TYPE_INVALID',
    P,
    'give either pattern or minLength/maxLength/charset, not both',
  );
  expectProblem(
    { type: 'internet.ipv4', cidr: '300.1.1.1/8' },
    'SCHEMA_TYPE_INVALID',
    `${P}.cidr`,
    '"300.1.1.1/8" is not an IPv4 block like 10.0.0.0/8',
  );
});

test('inverted ranges give SCHEMA_RANGE_INVALID', () => {
  expectProblem(
    { type: 'string', minLength: 9, maxLength: 3 },
    'SCHEMA_RANGE_INVALID',
    P,
    'minLength 9 is greater than maxLength 3',
  );
  expectProblem(
    { type: 'commerce.price', min: 10, max: 5 },
    'SCHEMA_RANGE_INVALID',
    P,
    'min 10 is greater than max 5',
  );
  expectProblem(
    { type: 'lorem.words', min: 10, max: 5 },
    'SCHEMA_RANGE_INVALID',
    P,
    'min 10 is greater than max 5',
  );
  expectProblem(
    { type: 'array', items: { type: 'integer' }, minItems: 5, maxItems: 2 },
    'SCHEMA_RANGE_INVALID',
    P,
    'minItems 5 is greater than maxItems 2',
  );
});

test('nested json members need a type and take no key options', () => {
  expectProblem(
    { type: 'json', shape: { a: { type: 'integer', unique: true } } },
    'SCHEMA_OPTION_UNKNOWN',
    `${P}.shape.a`,
    'unique applies to top-level fields only',
  );
  const [untyped] = problemsOf({ type: 'json', shape: { a: { min: 3 } } });
  assert.deepEqual(untyped?.slice(0, 2), ['SCHEMA_TYPE_INVALID', `${P}.shape.a.type`]);
  expectProblem(
    { type: 'json', shape: { a: { type: 'nope' } } },
    'SCHEMA_TYPE_UNKNOWN',
    `${P}.shape.a.type`,
    'unknown type "nope"',
  );
  expectProblem(
    { type: 'array', items: { type: 'integer', min: 5, max: 1 } },
    'SCHEMA_RANGE_INVALID',
    `${P}.items`,
    'min 5 is greater than max 1',
  );
});

test('every generator example is a valid field', () => {
  // The README's DSL reference is written from these examples.
  const specs = Object.fromEntries(allGenerators.map((g, i) => [`g${i}`, g.example]));
  assert.deepEqual(validateSchema(sampleSchema(specs)).problems, []);
});
