/**
 * @module Property tests: generated values pass independent, real validators (the `validator`
 * package, plus independent checksum implementations) for any dataset seed.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import validator from 'validator';
import type { Value } from './types.js';
import { ibanCountries } from './finance-iban.js';
import { sampleField } from './testing/sample.js';

/** Checks every value of `spec` for several random dataset seeds. */
function forSeeds(spec: Record<string, unknown>, check: (v: Value) => void, runs = 12, rows = 40): void {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
      for (const v of sampleField(spec, { seed, rows })) check(v);
    }),
    { numRuns: runs },
  );
}

function str(v: Value): string {
  assert.equal(typeof v, 'string', `expected a string, got ${JSON.stringify(v)}`);
  return v as string;
}

/** Luhn validity, written independently of the generator's check-digit code. */
function luhnValid(digits: string): boolean {
  const ds = [...digits].reverse().map(Number);
  const sum = ds.reduce((a, d, i) => a + (i % 2 === 1 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d), 0);
  return sum % 10 === 0;
}

function abaValid(n: string): boolean {
  const d = [...n].map(Number);
  const w = [3, 7, 1, 3, 7, 1, 3, 7, 1];
  return n.length === 9 && d.reduce((a, x, i) => a + x * (w[i] as number), 0) % 10 === 0;
}

test('emails pass isEmail and stay ASCII', () => {
  for (const spec of [
    { type: 'internet.email' },
    { type: 'internet.email', provider: 'free' },
    { type: 'internet.email', from: ['first_name', 'last_name'] },
    { type: 'internet.email', from: ['first_name', 'last_name'], unique: true },
  ])
    forSeeds(spec, (v) => {
      assert.ok(validator.isEmail(str(v)), `not an email: ${String(v)}`);
      assert.ok(validator.isAscii(str(v)));
    });
});

test('urls pass isURL and domains isFQDN', () => {
  const opts = { require_protocol: true, protocols: ['http', 'https'] };
  forSeeds({ type: 'internet.url' }, (v) => assert.ok(validator.isURL(str(v), opts), String(v)));
  forSeeds({ type: 'internet.url', from: 'domain', path: true }, (v) =>
    assert.ok(validator.isURL(str(v), opts), String(v)),
  );
  forSeeds({ type: 'internet.domainName', unique: true }, (v) =>
    assert.ok(validator.isFQDN(str(v)), String(v)),
  );
});

test('IP and MAC addresses pass isIP / isMACAddress; CIDR blocks hold', () => {
  forSeeds({ type: 'internet.ipv4' }, (v) => assert.ok(validator.isIP(str(v), 4), String(v)));
  forSeeds({ type: 'internet.ipv4', cidr: '192.168.16.0/20', unique: true }, (v) => {
    const [a, b, c] = str(v).split('.').map(Number) as [number, number, number];
    assert.ok(validator.isIP(str(v), 4) && a === 192 && b === 168 && c >= 16 && c < 32, String(v));
  });
  forSeeds({ type: 'internet.ipv6' }, (v) => assert.ok(validator.isIP(str(v), 6), String(v)));
  forSeeds({ type: 'internet.ipv6', unique: true }, (v) => assert.ok(validator.isIP(str(v), 6), String(v)));
  forSeeds({ type: 'internet.mac' }, (v) => assert.ok(validator.isMACAddress(str(v)), String(v)));
  forSeeds({ type: 'internet.mac', separator: '', unique: true }, (v) =>
    assert.ok(validator.isMACAddress(str(v), { no_separators: true }), String(v)),
  );
});

test('IBANs pass isIBAN in every supported country, formatted or not', () => {
  for (const country of ibanCountries) {
    forSeeds(
      { type: 'finance.iban', country },
      (v) => {
        assert.ok(validator.isIBAN(str(v)), `${country}: ${String(v)}`);
        assert.ok(str(v).startsWith(country));
      },
      2,
      20,
    );
  }
  forSeeds({ type: 'finance.iban' }, (v) => assert.ok(validator.isIBAN(str(v)), String(v)));
  forSeeds({ type: 'finance.iban', formatted: true }, (v) =>
    assert.ok(validator.isIBAN(str(v).replace(/ /g, '')) && /^(\S{4} )*\S{1,4}$/.test(str(v)), String(v)),
  );
});

