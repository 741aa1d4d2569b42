/**
 * @module tdm compare's text summary: it names the columns the scores leave out, so a masked table
 * whose personal columns were all rewritten does not read as a silent perfect score.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateSyntheticQuality, type SampleTable } from '@tdm/core';
import { compareText } from './compare.js';

const table = (emails: string[]): SampleTable =>
  ({
    name: 'customers',
    rows: emails.length,
    truncated: false,
    columns: [
      { name: 'email', type: 'string', values: emails },
      { name: 'segment', type: 'string', values: emails.map((_, i) => (i % 3 === 0 ? 'vip' : 'retail')) },
    ],
  }) as SampleTable;

test('the summary lists the columns left out of the scores, with the reason', () => {
  const real = table(Array.from({ length: 30 }, (_, i) => `person${i}@example.org`));
  const masked = table(Array.from({ length: 30 }, (_, i) => `xq${i}@zz.org`));
  const report = validateSyntheticQuality([real], [masked], {
    kind: 'masked',
    pii: [{ table: 'customers', column: 'email', kind: 'email' }],
  });
  const text = compareText(report);
  assert.match(text, /^masked data: score 1\.0000/);
  assert.match(text, /\n {4}not scored: email \(pii\)\n/);
});
