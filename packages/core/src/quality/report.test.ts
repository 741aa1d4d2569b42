/**
 * @module Suggestions name the rule, the field, the figures and a fix; the HTML page is
 * self-contained (no script, no external URL) and shows hostile cell values as text.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeHtml, qualityReportHtml, qualityReportJson } from './html.js';
import { QualityReport } from './report-schema.js';
import { memoryDataset } from './source.js';
import { suggestQualityImprovements } from './suggest.js';
import { validateDataQuality } from './validate.js';

const HOSTILE = '<script>alert(1)</script>';

function dataset() {
  const customers = Array.from({ length: 1000 }, (_, i) => [
    i + 1,
    // 4 duplicates (0.4%): rows 996-999 repeat rows 0-3's emails.
    i >= 996 ? `user${i - 996}@example.com` : `user${i}@example.com`,
    i === 7 ? HOSTILE : i % 2 === 0 ? 'active' : 'churned',
    i === 13 ? null : `2024-01-${String((i % 28) + 1).padStart(2, '0')}`,
  ]);
  const orders = Array.from({ length: 50 }, (_, i) => [
    i + 1,
    i === 4 ? 5000 : (i % 1000) + 1,
    i === 9 ? -3 : 10,
  ]);
  return memoryDataset([
    {
      name: 'customers',
      columns: [
        { name: 'id', type: 'integer' },
        { name: 'email', type: 'string' },
        { name: 'status', type: 'string' },
        { name: 'created_on', type: 'date' },
      ],
      rows: customers,
    },
    {
      name: 'orders',
      columns: [
        { name: 'id', type: 'integer' },
        { name: 'customer_id', type: 'integer' },
        { name: 'amount', type: 'number' },
      ],
      rows: orders,
    },
  ]);
}

const rules = {
  level: 'standard' as const,
  rules: [
    { kind: 'unique' as const, entity: 'customers', fields: ['email'] },
    { kind: 'domain' as const, entity: 'customers', field: 'status', values: ['active', 'churned'] },
    { kind: 'completeness' as const, entity: 'customers', field: 'created_on', minRatio: 1 },
    { kind: 'foreignKey' as const, entity: 'orders', field: 'customer_id', ref: 'customers.id' },
    { kind: 'expression' as const, entity: 'orders', rule: 'amount > 0' },
  ],
};

test('suggestions are concrete: rule, field, share, example and fix', async () => {
  const report = await validateDataQuality(dataset(), rules);
  const messages = suggestQualityImprovements(report).map((s) => s.message);
  assert.deepEqual(messages, [
    'orders.customer_id: 1 orphans (2%) reference no existing parent, e.g. 5000 at row 4: load the missing parent rows or delete the orphans (`orders.customer_id references an existing customers.id`)',
    'orders: 1 rows (2%) break "amount > 0" (first at row 9): correct those rows, or relax the rule if they are legitimate',
    'customers.email: 0.4% duplicates (4 rows repeat an earlier value, e.g. "user0@example.com" at row 996): deduplicate the rows, or widen the field\'s domain so values do not repeat',
    "customers.created_on: 0.1% missing (1 of 1000), at most 0% allowed: fill the missing values, or raise the field's nullRate if they are expected",
    `customers.status: 1 values (0.1%) outside the domain (in {active, churned})${', e.g. "<script>alert(1)</script>" at row 7'}: correct them, or widen the declared values / range`,
  ]);
  const bySeverity = suggestQualityImprovements(report).map((s) => s.severity);
  assert.deepEqual(bySeverity, ['error', 'error', 'error', 'error', 'warning']);
});

test('a near-unique field without a unique rule gets the "mark it unique" hint', async () => {
  const report = await validateDataQuality(dataset(), { rules: [] });
  const hint = suggestQualityImprovements(report).find((s) => s.field === 'email');
  assert.equal(hint?.message, 'customers.email: 0.4% duplicates: mark it unique or widen its domain');
});

test('the HTML page escapes every value and loads nothing', async () => {
  const report = await validateDataQuality(dataset(), rules, { sampleSize: 5 });
  const html = qualityReportHtml(report, `quality of ${HOSTILE}`);
  assert.ok(!html.includes('<script'), 'no script element');
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.ok(!/(src|href)\s*=\s*["']?(https?:)?\/\//i.test(html), 'no external URL');
  assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
  assert.ok((html.match(/<svg /g) ?? []).length >= 3, 'charts are inline SVG');
  assert.equal(escapeHtml(`"'&<>`), '&quot;&#39;&amp;&lt;&gt;');
});

test('the JSON export round-trips through the report schema', async () => {
  const report = await validateDataQuality(dataset(), rules);
  const parsed = QualityReport.parse(JSON.parse(qualityReportJson(report)));
  assert.deepEqual(parsed, report);
  assert.equal(report.passed, false);
  assert.equal(report.rules.find((r) => r.id === 'customers.email:unique')?.failed, 4);
});