test('BICs pass isBIC', () => {
  forSeeds({ type: 'finance.bic' }, (v) =>
    assert.ok(validator.isBIC(str(v)) && str(v).length === 8, String(v)),
  );
  forSeeds({ type: 'finance.bic', branch: true, country: 'DE' }, (v) =>
    assert.ok(validator.isBIC(str(v)) && str(v).length === 11 && str(v).slice(4, 6) === 'DE', String(v)),
  );
});

test('card numbers pass isCreditCard and Luhn for every issuer and separator', () => {
  const issuers = ['visa', 'mastercard', 'amex', 'discover', 'jcb', 'diners', undefined] as const;
  for (const issuer of issuers) {
    for (const separator of ['', '-', ' ']) {
      const spec = { type: 'finance.creditCardNumber', ...(issuer ? { issuer } : {}), separator };
      forSeeds(
        spec,
        (v) => {
          const digits = str(v).replace(/[- ]/g, '');
          assert.ok(/^\d{13,19}$/.test(digits) && luhnValid(digits), `${issuer}: ${String(v)}`);
          const provider = issuer === 'diners' ? 'dinersclub' : issuer;
          assert.ok(validator.isCreditCard(digits, provider ? { provider } : {}), `${issuer}: ${String(v)}`);
          if (separator === '') assert.equal(str(v), digits);
        },
        4,
      );
    }
  }
  forSeeds({ type: 'finance.creditCardCvv', length: 4 }, (v) => assert.match(str(v), /^\d{4}$/));
});

test('uuids pass isUUID for their version', () => {
  forSeeds({ type: 'uuid' }, (v) => assert.ok(validator.isUUID(str(v), 4), String(v)));
  forSeeds({ type: 'uuid', unique: true }, (v) => assert.ok(validator.isUUID(str(v), 4), String(v)));
  forSeeds({ type: 'uuid', version: 7 }, (v) => assert.ok(validator.isUUID(str(v), 7), String(v)));
});

test('ISBN-13, EAN-13 and ABA routing numbers carry valid check digits', () => {
  forSeeds({ type: 'commerce.isbn' }, (v) => assert.ok(validator.isISBN(str(v), 13), String(v)));
  forSeeds({ type: 'commerce.isbn', separator: '', unique: true }, (v) =>
    assert.ok(validator.isISBN(str(v), 13) && /^97[89]\d{10}$/.test(str(v)), String(v)),
  );
  forSeeds({ type: 'commerce.ean13' }, (v) => assert.ok(validator.isEAN(str(v)) && str(v).length === 13));
  forSeeds({ type: 'commerce.ean13', prefix: '400', unique: true }, (v) =>
    assert.ok(validator.isEAN(str(v)) && str(v).startsWith('400'), String(v)),
  );
  forSeeds({ type: 'finance.routingNumber' }, (v) => assert.ok(abaValid(str(v)), String(v)));
  forSeeds({ type: 'finance.routingNumber', unique: true }, (v) => assert.ok(abaValid(str(v)), String(v)));
});

test('codes pass their ISO validators', () => {
  forSeeds({ type: 'location.countryCode' }, (v) => assert.ok(validator.isISO31661Alpha2(str(v)), String(v)));
  forSeeds({ type: 'location.countryCode', variant: 'alpha-3' }, (v) =>
    assert.ok(validator.isISO31661Alpha3(str(v)), String(v)),
  );
  forSeeds({ type: 'location.countryCode', variant: 'numeric' }, (v) => assert.match(str(v), /^\d{3}$/));
  forSeeds({ type: 'finance.currencyCode' }, (v) => assert.match(str(v), /^[A-Z]{3}$/));
});

test('coordinates stay in range and bounds', () => {
  forSeeds({ type: 'location.latitude' }, (v) => assert.ok(typeof v === 'number' && v >= -90 && v <= 90));
  forSeeds({ type: 'location.longitude' }, (v) => assert.ok(typeof v === 'number' && v >= -180 && v <= 180));
  forSeeds({ type: 'location.latitude', min: 47, max: 55, scale: 3 }, (v) =>
    assert.ok(typeof v === 'number' && v >= 47 && v <= 55 && Math.round(v * 1000) === v * 1000),
  );
});

