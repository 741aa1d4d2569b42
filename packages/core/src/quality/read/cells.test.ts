/**
 * @module Cell typing: the type inference picks per column from samples, the conversions of each
 * type (null tokens, leading zeros, booleans, numbers, dates in common forms), and a property:
 * inference and conversion never throw, whatever the text.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { textConverter, valueConverter, type ColumnReading } from './cells.js';
import { anyDate, anyTimestamp } from './dates.js';
import { inferTextColumns, inferValueColumns } from './infer-columns.js';

/** The general path: each cell through its column's converter (null stays null). */
function rowConverter(
  readings: readonly ColumnReading[],
): (rec: (string | number | boolean | null)[]) => void {
  const convert = readings.map(textConverter);
  return (rec) => rec.forEach((v, i) => (rec[i] = v === null ? null : convert[i]!(v as string)));
}

/** Infers one column from its texts and converts them. */
function column(values: (string | null)[]): { reading: ColumnReading; cells: unknown[] } {
  const [reading] = inferTextColumns(
    1,
    values.map((v) => [v]),
  );
  const convert = rowConverter([reading!]);
  const cells = values.map((v) => {
    const rec = [v];
    convert(rec);
    return rec[0];
  });
  return { reading: reading!, cells };
}

test('identifiers with leading zeros stay strings; integers and numbers are told apart', () => {
  assert.deepEqual(column(['00501', '00544', '12345']), {
    reading: { type: 'string', nullTokensInStrings: true },
    cells: ['00501', '00544', '12345'],
  });
  assert.deepEqual(column(['1', '-20', '300', null]).cells, [1, -20, 300, null]);
  assert.equal(column(['1', '-20', '300']).reading.type, 'integer');
  assert.deepEqual(column(['.097', '1.5', '-2', '3e2']).cells, [0.097, 1.5, -2, 300]);
  assert.equal(column(['.097', '1.5', '-2']).reading.type, 'number');
  // Beyond 2^53 an "integer" id would lose digits: it stays text.
  assert.equal(column(['123456789012345678901']).reading.type, 'string');
});

test('null tokens are null in every column', () => {
  const { reading, cells } = column(['1', 'NA', 'N/A', 'null', 'NULL', '.', '-', '', null, '7']);
  assert.equal(reading.type, 'integer');
  assert.deepEqual(cells, [1, null, null, null, null, null, null, null, null, 7]);
  assert.deepEqual(column(['x', 'NA', 'y']).cells, ['x', null, 'y']);
});

test('booleans, JSON, and values that do not fit their column come back as text', () => {
  assert.deepEqual(column(['true', 'False', 'yes', 'NO']), {
    reading: { type: 'boolean', nullTokensInStrings: true },
    cells: [true, false, true, false],
  });
  assert.equal(column(['{"a":1}', '[1,2]']).reading.type, 'json');
  assert.equal(column(['{"a":1}', '{oops']).reading.type, 'string');
  // A value the sample did not see: the reading stays, the odd value is kept as its text.
  const [reading] = inferTextColumns(1, [['1'], ['2']]);
  const convert = rowConverter([reading!]);
  const rec: (string | number | null)[] = ['n/a?'];
  convert(rec);
  assert.deepEqual(rec, ['n/a?']);
});

test('dates and timestamps in common forms become ISO text', () => {
  assert.deepEqual(column(['Jan 1 2000', 'Feb 29 2000', 'Dec 31 1999']), {
    reading: { type: 'date', nullTokensInStrings: true, dateForm: 'namedMdy' },
    cells: ['2000-01-01', '2000-02-29', '1999-12-31'],
  });
  assert.deepEqual(column(['2015/01/01 01:00:00', '2015/05/30 11:00:00']).cells, [
    '2015-01-01T01:00:00Z',
    '2015-05-30T11:00:00Z',
  ]);
  // Day/month order: a first part above 12 rules out month/day for the whole column.
  assert.deepEqual(column(['03/04/2024', '25/12/2024']).cells, ['2024-04-03', '2024-12-25']);
  assert.deepEqual(column(['03/04/2024', '12/25/2024']).cells, ['2024-03-04', '2024-12-25']);
  assert.equal(anyDate('2023-02-29'), null);
  assert.equal(anyDate('2024-02-29'), '2024-02-29');
  assert.equal(anyTimestamp('2024-01-05T10:20:30+02:00'), '2024-01-05T08:20:30Z');
  assert.equal(anyTimestamp('2024-01-05 10:20:30.5'), '2024-01-05T10:20:30.500Z');
  assert.equal(anyTimestamp('2024-01-05T24:00:00Z'), null);
  assert.equal(anyTimestamp('2024-01-05'), '2024-01-05T00:00:00Z');
  assert.equal(anyTimestamp('1/5/2024 3:04 PM'), '2024-01-05T15:04:00Z');
});

test('JSON values: numbers, booleans, nested objects as JSON text, dates in strings', () => {
  const rows = [
    [1, 1.5, true, { a: [1] }, '2024-01-05', 'x'],
    [2, 2, false, [1, 2], '2024-01-06', null],
  ];
  const readings = inferValueColumns(6, rows);
  assert.deepEqual(
    readings.map((r) => r.type),
    ['integer', 'number', 'boolean', 'json', 'date', 'string'],
  );
  const convert = readings.map(valueConverter);
  assert.deepEqual(
    rows[0]!.map((v, i) => convert[i]!(v)),
    [1, 1.5, true, '{"a":[1]}', '2024-01-05', 'x'],
  );
  // A string of digits in JSON is text on purpose: JSON already says what is a number.
  assert.equal(inferValueColumns(1, [['00123'], ['45']])[0]!.type, 'string');
});

test('inference and conversion never throw, whatever the text', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.array(fc.option(fc.string({ unit: 'binary' }), { nil: null }), { minLength: 3, maxLength: 3 }),
        {
          maxLength: 30,
        },
      ),
      (rows) => {
        const readings = inferTextColumns(3, rows);
        const convert = rowConverter(readings);
        for (const r of rows) {
          const rec = [...r];
          convert(rec);
          rec.forEach((v, i) => {
            // Every cell is null, the column's JS type, or (a value that did not fit) its text.
            if (v === null || typeof v === 'string') return;
            const t = readings[i]!.type;
            assert.ok(
              (typeof v === 'number' && (t === 'integer' || t === 'number')) ||
                (typeof v === 'boolean' && t === 'boolean'),
              `${String(v)} in a ${t} column`,
            );
          });
        }
      },
    ),
    { numRuns: 500 },
  );
});
