/** @module Every example schema validates and generates rows that keep every declared rule. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseSchema } from '../dsl/index.js';
import { validateSchema } from '../validate/index.js';
import { allTables, compileText, violations } from './testing.js';

const dir = fileURLToPath(new URL('../../../../examples/', import.meta.url));
const examples = readdirSync(dir).filter((f) => f.endsWith('.yaml'));

test('there are at least five examples', () => {
  assert.ok(examples.length >= 5, examples.join(', '));
});

for (const file of examples) {
  test(`examples/${file} validates and generates rows that keep every declared rule`, () => {
    const text = readFileSync(join(dir, file), 'utf8');
    const result = validateSchema(text);
    assert.deepEqual(result.problems, []);
    const total = Object.values(result.rowCounts ?? {}).reduce((s, n) => s + n, 0);
    assert.ok(total > 1000 && total < 12000, `${file}: ${total} rows (keep examples moderate)`);
    const compiled = compileText(text);
    assert.deepEqual(violations(compiled, parseSchema(text), allTables(compiled)), []);
  });
}
