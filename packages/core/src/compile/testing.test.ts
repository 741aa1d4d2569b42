/** @module The independent checker of generated tables finds what it should. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSchema } from '../dsl/index.js';
import { allTables, compileText, violations } from './testing.js';

const SCHEMA = `
entities:
  a: { count: 5, fields: { id: { type: sequence, primaryKey: true }, t: { type: date, min: -1y } } }
  b:
    count: 20
    unique: [[x, y]]
    fields:
      a_id: { ref: a.id }
      x: { type: integer, min: 1, max: 5 }
      y: { type: integer, min: 1, max: 5 }
      t: { type: date, min: -1y, max: now }
constraints:
  - { entity: b, rule: "t >= a_id.t and t >= '2000-01-01'" }
`;

test('the independent checker finds broken keys, nulls and rules', () => {
  const compiled = compileText(SCHEMA);
  const tables = allTables(compiled);
  const doc = parseSchema(SCHEMA);
  assert.deepEqual(violations(compiled, doc, tables), []);
  const b = tables.get('b') ?? [];
  const a = tables.get('a') ?? [];
  Object.assign(b[0] ?? {}, { a_id: 99 });
  Object.assign(b[1] ?? {}, { x: b[2]?.['x'], y: b[2]?.['y'] });
  Object.assign(b[3] ?? {}, { t: Number(a.find((r) => r['id'] === b[3]?.['a_id'])?.['t']) - 1 });
  Object.assign(b[5] ?? {}, { x: null });
  const found = violations(compiled, doc, tables);
  assert.equal(found.length, 4, found.join('\n'));
  assert.match(found[0] ?? '', /^b\[0\]\.a_id: 99 not in a$/);
  assert.match(found[1] ?? '', /^b\[2\]: duplicate \(x, y\)/);
  assert.match(found[2] ?? '', /^b\[5\]\.x is null but not nullable$/);
  assert.match(found[3] ?? '', /^b\[3\] breaks "t >= a_id.t and t >= '2000-01-01'"/);
});
