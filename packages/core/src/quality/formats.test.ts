/**
 * @module Format checks against known values and against what tdm's own generators make, cross-
 * checked with the `validator` library where it has the same check.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import validator from 'validator';
import { parseSchema } from '../dsl/index.js';
import { preview } from '../preview.js';
import {
  formatCheck,
  isCreditCard,
  isEmail,
  isIban,
  isIsoDate,
  isPhone,
  isTimestamp,
  safeRegex,
} from './formats.js';

test('known good and bad values', () => {
  assert.ok(isIban('DE89370400440532013000'));
  assert.ok(isIban('GB82 WEST 1234 5698 7654 32'));
  assert.ok(!isIban('DE89370400440532013001'));
  assert.ok(isCreditCard('4111 1111 1111 1111'));
  assert.ok(!isCreditCard('4111 1111 1111 1112'));
  assert.ok(isEmail('a.b+c@example.co.uk'));
  assert.ok(!isEmail('a@b') && !isEmail('no at') && !isEmail('<script>@x.com'));
  assert.ok(isPhone('+1 (555) 123-4567 x89') && !isPhone('12') && !isPhone('call me'));
  assert.ok(isIsoDate('2024-02-29') && !isIsoDate('2023-02-29') && !isIsoDate('2024-13-01'));
  assert.ok(isTimestamp('2024-01-01T10:00:00Z') && isTimestamp('2024-01-01T10:00:00.123+02:00'));
  assert.ok(!isTimestamp('2024-01-01T25:00:00Z') && !isTimestamp('yesterday'));
  const uuid = formatCheck('uuid', undefined, 'x');
  assert.ok(uuid('0b7e6b4e-4d0b-4a8e-9c3e-1f2a3b4c5d6e') && !uuid('0b7e6b4e'));
  assert.ok(formatCheck('integer', undefined, 'x')(3) && !formatCheck('integer', undefined, 'x')('3'));
  assert.ok(formatCheck('json', undefined, 'x')('{"a":1}') && !formatCheck('json', undefined, 'x')('{a:1}'));
});

test('regex rules match the whole value and refuse nested unbounded repetition', () => {
  const sku = formatCheck('regex', '[A-Z]{3}-\\d{4}', 'r');
  assert.ok(sku('ABC-1234') && !sku('xABC-1234') && !sku('ABC-12345'));
  assert.throws(() => safeRegex('(a+)+', 'r'), /nested unbounded repetition/);
  assert.throws(() => safeRegex('(\\w)\\1', 'r'), /backreference/);
  assert.doesNotThrow(() => safeRegex('(ab){1,3}[0-9]+', 'r'));
});

test('every value tdm generates passes its format, and validator agrees', () => {
  const doc = parseSchema(`
entities:
  t:
    count: 400
    fields:
      email: { type: internet.email }
      iban: { type: finance.iban }
      card: { type: finance.creditCardNumber }
      phone: { type: phone.number }
      phone2: { type: phone.number, style: international }
      phone3: { type: phone.number, style: national }
      ts: { type: timestamp, min: -3y, max: now }
      d: { type: date, min: '1940-01-01', max: now }
`);
  const [t] = preview(doc, { now: Date.UTC(2025, 0, 1), rows: 400 });
  assert.ok(t);
  const col = (name: string): string[] => t.rows.map((r) => String(r[t.columns.indexOf(name)]));
  for (const v of col('email')) assert.ok(isEmail(v) && validator.isEmail(v), v);
  for (const v of col('iban')) assert.ok(isIban(v) && validator.isIBAN(v), v);
  for (const v of col('card')) assert.ok(isCreditCard(v) && validator.isCreditCard(v), v);
  for (const v of [...col('phone'), ...col('phone2'), ...col('phone3')]) assert.ok(isPhone(v), v);
  for (const v of col('ts')) assert.ok(isTimestamp(v) && validator.isISO8601(v), v);
  for (const v of col('d'))
    assert.ok(isIsoDate(v) && validator.isDate(v, { format: 'YYYY-MM-DD', strictMode: true }), v);
});
