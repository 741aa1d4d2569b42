/** @module Random access and determinism: row i alone equals row i of a run; stable sub-seeds; seeds. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { Value } from '../expr/index.js';
import { valueText } from '../format/index.js';
import { generateData, type OutputPort } from '../generate/index.js';
import { compileText, rowAt, runtimeOf, tableRows, TEST_NOW } from './testing.js';

const ECOMMERCE = readFileSync(new URL('../../../../examples/ecommerce.yaml', import.meta.url), 'utf8');
const HR = readFileSync(new URL('../../../../examples/hr.yaml', import.meta.url), 'utf8');

test('row i computed alone equals row i of a sequential run', () => {
  for (const schema of [ECOMMERCE, HR]) {
    const sequential = compileText(schema);
    for (const plan of sequential.tables) {
      const rows = tableRows(sequential, plan.name);
      const picks = [0, 1, rows.length >> 1, rows.length - 1, (rows.length * 7) >> 3];
      for (const i of picks) {
        // A fresh compile has never seen the rows before i: it must locate the parent from scratch.
        assert.deepEqual(rowAt(compileText(schema), plan.name, i), rows[i], `${plan.name}[${i}]`);
      }
      // valueAt (how foreign keys and parent fields are read) gives the same values, in any order.
      const rt = runtimeOf(compileText(schema), plan.name);
      for (const i of [...picks].reverse()) {
        plan.columns.forEach((c, slot) =>
          assert.deepEqual(rt.valueAt(slot, i), rows[i]?.[c.name], `${plan.name}[${i}].${c.name}`),
        );
      }
    }
  }
});

test('adding a field does not change the values of the other fields', () => {
  const before = compileText(HR);
  const withField = HR.replace(
    '      job_title: { type: person.jobTitle }',
    '      job_title: { type: person.jobTitle }\n      nickname: { type: person.firstName, nullRate: 0.5 }',
  ).replace(
    '  departments:\n    count: 14\n    fields:\n',
    '  departments:\n    count: 14\n    fields:\n      motto: { type: enum, values: [a, b] }\n',
  );
  assert.notEqual(withField, HR);
  const after = compileText(withField);
  for (const plan of before.tables) {
    const a = tableRows(before, plan.name);
    const b = tableRows(after, plan.name).map((r) => {
      const { nickname: _n, motto: _m, ...rest } = r;
      return rest;
    });
    assert.deepEqual(b, a, plan.name);
  }
});

test('the same seed gives the same rows; another seed gives other rows', () => {
  const rows = (seed: number): Value[] =>
    tableRows(compileText(ECOMMERCE, { seed }), 'orders').map((r) => r['order_date'] ?? null);
  assert.deepEqual(rows(1), rows(1));
  const other = rows(2);
  const same = rows(1).filter((v, i) => v === other[i]).length;
  assert.ok(same < 5, `${same} equal order dates across seeds`);
});

test('generateData writes exactly the rows the runtime computes', async () => {
  const files = new Map<string, string>();
  const output: OutputPort = {
    async create(name) {
      const parts: Uint8Array[] = [];
      return {
        async write(chunk) {
          parts.push(Buffer.from(chunk));
        },
        async close() {
          files.set(name, Buffer.concat(parts).toString('utf8'));
        },
      };
    },
    async remove(name) {
      files.delete(name);
    },
  };
  const ds = await generateData(HR, {
    output,
    format: 'ndjson',
    now: TEST_NOW,
    chunkRows: 100,
    writeManifest: false,
  });
  const compiled = compileText(HR);
  for (const plan of compiled.tables) {
    const text = files.get(`${plan.name}.ndjson`) ?? '';
    const lines = text.split('\n').filter(Boolean);
    assert.equal(lines.length, plan.rowCount);
    assert.equal(ds.manifest.entities[plan.name]?.rows, plan.rowCount);
    const expected = tableRows(compiled, plan.name);
    // Spot-check keys (formatting of values is the writer's concern, tested there).
    for (const i of [0, lines.length - 1]) {
      const got = JSON.parse(lines[i] ?? '{}') as Record<string, unknown>;
      for (const col of plan.columns.filter((c) => plan.primaryKey.includes(c.name)))
        assert.equal(String(got[col.name]), valueText(expected[i]?.[col.name] ?? '', col));
    }
  }
});
