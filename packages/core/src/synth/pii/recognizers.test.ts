import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ibanCheckDigits, luhnCheckDigit } from '../../values/checksums.js';
import { isCreditCard, isEmail, isIban } from '../../quality/index.js';
import { maskExample } from './mask-example.js';
import { findPiiInText, recognizeValue } from './recognizers.js';
import { isBsn, isIpv6, isSpanishId, isSsn, isUkNino } from './validators.js';

const digits = (min: number, max: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((a) => a.join(''));

const card = fc
  .tuple(fc.integer({ min: 2, max: 6 }), digits(11, 17), fc.constantFrom('', ' ', '-'))
  .map(([first, rest, sep]) => {
    const payload = String(first) + rest;
    const n = payload + luhnCheckDigit(payload);
    return sep ? (n.match(/.{1,4}/g) as string[]).join(sep) : n;
  });

test('Luhn-valid card numbers with an issuer digit are payment cards', () => {
  fc.assert(
    fc.property(card, (n) => {
      assert.ok(isCreditCard(n), n);
      assert.equal(recognizeValue(n), 'payment_card', n);
    }),
  );
});

test('IBANs with computed check digits are recognized, compact or grouped', () => {
  const bban = fc
    .array(fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'), { minLength: 12, maxLength: 28 })
    .map((a) => a.join(''));
  const country = fc.constantFrom('DE', 'GB', 'NL', 'FR', 'ES', 'IT', 'BE');
  fc.assert(
    fc.property(country, bban, fc.boolean(), (cc, b, grouped) => {
      const iban = cc + ibanCheckDigits(cc, b) + b;
      const shown = grouped ? (iban.match(/.{1,4}/g) as string[]).join(' ') : iban;
      assert.ok(isIban(shown));
      assert.equal(recognizeValue(shown), 'iban', shown);
    }),
  );
});

test('random digit strings are mostly not personal data', () => {
  let hits = 0;
  const runs = 2000;
  fc.assert(
    fc.property(digits(4, 19), (s) => {
      if (recognizeValue(s) !== null) hits++;
    }),
    { numRuns: runs, seed: 7 },
  );
  // Only Luhn-valid 13-19 digit strings with an issuer digit pass: about 5% of those lengths.
  assert.ok(hits / runs < 0.05, `${hits} of ${runs}`);
});

test('a changed check digit is no longer recognized', () => {
  fc.assert(
    fc.property(digits(15, 15), fc.integer({ min: 1, max: 9 }), (body, delta) => {
      const payload = '4' + body;
      const ok = luhnCheckDigit(payload);
      assert.equal(recognizeValue(payload + ((ok + delta) % 10)), null);
    }),
  );
});

test('recognizes each kind by value and rejects look-alikes', () => {
  const cases: [string, string | null][] = [
    ['jane.doe@example.com', 'email'],
    ['jane.doe@', null],
    ['192.168.0.1', 'ip_address'],
    ['256.1.1.1', null],
    ['2001:db8::8a2e:370:7334', 'ip_address'],
    ['::1', 'ip_address'],
    ['::ffff:10.0.0.1', 'ip_address'],
    ['10:30:00', null],
    ['123-45-6789', 'national_id'],
    ['666-45-6789', null],
    ['123-00-6789', null],
    ['12345678Z', 'national_id'],
    ['12345678A', null],
    ['X1234567L', 'national_id'],
    ['AB 12 34 56 C', 'national_id'],
    ['GB123456A', null],
    ['+31 20 123 4567', 'phone'],
    ['(555) 123-4567', 'phone'],
    ['555.123.4567', 'phone'],
    ['020 7946 0958', 'phone'],
    ['2020-01-01', null],
    ['01/02/2020', null],
    ['1234567890', null],
    ['12345', null],
    ['3.14159', null],
    ['hello world', null],
  ];
  for (const [v, kind] of cases) assert.equal(recognizeValue(v), kind, v);
});

test('check-digit national ids: BSN 11-proof, DNI letter, SSN areas, NINO prefixes', () => {
  assert.ok(isBsn('111222333'));
  assert.ok(isBsn('123456782'));
  assert.ok(!isBsn('123456789'));
  assert.ok(isSpanishId('00000000T'));
  assert.ok(isSpanishId('Z7654321G') === ('TRWAGMYFPDXBNJZSQVHLCKE'[27654321 % 23] === 'G'));
  assert.ok(!isSsn('900-12-3456'));
  assert.ok(!isUkNino('QQ123456C'));
  assert.ok(!isIpv6('1:2:3:4:5:6:7:8:9'));
  assert.ok(isIpv6('1:2:3:4:5:6:7:8'));
});

test('finds personal data inside free text, without overlaps', () => {
  const t =
    'Call +31 20 123 4567 or mail jo@ex.org. Card 4111-1111-1111-1111, IBAN DE89 3704 0044 0532 0130 00 ' +
    'from 10.0.0.1; SSN 123-45-6789 on 2020-01-02, order 12345, 3.5 kg at 12:30:00 and ip fe80::1.';
  const found = findPiiInText(t).map((s) => [s.kind, t.slice(s.start, s.end)]);
  assert.deepEqual(found, [
    ['phone', '+31 20 123 4567'],
    ['email', 'jo@ex.org'],
    ['payment_card', '4111-1111-1111-1111'],
    ['iban', 'DE89 3704 0044 0532 0130 00'],
    ['ip_address', '10.0.0.1'],
    ['national_id', '123-45-6789'],
    ['ip_address', 'fe80::1'],
  ]);
  assert.deepEqual(findPiiInText('Ordered 3 items on 2024-05-01 for 19.99, ref 12345.'), []);
});

test('a phone in text takes its extension with it', () => {
  const spans = (t: string) => findPiiInText(t).map((s) => [s.kind, t.slice(s.start, s.end)]);
  assert.deepEqual(spans('+1 555 123 4567 x905'), [['phone', '+1 555 123 4567 x905']]);
  assert.deepEqual(spans('call (555) 123-4567 ext. 12 today'), [['phone', '(555) 123-4567 ext. 12']]);
  assert.deepEqual(spans('+31 20 123 4567 Extension 9, ok'), [['phone', '+31 20 123 4567 Extension 9']]);
  // No digits after the marker: no extension, and a word starting with x is not one.
  assert.deepEqual(spans('+1 555 123 4567 x, thanks'), [['phone', '+1 555 123 4567']]);
  assert.deepEqual(spans('+1 555 123 4567 xray'), [['phone', '+1 555 123 4567']]);
  // An extension never makes a phone of what is not one.
  assert.deepEqual(spans('box 12 x 4 and size 3 ext 5'), []);
});

test('a street address in text, house number first, is found; numbers and plain words are not', () => {
  const spans = (t: string) => findPiiInText(t).map((s) => [s.kind, t.slice(s.start, s.end)]);
  assert.deepEqual(spans('ship to 51 Main St please'), [['street_address', '51 Main St']]);
  assert.deepEqual(spans('Deliver to 1600 Pennsylvania Avenue, then call'), [
    ['street_address', '1600 Pennsylvania Avenue'],
  ]);
  assert.deepEqual(spans('Moved from 12B Lake View Blvd. in May'), [
    ['street_address', '12B Lake View Blvd'],
  ]);
  assert.deepEqual(spans('ordered 3 items on the way; 51 main st'), []);
  assert.deepEqual(spans('Room 12, version 3.5 St'), []);
});

test('every email and card placed in text is found at its offsets', () => {
  const word = fc.stringMatching(/^[a-z]{1,8}$/);
  const email = fc
    .tuple(word, word, fc.constantFrom('com', 'org', 'nl'))
    .map(([a, b, t]) => `${a}@${b}.${t}`);
  fc.assert(
    fc.property(
      fc.array(word, { maxLength: 5 }),
      fc.oneof(email, card),
      fc.array(word, { maxLength: 5 }),
      (pre, v, post) => {
        const prefix = pre.length ? pre.join(' ') + ' ' : '';
        const text = `${prefix}${v}${post.length ? ' ' + post.join(' ') : ''}`;
        const spans = findPiiInText(text);
        assert.equal(spans.length, 1, text);
        assert.equal(text.slice(spans[0]!.start, spans[0]!.end), v);
        assert.equal(spans[0]!.kind, isEmail(v) ? 'email' : 'payment_card');
      },
    ),
  );
});

test('masked examples never show the value they mask', () => {
  fc.assert(
    fc.property(fc.string({ minLength: 2, maxLength: 40 }), (v) => {
      fc.pre([...v].filter((c) => /[\p{L}\p{N}]/u.test(c)).length >= 2);
      const m = maskExample(v);
      assert.notEqual(m, v);
      assert.ok(!m.includes(v), `${m} shows ${v}`);
    }),
  );
  assert.equal(maskExample('jane.doe@example.com'), 'j***@e***.com');
  assert.equal(maskExample('4111 1111 1111 1111'), '**** **** **** **11');
});