test('regex outputs match their pattern in full', () => {
  const patterns = [
    '[A-Z]{3}-\\d{4}',
    '^(?:[a-z0-9._-]+)@example\\.(com|org)$',
    '(ab|cd)+e*',
    '\\w{2,5}\\s\\W?',
    '[^a-z]{4}',
    '.{3}x',
    'ID-[0-9A-F]{6}(-[a-z]{2})?',
    '[а-я]{3}[α-ω]+',
    '(foo|bar|baz){2}\\d?',
    '[\\u4e00-\\u4e0f]{2}',
  ];
  for (const pattern of patterns) {
    const full = new RegExp(`^(?:${pattern})$`);
    forSeeds({ type: 'regex', pattern }, (v) => assert.match(str(v), full, pattern), 6);
    forSeeds({ type: 'string', pattern, max: 2 }, (v) => assert.match(str(v), full, pattern), 3);
  }
});

test('random strings respect length and charset', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }), (a, b) => {
      const [minLength, maxLength] = a <= b ? [a, b] : [b, a];
      for (const v of sampleField({ type: 'string', minLength, maxLength, charset: 'hex' }, { rows: 20 })) {
        assert.ok(str(v).length >= minLength && str(v).length <= maxLength && /^[0-9a-f]*$/.test(str(v)));
      }
    }),
    { numRuns: 15 },
  );
});

test('lorem counts stay within their ranges', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 6 }), (min, extra) => {
      const max = min + extra;
      const count = (s: string, sep: RegExp): number => s.split(sep).filter(Boolean).length;
      for (const v of sampleField({ type: 'lorem.words', min, max }, { rows: 20 })) {
        const n = count(str(v), / /);
        assert.ok(n >= min && n <= max, `${n} words in "${String(v)}"`);
      }
      for (const v of sampleField({ type: 'lorem.sentence', min, max }, { rows: 20 })) {
        const n = count(str(v), / /);
        assert.ok(n >= min && n <= max && /^[A-Z].*\.$/.test(str(v)), String(v));
      }
      for (const v of sampleField({ type: 'lorem.paragraph', min, max }, { rows: 10 })) {
        const n = str(v).split('. ').length;
        assert.ok(n >= min && n <= max, `${n} sentences`);
      }
      for (const v of sampleField({ type: 'lorem.slug', min, max }, { rows: 20 })) {
        const n = count(str(v), /-/);
        assert.ok(n >= min && n <= max && !/\s/.test(str(v)), String(v));
      }
    }),
    { numRuns: 15 },
  );
});

test('json documents have the declared keys; arrays their declared lengths', () => {
  const shape = {
    name: { type: 'person.firstName' },
    tags: { type: 'array', items: { type: 'lorem.word' }, minItems: 0, maxItems: 3 },
    address: { type: 'json', shape: { city: { type: 'location.city' }, zip: { type: 'location.zipCode' } } },
    since: { type: 'date', min: '-2y', max: 'now', nullRate: 0.5 },
  };
  forSeeds({ type: 'json', shape }, (v) => {
    const doc = v as Record<string, unknown>;
    assert.deepEqual(Object.keys(doc), ['name', 'tags', 'address', 'since']);
    assert.equal(typeof doc['name'], 'string');
    assert.ok(Array.isArray(doc['tags']) && doc['tags'].length <= 3);
    assert.deepEqual(Object.keys(doc['address'] as object), ['city', 'zip']);
    assert.ok(doc['since'] === null || /^\d{4}-\d{2}-\d{2}$/.test(String(doc['since'])));
  });
  forSeeds({ type: 'array', items: { type: 'integer', min: 1, max: 9 }, minItems: 2, maxItems: 4 }, (v) => {
    assert.ok(Array.isArray(v) && v.length >= 2 && v.length <= 4);
    for (const x of v as unknown[])
      assert.ok(Number.isInteger(x) && (x as number) >= 1 && (x as number) <= 9);
  });
});
