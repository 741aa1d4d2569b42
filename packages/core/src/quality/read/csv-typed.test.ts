/**
 * @module The typed CSV hot path gives exactly the cells of the general path (records, then the
 * per-type converters), for any text in any column type, split into chunks anywhere.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { csvField } from '../../format/index.js';
import { textConverter, type ColumnReading } from './cells.js';
import { csvRecordsOf, csvTypedRowsOf } from './csv-read.js';
import { typedPlan } from './csv-typed.js';
import { collect, pieces } from './testing.js';

/** The general path: each cell through its column's converter (null stays null). */
function rowConverter(
  readings: readonly ColumnReading[],
): (rec: (string | number | boolean | null)[]) => void {
  const convert = readings.map(textConverter);
  return (rec) => rec.forEach((v, i) => (rec[i] = v === null ? null : convert[i]!(v as string)));
}

const cellText = fc.oneof(
  fc.constantFrom('', 'NA', '-', '.', 'null', '007', '-0', '+5', '1.', '.5', '-.25', '1e3', '2.5E-2', 'x1'),
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }).map(String),
  fc.constantFrom('true', 'no', '2024-02-29', '2024-13-01', '2024-01-05T10:20:30Z', 'Jan 5 2024', '{"a":1}'),
  fc.string({ unit: 'binary' }),
);

const reading: fc.Arbitrary<ColumnReading> = fc.record({
  type: fc.constantFrom('string', 'integer', 'number', 'boolean', 'date', 'timestamp', 'json'),
  nullTokensInStrings: fc.boolean(),
});

test('typed scan == records + converters, for any cells, types and chunk splits', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 1, max: 4 }).chain((w) =>
        fc.tuple(
          fc.array(reading, { minLength: w, maxLength: w }),
          fc.array(fc.array(fc.option(cellText, { nil: null }), { minLength: w, maxLength: w }), {
            maxLength: 12,
          }),
        ),
      ),
      fc.array(fc.nat(300), { maxLength: 3 }),
      fc.constantFrom('\r\n', '\n'),
      async ([readings, rows], cuts, eol) => {
        const header = readings.map((_r, i) => `c${i}`).join(',') + eol;
        const text =
          header + rows.map((r) => r.map((v) => (v === null ? '' : csvField(v))).join(',') + eol).join('');
        const convert = rowConverter(readings);
        const expected = (await collect(csvRecordsOf('p.csv', pieces(text, cuts), { delimiter: ',' }))).slice(
          1,
        );
        for (const rec of expected) convert(rec);
        const typed = await collect(
          csvTypedRowsOf('p.csv', pieces(text, cuts), { delimiter: ',', header: true }, typedPlan(readings)),
        );
        assert.deepEqual(typed, expected);
      },
    ),
    { numRuns: 500 },
  );
});

test('typed scan: field counts are checked with the line', async () => {
  const plan = typedPlan([
    { type: 'integer', nullTokensInStrings: true },
    { type: 'string', nullTokensInStrings: true },
  ]);
  const run = (text: string) =>
    collect(csvTypedRowsOf('t.csv', pieces(text, []), { delimiter: ',', header: true }, plan));
  assert.deepEqual(await run('a,b\r\n1,x\r\n,\r\n'), [
    [1, 'x'],
    [null, null],
  ]);
  await assert.rejects(run('a,b\n1,x\n2\n'), {
    code: 'DATASET_ROW_MALFORMED',
    message: 't.csv:3: expected 2 fields, found 1',
  });
  await assert.rejects(run('a,b\n1,x,y,z\n'), {
    code: 'DATASET_ROW_MALFORMED',
    message: 't.csv:2: expected 2 fields, found 4',
  });
  await assert.rejects(run('a,b\n12,x,y\n'), {
    code: 'DATASET_ROW_MALFORMED',
    message: 't.csv:2: expected 2 fields, found 3',
  });
});
