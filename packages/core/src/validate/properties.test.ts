/**
 * @module Property tests: invalid schemas (mutations of valid ones, garbage, YAML-ish noise, deep nesting)
 * make validateSchema return coded problems, never throw and never fall through to INTERNAL_ERROR;
 * the expression parser fails only with a coded TdmError.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseSchemaText } from '../dsl/index.js';
import { errorCatalogue, TdmError } from '../errors/index.js';
import { compileExpression, parseExpression, type Value } from '../expr/index.js';
import { validateSchema, type ValidationResult } from './validate-schema.js';

const BASES: Record<string, unknown>[] = ['shop', 'hr', 'banking'].map(
  (name) =>
    parseSchemaText(
      readFileSync(new URL(`../../../../examples/${name}.yaml`, import.meta.url), 'utf8'),
    ) as Record<string, unknown>,
);

/** Validates and checks the result is well formed; returns it for further checks. */
function checked(input: unknown): ValidationResult {
  const r = validateSchema(input);
  assert.equal(r.valid, r.problems.length === 0);
  for (const p of r.problems) {
    assert.ok(p.code in errorCatalogue, p.code);
    assert.notEqual(p.code, 'INTERNAL_ERROR', p.message);
    assert.equal(typeof p.path, 'string');
    assert.ok(p.message.length > 0 && p.suggestion.length > 0);
  }
  return r;
}

type Doc = Record<string, unknown>;
const clone = (d: unknown): Doc => JSON.parse(JSON.stringify(d)) as Doc;
const entitiesOf = (d: Doc): Record<string, Doc> => d['entities'] as Record<string, Doc>;
const fieldsOf = (e: Doc): Record<string, Doc> => e['fields'] as Record<string, Doc>;
/** The field's spec as a mapping (an earlier mutation may have replaced it by junk). */
function fieldOf(d: Doc, e: string, f: string): Doc {
  const fields = fieldsOf(entitiesOf(d)[e] as Doc);
  const spec: unknown = fields[f];
  if (typeof spec === 'object' && spec !== null && !Array.isArray(spec)) return spec as Doc;
  return (fields[f] = { type: 'integer' });
}

/** A mutation that certainly makes a schema invalid, applied at a random entity and field. */
type Mutation = (doc: Doc, entity: string, field: string, junk: unknown) => void;

const MUTATIONS: Record<string, Mutation> = {
  unknownRef: (d, e, f) => (fieldsOf(entitiesOf(d)[e] as Doc)[f] = { ref: `${e}_nope.id` }),
  unknownRefField: (d, e, f) => (fieldsOf(entitiesOf(d)[e] as Doc)[f] = { ref: `${e}.nope` }),
  minAboveMax: (d, e, f) => (fieldsOf(entitiesOf(d)[e] as Doc)[f] = { type: 'integer', min: 10, max: 1 }),
  datesReversed: (d, e, f) =>
    (fieldsOf(entitiesOf(d)[e] as Doc)[f] = { type: 'date', min: '2020-01-02', max: '2020-01-01' }),
  unknownType: (d, e, f) => (fieldsOf(entitiesOf(d)[e] as Doc)[f] = { type: 'no.such.generator' }),
  junkField: (d, e, f, junk) => (fieldsOf(entitiesOf(d)[e] as Doc)[f] = (junk ?? 5) as Doc),
  badNullRate: (d, e, f) => (fieldOf(d, e, f)['nullRate'] = 3),
  badCount: (d, e) => ((entitiesOf(d)[e] as Doc)['count'] = 'many'),
  unknownOption: (d, e, f) => (fieldOf(d, e, f)['bogusOption'] = 1),
  badRule: (d, e) =>
    (d['constraints'] = [...((d['constraints'] as unknown[]) ?? []), { entity: e, rule: 'a >' }]),
  unknownRuleField: (d, e) =>
    (d['constraints'] = [...((d['constraints'] as unknown[]) ?? []), { entity: e, rule: 'zz_unknown > 1' }]),
  uniqueTooSmall: (d, e, f) => {
    (entitiesOf(d)[e] as Doc)['count'] = 50;
    fieldsOf(entitiesOf(d)[e] as Doc)[f] = { type: 'enum', values: ['a', 'b'], unique: true };
  },
  selfRef: (d, e, f) => {
    const fields = fieldsOf(entitiesOf(d)[e] as Doc);
    fields['self_pk'] = { type: 'sequence', unique: true };
    fields[f] = { ref: `${e}.self_pk` };
  },
};

const mutated = fc
  .tuple(
    fc.nat(BASES.length - 1),
    fc.array(fc.tuple(fc.constantFrom(...Object.keys(MUTATIONS)), fc.nat(), fc.nat(), fc.anything()), {
      minLength: 1,
      maxLength: 5,
    }),
  )
  .map(([b, muts]) => {
    const doc = clone(BASES[b]);
    const names = Object.keys(entitiesOf(doc));
    for (const [m, ei, fi, junk] of muts) {
      const e = names[ei % names.length] as string;
      const fields = Object.keys(fieldsOf(entitiesOf(doc)[e] as Doc));
      (MUTATIONS[m] as Mutation)(doc, e, fields[fi % fields.length] as string, junk);
    }
    return doc;
  });

