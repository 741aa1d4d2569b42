/**
 * @module A check split into segments on several threads gives exactly the report of one thread,
 * on generated data (hr.yaml: a self reference, a reference cycle, a composite key, a
 * cross-entity rule) with defects written into the files: duplicates whose first copy is in an
 * earlier segment, orphans of the self reference, nulls, bad formats. Rule results also equal an
 * unsegmented pass's. Malformed rows and aborts propagate as a single pass reports them.
 */
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CheckPool } from './check-pool.js';
import { defineQualityRules } from './derive.js';
import type { QualityReport } from './report-schema.js';
import type { QualityRules } from './rules.js';
import { generateCsv, type Generated } from './testing/generated.js';
import { memoryDataset } from './source.js';
import { checkWorkers, validateDataQuality, type CheckProgress } from './validate.js';

const NOW = Date.UTC(2025, 0, 1);
const hr = readFileSync(fileURLToPath(new URL('../../../../examples/hr.yaml', import.meta.url)), 'utf8');
const SEGMENT = 16 << 10;
let gen: Generated;
let rules: QualityRules;

/** Splits a CSV line into fields (quotes kept as written). */
function fields(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** Rewrites cells of a generated file: edit(row, cell) -> new cell text (row 0 = first data row). */
function edit(
  file: string,
  edits: [row: number, field: string, value: (cells: string[][]) => string][],
): void {
  const path = join(gen.dir, file);
  const lines = readFileSync(path, 'utf8').split('\n');
  const header = fields(lines[0] as string);
  const rows = lines.slice(1).map(fields);
  for (const [row, field, value] of edits) {
    const c = header.indexOf(field);
    assert.ok(c >= 0, `no ${field} in ${file}`);
    (rows[row] as string[])[c] = value(rows);
  }
  writeFileSync(path, [lines[0], ...rows.map((r) => r.join(','))].join('\n'));
}

before(async () => {
  gen = await generateCsv(hr.replace('count: 450', 'count: 2500'), NOW);
  rules = defineQualityRules(gen.schema, { now: NOW });
  const cell = (row: number, c: number) => (cells: string[][]) => (cells[row] as string[])[c] as string;
  edit('employees.csv', [
    [2400, 'email', cell(3, 3)], // a duplicate whose first copy is segments earlier
    [2000, 'id', cell(5, 0)], // a duplicate key the self reference then finds twice
    [1500, 'manager_id', () => '999999'], // an orphan of the self reference (checked after the pass)
    [1800, 'hire_date', () => '1900-01-01'], // before its department was founded (cross-entity)
    [100, 'email', () => ''],
    [2200, 'email', () => 'not-an-email'],
    [1200, 'birth_date', () => '2001-02-30'],
    [900, 'job_title', () => '"Senior\nEngineer, ""Platform"""'], // a quoted field spanning lines
  ]);
  edit('salaries.csv', [
    [6000, 'employee_id', cell(10, 0)],
    [6000, 'effective_date', cell(10, 1)], // a duplicate composite key
    [5000, 'employee_id', () => '424242'],
  ]);
});
after(async () => {
  await gen.remove();
});

const check = async (options: { threads: number; segmentBytes?: number }): Promise<QualityReport> =>
  validateDataQuality(await gen.open(), rules, {
    level: 'premium',
    now: NOW,
    segmentBytes: SEGMENT,
    ...options,
  });

test('one, two and three threads give the same report, defects and all', async () => {
  const one = await check({ threads: 1 });
  const failing = Object.fromEntries(one.rules.filter((r) => r.failed > 0).map((r) => [r.id, r.failed]));
  assert.deepEqual(failing, {
    'departments.head_id:completeness': 2, // the schema's nulls, within the allowance
    'employees.id:unique': 1,
    'employees.email:completeness': 1,
    'employees.email:unique': 1,
    'employees.email:format:email': 1,
    'employees.manager_id:foreignKey': 1,
    'employees.birth_date:format:date': 1,
    'employees.birth_date:domain': 1,
    'employees.hire_date:domain': 1,
    // The orphan, and the salaries of the employee whose id the duplicate overwrote.
    'salaries.employee_id:foreignKey': 3,
    'salaries.employee_id+effective_date:unique': 1,
    'employees:hire_date >= department_id.founded_on': 1,
    'employees:hire_date >= birth_date + days(18 * 365)': 2,
  });
  // A duplicate whose first copy was in an earlier segment shows its row's values.
  const dup = one.rules.find((r) => r.id === 'employees.email:unique');
  assert.equal(dup?.samples[0]?.row, 2400);
  assert.equal(dup?.samples[0]?.values.email, one.rules.length > 0 ? dupEmail() : '');
  for (const threads of [2, 3]) assert.deepEqual(await check({ threads }), one, `${threads} threads`);
});

function dupEmail(): string {
  const lines = readFileSync(join(gen.dir, 'employees.csv'), 'utf8').split('\n');
  return fields(lines[4] as string)[3] as string;
}

test('segments merge to what one unsegmented pass reports', async () => {
  const whole = await check({ threads: 1, segmentBytes: 1 << 30 });
  const split = await check({ threads: 2 });
  assert.deepEqual(split.rules, whole.rules);
  assert.deepEqual(split.entities, whole.entities);
  assert.deepEqual(split.metrics, whole.metrics);
  assert.equal(split.passed, whole.passed);
  const exact = (r: QualityReport) =>
    r.profiles.map(
      ({ entity, field, count, nulls, empty, distinct, distinctExact, min, max, topValues }) => ({
        ...{ entity, field, count, nulls, empty, distinct, distinctExact, min, max },
        topValues: distinctExact ? topValues : null,
      }),
    );
  assert.deepEqual(exact(split), exact(whole));
  split.profiles.forEach((p, i) => {
    const w = whole.profiles[i];
    if (p.mean !== null) assert.ok(Math.abs(p.mean - (w?.mean ?? NaN)) <= 1e-9 * Math.abs(p.mean) + 1e-9);
  });
});

test('a boundary inside a quoted field spanning lines: the rest of the file is read in one piece', async () => {
  const bytes = readFileSync(join(gen.dir, 'employees.csv'));
  const body = bytes.indexOf(10) + 1;
  // The search for segment 1's start begins just inside the quoted field: its line break is found.
  const segmentBytes = bytes.indexOf('"Senior') + 1 - body;
  const whole = await check({ threads: 1, segmentBytes: 1 << 30 });
  for (const threads of [1, 2]) {
    const split = await check({ threads, segmentBytes });
    assert.deepEqual(split.rules, whole.rules);
    assert.deepEqual(split.entities, whole.entities);
  }
});

test('a malformed row in a late segment is the error one pass gives, line and all', async () => {
  const path = join(gen.dir, 'salaries.csv');
  const text = readFileSync(path, 'utf8');
  // Past the first MiB, which opening the file reads to type its columns.
  const first = text.trimEnd().split('\n');
  const body = first.slice(1);
  const lines = [...first, ...body, ...body, ...body];
  const bad = lines.length - 100;
  lines[bad] = `${lines[bad]},extra`;
  writeFileSync(path, lines.join('\n') + '\n');
  try {
    const errors = [];
    for (const options of [{ threads: 1, segmentBytes: 1 << 30 }, { threads: 1 }, { threads: 3 }]) {
      errors.push(
        await check(options).then(
          () => assert.fail('no error'),
          (e: unknown) => e,
        ),
      );
    }
    for (const e of errors) {
      assert.equal((e as { code?: string }).code, 'DATASET_ROW_MALFORMED');
      assert.equal((e as Error).message, (errors[0] as Error).message);
    }
    const line = bad + 1;
    assert.match(
      (errors[0] as Error).message,
      new RegExp(`salaries\\.csv:${line}: expected 5 fields, found 6`),
    );
  } finally {
    writeFileSync(path, text);
  }
});

test('an abort while workers check rejects as an aborted single pass does', async () => {
  const ac = new AbortController();
  const run = validateDataQuality(await gen.open(), rules, {
    now: NOW,
    threads: 2,
    segmentBytes: SEGMENT,
    signal: ac.signal,
  });
  setTimeout(() => ac.abort(), 20);
  await assert.rejects(run, (e: Error) => e.name === 'AbortError');
});

test('progress: rows and bytes only grow, and end at every row and byte, for any thread count', async () => {
  const dataset = await gen.open();
  const bytes = dataset.entities
    .flatMap((e) => e.files)
    .reduce((n, f) => {
      const text = readFileSync(f, 'latin1');
      return n + statSync(f).size - (text.indexOf('\n') + 1); // the header is not checked
    }, 0);
  for (const threads of [1, 2]) {
    const seen: CheckProgress[] = [];
    const report = await validateDataQuality(await gen.open(), rules, {
      now: NOW,
      threads,
      segmentBytes: SEGMENT,
      onProgress: (p) => seen.push(p),
    });
    const rows = report.entities.reduce((n, e) => n + e.rows, 0);
    assert.ok(seen.length > 10, `${threads} threads: ${seen.length} progress calls`);
    seen.forEach((p, i) => {
      const prev = seen[i - 1];
      assert.ok(!prev || (p.rows >= prev.rows && p.bytesDone >= prev.bytesDone), `call ${i} went back`);
      assert.equal(p.sized, true);
      assert.equal(p.bytesTotal, bytes);
    });
    assert.deepEqual(
      { rows: seen.at(-1)?.rows, bytesDone: seen.at(-1)?.bytesDone },
      { rows, bytesDone: bytes },
    );
    assert.deepEqual([...new Set(seen.map((p) => p.entity))].sort(), [
      'departments',
      'employees',
      'salaries',
    ]);
  }
});

test('progress of data without byte sizes (in memory) counts rows only', async () => {
  const seen: CheckProgress[] = [];
  const rows = Array.from({ length: 3000 }, (_v, i) => [i]);
  const data = memoryDataset([{ name: 't', columns: [{ name: 'id', type: 'integer' }], rows }]);
  await validateDataQuality(
    data,
    { rules: [{ kind: 'unique', entity: 't', fields: ['id'] }] },
    {
      onProgress: (p) => seen.push(p),
    },
  );
  assert.deepEqual(
    seen.map((p) => p.rows),
    [1024, 2048, 3000, 3000],
  );
  assert.ok(seen.every((p) => !p.sized && p.bytesTotal === 0 && p.bytesDone === 0 && p.entity === 't'));
});

test('no more workers start than segments beyond the first need', () => {
  assert.equal(checkWorkers(8, [1, 3, 2]), 2);
  assert.equal(checkWorkers(8, [1, 1]), 0);
  assert.equal(checkWorkers(3, [40, 12]), 2);
  assert.equal(checkWorkers(1, [40]), 0);
  assert.equal(checkWorkers(4, []), 0);
});

test('a thread count that is not a whole number from 1 to 64 is a coded error', async () => {
  for (const threads of [0, 1.5, 65]) {
    await assert.rejects(check({ threads }), (e: { code?: string }) => e.code === 'INPUT_INVALID');
  }
});

test('a worker failing a segment, or dying, rejects with a coded error', async () => {
  const dataset = await gen.open();
  const init = {
    rules,
    level: 'premium' as const,
    sampleSize: 10,
    now: NOW,
    // No text layout: the worker cannot read the entity.
    entities: dataset.entities.map(({ name, file, files, format, columns }) => ({
      name,
      file,
      files,
      format,
      columns,
    })),
  };
  const pool = new CheckPool(1, init);
  const seg = { file: join(gen.dir, 'salaries.csv'), start: 0, end: 100, final: false };
  try {
    await assert.rejects(pool.segment('salaries', seg), (e: { code?: string; message?: string }) => {
      assert.equal(e.code, 'INTERNAL_ERROR');
      assert.match(e.message ?? '', /no text layout/);
      return true;
    });
    const pending = pool.segment('salaries', seg);
    await pool.close();
    await assert.rejects(pending, (e: { code?: string }) => e.code === 'INTERNAL_ERROR');
  } finally {
    await pool.close();
  }
});
