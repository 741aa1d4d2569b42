/** @module Check digits against published examples. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { abaCheckDigit, gs1CheckDigit, ibanCheckDigits, luhnCheckDigit } from './checksums.js';

test('Luhn: the classic 7992739871-3, and separators are skipped', () => {
  assert.equal(luhnCheckDigit('7992739871'), 3);
  assert.equal(luhnCheckDigit('4111-1111-1111-111'), 1);
});

test('GS1 mod 10: EAN 4006381333931 and ISBN 978-0-306-40615-7', () => {
  assert.equal(gs1CheckDigit('400638133393'), 1);
  assert.equal(gs1CheckDigit('978030640615'), 7);
});

test('IBAN mod 97: GB82 WEST 1234 5698 7654 32 and DE89 3704 0044 0532 0130 00', () => {
  assert.equal(ibanCheckDigits('GB', 'WEST12345698765432'), '82');
  assert.equal(ibanCheckDigits('DE', '370400440532013000'), '89');
  assert.equal(ibanCheckDigits('BE', '539007547034'), '68');
});

test('ABA: 011000015 (Federal Reserve Boston) and 111000025', () => {
  assert.equal(abaCheckDigit('01100001'), 5);
  assert.equal(abaCheckDigit('11100002'), 5);
});