test('mutated schemas give coded problems, never a crash', () => {
  fc.assert(
    fc.property(mutated, (doc) => {
      const r = checked(doc);
      assert.equal(r.valid, false, JSON.stringify(doc).slice(0, 300));
    }),
    { numRuns: 100 },
  );
});

/** A random value put at a random path of a valid schema: valid or coded problems. */
test('random values anywhere in a schema never crash validation', () => {
  const path = fc.array(
    fc.oneof(fc.constantFrom('entities', 'fields', 'count', 'min', 'max', 'ref', 'type'), fc.string()),
    {
      minLength: 1,
      maxLength: 5,
    },
  );
  fc.assert(
    fc.property(fc.nat(BASES.length - 1), path, fc.anything({ maxDepth: 4 }), (b, keys, junk) => {
      const doc = clone(BASES[b]);
      let node: Doc = doc;
      for (const k of keys.slice(0, -1)) {
        const next = node[k];
        node = typeof next === 'object' && next !== null ? (next as Doc) : ((node[k] = {}) as Doc);
      }
      node[keys[keys.length - 1] as string] = junk;
      checked(doc);
    }),
    { numRuns: 100 },
  );
});

const YAMLISH = [
  'entities:',
  '\n',
  '  ',
  'fields:',
  'count: ',
  'type: integer',
  'ref: a.id',
  '{',
  '}',
  '[',
  ']',
  ':',
  '- ',
  ',',
  "'",
  '"',
  '#',
  '&a ',
  '*a',
  '!!str ',
  '<<: *a',
  'a',
  '5',
  '-3y',
  'null',
  '~',
  '|',
  '>',
  '\t',
  '%YAML 1.2',
  '---',
];

test('random text, JSON and YAML-ish noise give coded problems, never a crash', () => {
  const text = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.json({ maxDepth: 5 }),
    fc.array(fc.constantFrom(...YAMLISH), { maxLength: 60 }).map((parts) => parts.join('')),
  );
  fc.assert(
    fc.property(text, (t) => {
      checked(t);
    }),
    { numRuns: 150 },
  );
});

test('deeply nested input is refused or read, never a crash', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 3000 }), fc.constantFrom('[', '{"a":', '- '), (depth, open) => {
      const close = open === '[' ? ']' : open === '- ' ? '' : '}';
      const text =
        open === '- '
          ? Array.from({ length: Math.min(depth, 400) }, (_, i) => `${' '.repeat(i * 2)}- `).join('\n') + '1'
          : `${open.repeat(depth)}1${close.repeat(depth)}`;
      assert.equal(checked(text).valid, false);
      let nested: unknown = 'x';
      for (let i = 0; i < depth; i++) nested = i % 2 ? [nested] : { k: nested };
      checked({ entities: { t: { fields: { a: { type: 'enum', values: [nested] } } } } });
      checked({ entities: { t: { fields: nested } } });
    }),
    { numRuns: 30 },
  );
});

const EXPRISH = [
  'a',
  'b.c',
  ' ',
  '1',
  '2.5',
  "'x'",
  '"y"',
  '(',
  ')',
  ',',
  '+',
  '-',
  '*',
  '/',
  '%',
  '=',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  'and',
  'or',
  'not',
  'between',
  'is',
  'null',
  'in',
  'if',
  'then',
  'else',
  'true',
  'lower(',
  'date(',
  'round(',
  'now()',
  '!',
  '&&',
  '.',
  "'",
];

test('parseExpression on random strings fails only with a coded TdmError', () => {
  const src = fc.oneof(
    fc.string({ maxLength: 80 }),
    fc.array(fc.constantFrom(...EXPRISH), { maxLength: 25 }).map((p) => p.join(' ')),
    fc.array(fc.constantFrom(...EXPRISH), { maxLength: 25 }).map((p) => p.join('')),
    fc.integer({ min: 1, max: 5000 }).map((n) => '('.repeat(n) + 'a' + ')'.repeat(n)),
    fc.integer({ min: 1, max: 5000 }).map((n) => 'not '.repeat(n) + 'a'),
  );
  const values: Value[] = [null, 0, 3, -2.5, 'x', '2024-01-01', true];
  fc.assert(
    fc.property(src, fc.nat(), (s, pick) => {
      try {
        const expr = parseExpression(s);
        // What parses also compiles (or fails coded) and evaluates without throwing anything else.
        const get = compileExpression(expr, () => () => values[pick % values.length] ?? null);
        get(0, []);
      } catch (e) {
        assert.ok(e instanceof TdmError, `${String(e)} for ${JSON.stringify(s)}`);
        assert.equal(e.code, 'SCHEMA_CONSTRAINT_INVALID');
      }
    }),
    { numRuns: 300 },
  );
});
