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

test('--quasi-identifiers naming an unknown table or column is refused, with the names to use', async () => {
  const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { runCompare } = await import('./compare.js');
  const dir = await mkdtemp(join(tmpdir(), 'tdm-compare-'));
  try {
    const csv = ['zip,age', ...Array.from({ length: 20 }, (_, i) => `${10000 + (i % 4)},${20 + (i % 5)}`)];
    await writeFile(join(dir, 'people.csv'), csv.join('\n') + '\n');
    const file = join(dir, 'people.csv');
    const refused = (q: Record<string, string[]>, message: string) =>
      assert.rejects(runCompare(file, file, { output: 'text', quasiIdentifiers: q }), (e: Error) => {
        assert.equal((e as { code?: string }).code, 'INPUT_INVALID');
        assert.equal(e.message, message);
        return true;
      });
    await refused(
      { peple: ['zip'] },
      '--quasi-identifiers: no table "peple" in the real sample (did you mean "people"?)',
    );
    await refused(
      { people: ['zip', 'agee'] },
      '--quasi-identifiers: table "people" has no column "agee" (did you mean "age"?)',
    );
    const ok = await runCompare(file, file, { output: 'text', quasiIdentifiers: { people: ['zip', 'age'] } });
    assert.equal(ok.tables[0]?.kAnonymity?.k, 1);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
