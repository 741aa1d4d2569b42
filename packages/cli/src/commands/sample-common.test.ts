/**
 * @module The sample commands' flag parsers: what they accept, and the exact coded error for what
 * they refuse (the CLI prints it as one line and exits 2).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { TdmError } from '@tdm/core';
import { ExitCode, exitCodeFor } from '../exit-codes.js';
import { checkWriteFlags, choiceFlag, fractionFlag, quasiFlag, rowsFlag } from './sample-common.js';

const refused = (fn: () => unknown, message: string): void =>
  assert.throws(
    fn,
    (e: unknown) => e instanceof TdmError && e.code === 'INPUT_INVALID' && e.message === message,
  );

test('--rows: one count, or table=count repeated, never both', () => {
  assert.equal(rowsFlag('1000'), 1000);
  assert.deepEqual(rowsFlag('orders=5', rowsFlag('customers=3')), { customers: 3, orders: 5 });
  refused(() => rowsFlag('lots'), '--rows: "lots" is not a row count or table=rows');
  refused(() => rowsFlag('-5'), '--rows: "-5" is not a row count or table=rows');
  refused(() => rowsFlag('orders=5', 10), '--rows: give one count for every table or table=rows, not both');
  refused(
    () => rowsFlag('10', { orders: 5 }),
    '--rows: give one count for every table or table=rows, not both',
  );
  fc.assert(
    fc.property(fc.nat(999_999_999), (n) => rowsFlag(String(n)) === n),
    { numRuns: 200 },
  );
});

test('--quasi-identifiers: table:col,col accumulates per table', () => {
  assert.deepEqual(quasiFlag('people:zip,age', quasiFlag('visits:day')), {
    visits: ['day'],
    people: ['zip', 'age'],
  });
  refused(() => quasiFlag('people'), '--quasi-identifiers: "people" is not of the form table:column,column');
  refused(
    () => quasiFlag('people:'),
    '--quasi-identifiers: "people:" is not of the form table:column,column',
  );
});

test('choices and fractions', () => {
  assert.equal(choiceFlag('--output', ['text', 'json'] as const)('json'), 'json');
  refused(
    () => choiceFlag('--output', ['text', 'json'] as const)('xml'),
    '--output: "xml" is not one of text, json',
  );
  assert.equal(fractionFlag('--x')('0.25'), 0.25);
  for (const bad of ['', '2', '-0.1', 'NaN', 'half'])
    refused(() => fractionFlag('--x')(bad), `--x: "${bad}" is not a number from 0 to 1`);
});

test('exit codes: a missing secret is usage, unreadable samples are input, as for every command', () => {
  assert.equal(exitCodeFor('PRIVACY_SECRET_MISSING'), ExitCode.USAGE);
  assert.equal(exitCodeFor('PRIVACY_RULES_INVALID'), ExitCode.USAGE);
  assert.equal(exitCodeFor('SYNTH_OPTIONS_INVALID'), ExitCode.USAGE);
  for (const code of [
    'INPUT_FILE_NOT_FOUND',
    'DATASET_FILE_UNREADABLE',
    'DATASET_FORMAT_UNKNOWN',
    'DATASET_FORMAT_UNSUPPORTED',
    'DATASET_COLUMNS_MISMATCH',
    'DATASET_ROW_MALFORMED',
    'QUALITY_DATASET_INVALID',
    'SAMPLE_INVALID',
  ])
    assert.equal(exitCodeFor(code), ExitCode.INPUT, code);
  assert.equal(exitCodeFor('K_ANONYMITY_UNREACHABLE'), ExitCode.FAILED);
});

test('output flags are checked before any work', () => {
  assert.equal(checkWriteFlags({ out: 'o', format: 'sql', dialect: 'mysql' }, 'masked'), 'o');
  refused(
    () => checkWriteFlags({ format: 'csv' }, 'masked'),
    "required option '-o, --out <dir>' not specified",
  );
  refused(
    () => checkWriteFlags({ out: 'o', format: 'csv', dialect: 'mysql' }, 'masked'),
    '--dialect applies to --format sql, not csv',
  );
  refused(
    () => checkWriteFlags({ out: 'o', format: 'parquet', gzip: true }, 'masked'),
    '--gzip does not apply to parquet',
  );
});
