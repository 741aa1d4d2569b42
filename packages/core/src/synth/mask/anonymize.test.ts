/**
 * @module Anonymization of card numbers read as integers: Luhn-valid cards, exact integers.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isPaymentCard } from '../pii/index.js';
import { Anonymizer } from './anonymize.js';

test('an integer card number is anonymized as a Luhn-valid card an integer holds exactly', () => {
  const real = 4539578763621486;
  const a = new Anonymizer({ kind: 'payment_card', seed: 7, type: 'integer', isReal: (v) => v === real });
  for (let row = 0; row < 300; row++) {
    const v = a.value(real, row);
    assert.ok(Number.isSafeInteger(v), `${String(v)} is not an exact integer`);
    assert.ok(isPaymentCard(String(v)), `${String(v)} fails Luhn or issuer prefix`);
    assert.notEqual(v, real);
  }
});
