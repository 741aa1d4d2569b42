/**
 * @module Pseudonymization keeps formats (checked with the real validators: validator.js and the
 * quality checker's), is deterministic per secret, injective, and unrelated across secrets.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import validator from 'validator';
import { isCreditCard, isEmail, isIban, isPhone } from '../../quality/index.js';
import { sampleField } from '../../values/testing/sample.js';
import { encipher, PseudonymKey } from './cipher.js';
import { Pseudonymizer } from './pseudonymize.js';

const key = new PseudonymKey('team secret');
const p = new Pseudonymizer(key);

/** Luhn, written independently of the masking code. */
function luhnValid(digits: string): boolean {
  const ds = [...digits].reverse().map(Number);
  return ds.reduce((a, d, i) => a + (i % 2 === 1 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d), 0) % 10 === 0;
}

const shape = (s: string): string => s.replace(/[a-z]/g, 'a').replace(/[A-Z]/g, 'A').replace(/[0-9]/g, '9');

test('the Feistel network is a bijection: every 3-digit and every 2-letter vector maps to a distinct one', () => {
  for (const [radix, n] of [
    [10, 3],
    [26, 2],
    [9, 1],
  ] as const) {
    const seen = new Set<string>();
    for (let x = 0; x < radix ** n; x++) {
      const v = new Uint8Array(n);
      for (let i = 0, y = x; i < n; i++, y = Math.floor(y / radix)) v[i] = y % radix;
      encipher(key, 't', v, new Uint8Array(n).fill(radix));
      assert.ok(
        [...v].every((d) => d < radix),
        'stays in range',
      );
      seen.add(v.join(','));
    }
    assert.equal(seen.size, radix ** n);
  }
});

test('emails stay valid emails (validator.js and ours); keepDomain keeps the domain', () => {
  const emails = sampleField({ type: 'internet.email', from: ['first_name', 'last_name'] }, { rows: 300 });
  const keep = new Pseudonymizer(key, { keepDomain: true });
  for (const e of emails as string[]) {
    const out = p.text(e);
    assert.ok(isEmail(out) && validator.isEmail(out), `${e} -> ${out}`);
    assert.notEqual(out, e);
    assert.equal(shape(out.split('@')[0] as string), shape(e.split('@')[0] as string));
    const kept = keep.text(e);
    assert.ok(validator.isEmail(kept));
    assert.equal(kept.split('@')[1], e.split('@')[1]);
  }
});

test('IBANs stay mod-97 valid with the same country and length; cards stay Luhn-valid', () => {
  for (const iban of sampleField({ type: 'finance.iban' }, { rows: 300 }) as string[]) {
    const out = p.text(iban);
    assert.ok(isIban(out) && validator.isIBAN(out), `${iban} -> ${out}`);
    assert.equal(out.slice(0, 2), iban.slice(0, 2));
    assert.equal(out.length, iban.length);
    assert.notEqual(out, iban);
  }
  for (const f of [true, false]) {
    for (const iban of sampleField(
      { type: 'finance.iban', country: 'DE', formatted: f },
      { rows: 50 },
    ) as string[])
      assert.ok(isIban(p.text(iban)) && shape(p.text(iban)) === shape(iban));
  }
  for (const separator of ['', ' ', '-']) {
    for (const card of sampleField(
      { type: 'finance.creditCardNumber', separator },
      { rows: 200 },
    ) as string[]) {
      const out = p.text(card);
      assert.ok(isCreditCard(out) && luhnValid(out.replace(/\D/g, '')), `${card} -> ${out}`);
      assert.equal(
        validator.isCreditCard(out.replace(/\D/g, '')),
        validator.isCreditCard(card.replace(/\D/g, '')),
      );
      assert.equal(out.slice(0, 7).replace(/\D/g, '').slice(0, 6), card.replace(/\D/g, '').slice(0, 6));
      assert.equal(shape(out), shape(card));
    }
  }
});

test('a card number read as an integer stays a card: issuer prefix, length, Luhn; as its text would', () => {
  for (const card of sampleField(
    { type: 'finance.creditCardNumber', separator: '' },
    { rows: 200 },
  ) as string[]) {
    const n = Number(card);
    if (!Number.isSafeInteger(n) || card.startsWith('0')) continue;
    const out = p.value(n) as number;
    const digits = String(out);
    assert.ok(Number.isSafeInteger(out) && luhnValid(digits), `${card} -> ${out}`);
    assert.equal(digits.slice(0, 6), card.slice(0, 6));
    assert.equal(digits.length, card.length);
    assert.notEqual(out, n);
    assert.equal(digits, p.text(card));
  }
  // The regression: a Visa read as a number became "7524146011987438" (no issuer, no Luhn).
  assert.equal(String(p.value(4833788762328602)).slice(0, 6), '483378');
});

