/**
 * @module The HTML page is self-contained and safe: a `<script>` column name or value shows as
 * text, no script or external URL appears, a CSP forbids both; the JSON round-trips the schema.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tableFromRows } from '../table.js';
import { syntheticReportHtml, syntheticReportJson } from './html.js';
import { syntheticQualityReportSchema } from './schema.js';
import { validateSyntheticQuality } from './validate.js';

const evil = '<script>alert(1)</script>';
const cols = [
  { name: evil, type: 'string' as const },
  { name: 'n', type: 'integer' as const },
  { name: 'when', type: 'timestamp' as const },
];
const rows = (k: number) =>
  Array.from({ length: 40 }, (_, i) => [
    i % 3 === 0 ? evil : `v${(i * k) % 4}`,
    (i * k) % 17,
    `2024-01-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00Z`,
  ]);

function report() {
  const real = tableFromRows('t"<b>', cols, rows(1));
  const data = tableFromRows('t"<b>', cols, rows(3));
  return validateSyntheticQuality([real], [data], {
    kind: 'masked',
    quasiIdentifiers: { 't"<b>': [evil, 'n'] },
    pii: [{ table: 't"<b>', column: 'n', kind: 'postal_code' }],
    statisticalAccuracy: 0.5,
  });
}

test('HTML escapes names and values, has no script and no external resource, and sets a CSP', () => {
  const html = syntheticReportHtml(report(), { title: `report ${evil}` });
  assert.ok(!/<script/i.test(html));
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.ok(html.includes('t&quot;&lt;b&gt;'));
  assert.ok(!/(src|href)=/i.test(html));
  assert.ok(!/https?:\/\/(?!www\.w3\.org\/2000\/svg)/.test(html));
  assert.ok(
    html.includes(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    ),
  );
  // Plots: a distribution per column, three heatmaps, the privacy table and the definitions.
  assert.equal((html.match(/<figure>/g) ?? []).length, 3);
  assert.ok(html.includes('KSComplement') && html.includes('TVComplement'));
  assert.ok(html.includes('Cells changed by masking'));
  assert.ok(html.includes('k-anonymity on'));
  assert.ok(html.includes('Metric definitions'));
});

test('the JSON form parses back with the schema', () => {
  const r = report();
  assert.deepEqual(syntheticQualityReportSchema.parse(JSON.parse(syntheticReportJson(r))), r);
});
