/**
 * @module Quality expressions are the DSL's sandboxed language: hostile input (prototype names,
 * process access, unknown functions, huge or deeply nested expressions, catastrophic regexes)
 * gives a coded QUALITY_RULE_INVALID error or a plain value, never code execution.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { TdmError } from '../errors/index.js';
import { memoryDataset } from './source.js';
import { validateDataQuality } from './validate.js';

const data = () =>
  memoryDataset([
    {
      name: 't',
      columns: [
        { name: 'a', type: 'integer' },
        { name: 's', type: 'string' },
      ],
      rows: [
        [1, 'x'],
        [2, '__proto__'],
        [3, null],
      ],
    },
  ]);

async function check(rule: string): Promise<Awaited<ReturnType<typeof validateDataQuality>>> {
  return validateDataQuality(data(), { rules: [{ kind: 'expression', entity: 't', rule }] });
}

async function rejects(rule: string, pattern: RegExp): Promise<void> {
  await assert.rejects(check(rule), (e: unknown) => {
    assert.ok(e instanceof TdmError, String(e));
    assert.equal(e.code, 'QUALITY_RULE_INVALID');
    assert.match(e.message, pattern);
    return true;
  });
}

test('prototype and process names are fields, and unknown fields fail the rule, not the process', async () => {
  for (const name of ['__proto__', 'constructor', 'prototype', 'process', 'globalThis', 'this', 'require']) {
    const report = await check(`${name} is null`);
    const r = report.rules[0];
    assert.equal(r?.error, `t (t.mem) has no field "${name}"`, name);
    assert.equal(report.passed, false);
  }
  await rejects('a.constructor.name = 1', /only one level of parent is supported/);
  await rejects('a.constructor = 1', /t.a is not a reference/);
});

test('calls outside the fixed function table are coded errors', async () => {
  await rejects('eval(s) = 1', /unknown function "eval"/);
  await rejects("constructor('return process')() = 1", /unexpected|unknown function/);
  await rejects('process.exit(1) = 1', /unknown function|unexpected/);
  await rejects('require(s) = 1', /unknown function "require"/);
  await rejects("s['constructor'] = 1", /unexpected character/);
  await rejects('`x` = 1', /unexpected character/);
  await rejects('a => a', /unexpected/);
});

test('string values such as "__proto__" are only data', async () => {
  const report = await check("s != '__proto__'");
  assert.equal(report.rules[0]?.failed, 1);
  assert.equal(report.rules[0]?.samples[0]?.row, 1);
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
});

test('huge and deeply nested expressions are refused with a code', async () => {
  await rejects('a = 1 or '.repeat(600) + 'a = 1', /longer than 4096/);
  await rejects('('.repeat(100) + 'a' + ')'.repeat(100) + ' = 1', /nested too deeply/);
  await rejects('not '.repeat(100) + 'a = 1', /nested too deeply/);
  await rejects('-'.repeat(100) + 'a = 1', /nested too deeply/);
});

test('catastrophic regexes and bad JSON Schemas are refused before any row is read', async () => {
  for (const pattern of ['(a+)+$', '(a|aa)*b*(c+)+', '(x*)*', '(a)\\1']) {
    await assert.rejects(
      validateDataQuality(data(), {
        rules: [{ kind: 'format', entity: 't', field: 's', format: 'regex', pattern }],
      }),
      (e: unknown) => e instanceof TdmError && e.code === 'QUALITY_RULE_INVALID',
      pattern,
    );
  }
  await assert.rejects(
    validateDataQuality(data(), {
      rules: [{ kind: 'format', entity: 't', field: 's', format: 'regex', pattern: '(' }],
    }),
    (e: unknown) =>
      e instanceof TdmError &&
      e.code === 'QUALITY_RULE_INVALID' &&
      /invalid regular expression/.test(e.message),
  );
});

test('any printable input either compiles or fails with a coded error (fuzz)', async () => {
  await fc.assert(
    fc.asyncProperty(fc.string({ maxLength: 80 }), async (src) => {
      try {
        const report = await check(src);
        assert.equal(report.rules.length, 1);
      } catch (e) {
        assert.ok(e instanceof TdmError, `${JSON.stringify(src)}: ${String(e)}`);
        assert.ok(['QUALITY_RULE_INVALID', 'SCHEMA_CONSTRAINT_INVALID'].includes(e.code), e.code);
      }
    }),
    { numRuns: 300, seed: 7 },
  );
});
