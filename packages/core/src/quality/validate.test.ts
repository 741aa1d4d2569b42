/**
 * @module validateDataQuality on generated data (the real generator, CSV writer and reader): the
 * clean data passes every derived rule at premium; then known defects (a null, a duplicate, an
 * orphan, rule violations, bad formats, an out-of-domain value) give exactly the failed counts and
 * metric values they must.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { defineQualityRules } from './derive.js';
import type { QualityReport } from './report-schema.js';
import { QualityReport as QualityReportSchema } from './report-schema.js';
import { generateCsv, withDefects, type Defect, type Generated } from './testing/generated.js';
import { validateDataQuality } from './validate.js';

const NOW = Date.UTC(2025, 0, 1);
const shop = readFileSync(fileURLToPath(new URL('../../../../examples/shop.yaml', import.meta.url)), 'utf8');
let gen: Generated;

before(async () => {
  gen = await generateCsv(shop, NOW);
});
after(async () => {
  await gen.remove();
});

const col = (seen: Map<number, unknown[]>, row: number, i: number): string => String(seen.get(row)?.[i]);

/** Rules with values counted against them (completeness: missing beyond its allowance). */
function failedById(report: QualityReport): Record<string, number> {
  return Object.fromEntries(report.rules.filter((r) => r.violations > 0).map((r) => [r.id, r.violations]));
}

test('clean generated data passes every derived rule at premium, with nothing failing', async () => {
  const rules = defineQualityRules(gen.schema, { now: NOW });
  const report = await validateDataQuality(await gen.open(), rules, { level: 'premium', now: NOW });
  assert.deepEqual(failedById(report), {});
  assert.equal(report.passed, true);
  assert.deepEqual(report.reasons, []);
  assert.equal(report.metrics.overall, 1);
  assert.equal(report.skipped.length, 0);
  assert.ok(report.rules.length >= 45, `${report.rules.length} rules`);
  // The report is plain JSON that its own schema accepts.
  assert.deepEqual(QualityReportSchema.parse(JSON.parse(JSON.stringify(report))), report);
});

