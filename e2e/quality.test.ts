/**
 * @module `tdm quality` end to end as a real process (e2e/helpers/tdm-dev.ts): generated data
 * passes its schema's level (exit 0), a damaged copy fails it (exit 1) with the reason, coded
 * failures exit by the CLI's one table (an invalid schema 1, bad flags or rules 2, missing or empty
 * data 3, an unwritable report 4) with one coded line, and the JSON and HTML reports are written.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

interface Run {
  code: number | null;
  out: string;
  err: string;
}

function tdm(...args: string[]): Promise<Run> {
  const child = spawn(
    process.execPath,
    ['--conditions=development', '--import', 'tsx', 'e2e/helpers/tdm-dev.ts', ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, out, err })));
}

const NOW = '2025-01-01T00:00:00Z';
let dir: string;
let data: string;
let broken: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tdm-quality-e2e-'));
  data = join(dir, 'shop');
  const gen = await tdm('generate', 'examples/shop.yaml', '--out', data, '--now', NOW, '-q');
  assert.equal(gen.code, 0, gen.err);
  // A damaged copy: one order points at a customer that does not exist.
  broken = join(dir, 'broken');
  const orders = (await readFile(join(data, 'orders.csv'), 'utf8')).split('\n');
  const cells = (orders[3] as string).split(',');
  cells[1] = '00000000-0000-4000-8000-000000000000';
  orders[3] = cells.join(',');
  await tdm('generate', 'examples/shop.yaml', '--out', broken, '--now', NOW, '-q');
  await writeFile(join(broken, 'orders.csv'), orders.join('\n'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('generated data passes its schema at premium: exit 0', async () => {
  const r = await tdm('quality', data, '--schema', 'examples/shop.yaml', '--level', 'premium', '--now', NOW);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^quality: PASSED at level premium \(overall 1\.0000\)/);
});

test('an orphan fails the level: exit 1, the rule, its row and a suggestion', async () => {
  const r = await tdm('quality', broken, '--schema', 'examples/shop.yaml', '--now', NOW);
  assert.equal(r.code, 1, r.err);
  assert.match(r.out, /^quality: FAILED at level standard/);
  assert.match(r.out, /✗ orders\.customer_id:foreignKey: 1 of \d+ failed/);
  assert.match(r.out, /orders\.customer_id: 1 orphans .* at row 2: load the missing parent rows/);
});

test('--output json and html write the report to --out', async () => {
  const json = join(dir, 'report.json');
  const r = await tdm(
    'quality',
    broken,
    '--schema',
    'examples/shop.yaml',
    '--now',
    NOW,
    '--output',
    'json',
    '--out',
    json,
  );
  assert.equal(r.code, 1, r.err);
  const report = JSON.parse(await readFile(json, 'utf8'));
  assert.equal(report.passed, false);
  assert.equal(report.rules.find((x: { id: string }) => x.id === 'orders.customer_id:foreignKey').failed, 1);
  const html = join(dir, 'report.html');
  const h = await tdm('quality', data, '--infer', '--output', 'html', '--out', html);
  assert.equal(h.code, 0, h.err);
  const page = await readFile(html, 'utf8');
  assert.match(page, /^<!doctype html>/);
  assert.ok(!page.includes('<script'));
});

test('bad flags and rules exit 2 with one coded line', async () => {
  const both = await tdm('quality', data, '--schema', 'examples/shop.yaml', '--infer');
  assert.equal(both.code, 2);
  assert.match(both.err, /^tdm: INPUT_INVALID: give either --schema or --infer, not both/);
  const level = await tdm('quality', data, '--level', 'gold');
  assert.equal(level.code, 2);
  const rules = join(dir, 'bad-rules.yaml');
  const schema = await readFile('examples/shop.yaml', 'utf8');
  await writeFile(
    rules,
    `${schema}\nquality:\n  rules:\n    - { kind: expression, entity: orders, rule: 'eval(amount) > 0' }\n`,
  );
  const bad = await tdm('quality', data, '--schema', rules, '--now', NOW);
  assert.equal(bad.code, 2, bad.out);
  assert.match(bad.err, /^tdm: QUALITY_RULE_INVALID: .*unknown function "eval"/);
});

test('missing data and a missing schema file exit 3, like every command', async () => {
  const missing = await tdm('quality', join(dir, 'nope'));
  assert.equal(missing.code, 3, missing.err);
  assert.match(missing.err, /^tdm: DATASET_FILE_UNREADABLE: .*nope/);
  assert.match(missing.err, /\n {2}fix: /);
  assert.ok(!missing.err.includes('    at '), 'no stack trace');
  const schema = await tdm('quality', data, '--schema', join(dir, 'nope.yaml'));
  assert.equal(schema.code, 3, schema.err);
  assert.match(schema.err, /^tdm: INPUT_FILE_NOT_FOUND: /);
});

test('an invalid schema exits 1 as in validate (a coded line, no report); an unwritable --out exits 4', async () => {
  const bad = join(dir, 'bad-schema.yaml');
  await writeFile(bad, 'entities:\n  orders:\n    count: 1\n    fields: { id: { type: nosuch } }\n');
  const r = await tdm('quality', data, '--schema', bad);
  assert.equal(r.code, 1, r.err);
  assert.equal(r.out, '');
  assert.match(r.err, /^tdm: SCHEMA_INVALID: .*unknown type "nosuch"/);
  const out = await tdm('quality', data, '--out', join(dir, 'no-such-dir', 'report.txt'));
  assert.equal(out.code, 4, out.err);
  assert.match(out.err, /^tdm: GENERATION_OUTPUT_FAILED: --out .*report\.txt: cannot be written \(ENOENT\)/);
});

test('data with no rows does not pass: a header only or an empty file exits 3', async () => {
  const header = join(dir, 'header-only.csv');
  await writeFile(header, 'id,name\n');
  const empty = join(dir, 'empty.csv');
  await writeFile(empty, '');
  for (const file of [header, empty]) {
    const r = await tdm('quality', file);
    assert.equal(r.code, 3, r.out);
    assert.equal(r.out, '');
    assert.match(r.err, /^tdm: QUALITY_DATASET_INVALID: .*no data rows to check/);
  }
  // One empty table beside a table with rows is checked as usual (its 0 rows are in the report).
  const rows = join(dir, 'rows.csv');
  await writeFile(rows, 'id,name\n1,a\n2,b\n');
  const mixed = await tdm('quality', header, rows);
  assert.equal(mixed.code, 0, mixed.err);
  assert.match(mixed.out, /header-only: 0 rows, rows: 2 rows/);
});