test('property: integers of card length stay distinct whether or not they are cards', () => {
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.integer({ min: 10 ** 11, max: 2 ** 53 - 1 }), { minLength: 2, maxLength: 200 }),
      (ns) => {
        const outs = ns.map((n) => p.value(n) as number);
        assert.equal(new Set(outs).size, ns.length);
        outs.forEach((o, i) => assert.equal(isCreditCard(String(o)), isCreditCard(String(ns[i]))));
      },
    ),
    { numRuns: 100 },
  );
});

test('phones stay phones; uuids stay uuids of the same version', () => {
  for (const phone of sampleField({ type: 'phone.number' }, { rows: 200 }) as string[]) {
    const out = p.text(phone);
    assert.equal(isPhone(out), isPhone(phone));
    assert.equal(out.replace(/\d/g, '9'), phone.replace(/\d/g, '9'));
  }
  for (const u of sampleField({ type: 'uuid' }, { rows: 100 }) as string[]) {
    const out = p.text(u);
    assert.ok(validator.isUUID(out, 4) || !validator.isUUID(u, 4), `${u} -> ${out}`);
    assert.ok(validator.isUUID(out));
  }
});

test('property: digit strings and integers keep length and digit-ness; leading zeros stay', () => {
  fc.assert(
    fc.property(fc.stringMatching(/^[0-9]{1,24}$/), (s) => {
      const out = p.text(s);
      assert.match(out, /^[0-9]+$/);
      assert.equal(out.length, s.length);
      assert.equal(out[0] === '0', s[0] === '0' && s.length > 1 ? true : out[0] === '0');
    }),
    { numRuns: 300 },
  );
  fc.assert(
    fc.property(fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }), (n) => {
      const out = p.value(n) as number;
      assert.ok(Number.isSafeInteger(out), `${n} -> ${out}`);
      assert.equal(String(Math.abs(out)).length, String(Math.abs(n)).length);
      assert.equal(Math.sign(out) === -1, n < 0);
    }),
    { numRuns: 300 },
  );
  fc.assert(
    fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
      const out = p.value(x) as number;
      assert.equal(typeof out, 'number');
      assert.ok(Number.isFinite(out));
    }),
    { numRuns: 200 },
  );
});

test('property: any text keeps its shape, and distinct inputs give distinct outputs', () => {
  fc.assert(
    fc.property(fc.uniqueArray(fc.string({ maxLength: 12 }), { minLength: 1, maxLength: 60 }), (xs) => {
      const outs = xs.map((x) => p.text(x));
      outs.forEach((o, i) => assert.equal(shape(o), shape(xs[i] as string)));
      assert.equal(new Set(outs).size, xs.length);
    }),
    { numRuns: 200 },
  );
});

test('uniqueness: 100,000 distinct ids (numbers and zero-padded strings) stay distinct', () => {
  const q = new Pseudonymizer(key);
  const nums = new Set<number>();
  const texts = new Set<string>();
  for (let i = 0; i < 50_000; i++) {
    nums.add(q.value(100_000 + i) as number);
    texts.add(q.text(String(i).padStart(6, '0')));
  }
  // 16-digit ids: a tenth are Luhn-valid (card treatment), the rest never become one.
  const long = new Set<string>();
  for (let i = 0; i < 20_000; i++) long.add(q.text(String(4_000_000_000_000_000 + i * 7)));
  assert.equal(long.size, 20_000);
  assert.equal(nums.size, 50_000);
  assert.equal(texts.size, 50_000);
  for (const n of nums) assert.ok(n >= 100_000 && n <= 999_999);
});

test('deterministic per secret and across instances; another secret or scope gives other pseudonyms', () => {
  const a = new Pseudonymizer(new PseudonymKey('team secret'));
  const b = new Pseudonymizer(new PseudonymKey(new TextEncoder().encode('team secret')));
  const other = new Pseudonymizer(new PseudonymKey('another secret'));
  const scoped = new Pseudonymizer(key, { scope: 'orders.customer_id' });
  const inputs = ['jane@example.com', 'DE89370400440532013000', 123456, 'AB-1234', true];
  let differ = 0;
  for (const v of inputs) {
    assert.deepEqual(a.value(v), b.value(v));
    assert.deepEqual(a.value(v), p.value(v));
    if (a.value(v) !== other.value(v)) differ++;
    if (typeof v === 'string') assert.notEqual(scoped.value(v), a.value(v));
  }
  assert.ok(differ >= inputs.length - 1);
  assert.equal(a.value(null), null);
});