test('injected defects give exact failed counts, failing rows and metric values', async () => {
  const rules = defineQualityRules(gen.schema, { now: NOW });
  const clean = await gen.open();
  const customers = clean.entities.find((e) => e.name === 'customers');
  const emailCol = customers?.columns.findIndex((c) => c.name === 'email') ?? -1;
  const defects: Defect[] = [
    { entity: 'customers', row: 10, field: 'email', value: null },
    { entity: 'customers', row: 21, field: 'email', value: (seen) => col(seen, 20, emailCol) },
    { entity: 'customers', row: 30, field: 'email', value: 'not-an-email' },
    { entity: 'customers', row: 40, field: 'birth_date', value: '2024-02-30' },
    { entity: 'customers', row: 50, field: 'status', value: 'zombie' },
    { entity: 'orders', row: 5, field: 'customer_id', value: '00000000-0000-4000-8000-000000000000' },
    { entity: 'orders', row: 6, field: 'amount', value: -5 },
    { entity: 'orders', row: 7, field: 'ship_date', value: '2000-01-01T00:00:00Z' },
    { entity: 'orders', row: 8, field: 'order_date', value: '1990-01-01T00:00:00Z' },
  ];
  const report = await validateDataQuality(withDefects(clean, defects), rules, {
    level: 'premium',
    now: NOW,
  });
  assert.deepEqual(failedById(report), {
    'customers.email:completeness': 1,
    'customers.email:unique': 1,
    'customers.email:format:email': 1,
    'customers.birth_date:format:date': 1,
    'customers.birth_date:domain': 1,
    'customers.status:domain': 1,
    'orders.customer_id:foreignKey': 1,
    'orders.amount:domain': 1,
    'orders:ship_date >= order_date': 1,
    'orders:order_date >= customer_id.created_at': 1,
  });
  const byId = new Map(report.rules.map((r) => [r.id, r]));
  const rowsOf = (id: string): number[] => byId.get(id)?.samples.map((s) => s.row) ?? [];
  assert.deepEqual(rowsOf('customers.email:completeness'), [10]);
  assert.deepEqual(rowsOf('customers.email:unique'), [21]);
  assert.deepEqual(rowsOf('customers.email:format:email'), [30]);
  assert.equal(byId.get('customers.email:format:email')?.samples[0]?.values['email'], 'not-an-email');
  assert.deepEqual(rowsOf('orders.customer_id:foreignKey'), [5]);
  assert.deepEqual(rowsOf('orders:order_date >= customer_id.created_at'), [8]);

  // Metrics recomputed from the rules' checked counts: one violation in each affected family.
  const rows = Object.fromEntries(report.entities.map((e) => [e.name, e.rows]));
  assert.equal(rows['customers'], 1000);
  const sumChecked = (family: string): number =>
    report.rules.filter((r) => r.family === family).reduce((n, r) => n + r.checked, 0);
  const completenessChecked = rules.rules
    .filter((r) => r.kind === 'completeness')
    .reduce((n, r) => n + (rows[r.entity] as number), 0);
  assert.equal(sumChecked('completeness'), completenessChecked);
  assert.equal(report.metrics.completeness, 1 - 1 / completenessChecked);
  assert.equal(report.metrics.uniqueness, 1 - 1 / sumChecked('uniqueness'));
  assert.equal(report.metrics.validity, 1 - 2 / sumChecked('validity'));
  assert.equal(report.metrics.accuracy, 1 - 3 / sumChecked('accuracy'));
  assert.equal(report.metrics.consistency, 1 - 2 / sumChecked('consistency'));
  assert.equal(report.metrics.businessRuleCompliance, 1 - 1 / sumChecked('businessRuleCompliance'));
  const m = report.metrics;
  const mean =
    (m.completeness + m.consistency + m.accuracy + m.validity + m.uniqueness + m.businessRuleCompliance) / 6;
  assert.equal(m.overall, mean);
  assert.equal(report.passed, false);
  assert.ok(report.reasons.some((r) => r.startsWith('orders.customer_id:foreignKey: 1 of')));
});

test('levels decide which rules run and how many failures pass', async () => {
  const rules = defineQualityRules(gen.schema, { now: NOW });
  const defects: Defect[] = [{ entity: 'customers', row: 30, field: 'email', value: 'not-an-email' }];
  const basic = await validateDataQuality(withDefects(await gen.open(), defects), rules, {
    level: 'basic',
    now: NOW,
  });
  // Formats are a standard-level family: basic does not run them, and passes.
  assert.equal(basic.passed, true);
  assert.ok(basic.rules.every((r) => ['completeness', 'unique', 'foreignKey'].includes(r.kind)));
  assert.ok(basic.skipped.some((s) => s.id === 'customers.email:format:email'));
  // Standard allows 0.1% failing rows per rule: 1 of 1000 emails passes; premium allows none.
  const standard = await validateDataQuality(withDefects(await gen.open(), defects), rules, {
    level: 'standard',
    now: NOW,
  });
  assert.equal(standard.rules.find((r) => r.id === 'customers.email:format:email')?.passed, true);
  assert.equal(standard.passed, true);
  const premium = await validateDataQuality(withDefects(await gen.open(), defects), rules, {
    level: 'premium',
    now: NOW,
  });
  assert.equal(premium.rules.find((r) => r.id === 'customers.email:format:email')?.passed, false);
  assert.equal(premium.passed, false);
  // A key rule allows no failure at any level.
  const dup: Defect[] = [{ entity: 'orders', row: 3, field: 'id', value: 1 }];
  const keys = await validateDataQuality(withDefects(await gen.open(), dup), rules, {
    level: 'basic',
    now: NOW,
  });
  assert.equal(keys.rules.find((r) => r.id === 'orders.id:unique')?.failed, 1);
  assert.equal(keys.passed, false);
});
