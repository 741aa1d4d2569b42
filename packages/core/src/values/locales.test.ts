/**
 * @module Every faker locale compiles and draws every generator (fallbacks to the parent locale,
 * en and base fill the gaps), no faker pattern leaks into values, and identifiers built from
 * names (emails, usernames, domains, urls) stay ASCII whatever the script of the names.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import validator from 'validator';
import { localeCodes } from './locale-data.js';
import { allGenerators } from './registry.js';
import { sampleValues } from './testing/sample.js';

const ROWS = 30;

test('every locale compiles and draws every generator example', () => {
  const specs = Object.fromEntries(allGenerators.map((g, i) => [`g${i}`, g.example]));
  for (const locale of localeCodes) {
    const values = sampleValues(specs, { rows: ROWS, locale });
    allGenerators.forEach((g, i) => {
      const vs = values[`g${i}`] ?? [];
      assert.equal(vs.length, ROWS, `${locale} ${g.name}`);
      for (const v of vs) {
        const text = typeof v === 'string' ? v : JSON.stringify(v);
        assert.ok(!text.includes('{{'), `${locale} ${g.name} leaked a faker pattern: ${text}`);
      }
    });
  }
});

test('names in any script still give ASCII emails, usernames, domains, urls and slugs', () => {
  const specs = {
    email: { type: 'internet.email', from: ['first_name', 'last_name'] },
    random_email: { type: 'internet.email' },
    unique_email: { type: 'internet.email', from: ['first_name', 'last_name'], unique: true },
    username: { type: 'internet.username', from: ['first_name', 'last_name'] },
    domain: { type: 'internet.domainName' },
    url: { type: 'internet.url', path: true },
    slug: { type: 'lorem.slug' },
  };
  for (const locale of localeCodes) {
    const values = sampleValues(specs, { rows: ROWS, locale });
    for (const [name, vs] of Object.entries(values)) {
      for (const v of vs) {
        assert.ok(typeof v === 'string' && validator.isAscii(v), `${locale} ${name}: ${String(v)}`);
        if (name.endsWith('email')) assert.ok(validator.isEmail(v), `${locale} ${name}: ${v}`);
        if (name === 'domain') assert.ok(validator.isFQDN(v), `${locale}: ${v}`);
        if (name === 'url') assert.ok(validator.isURL(v, { require_protocol: true }), `${locale}: ${v}`);
      }
    }
  }
});

test('sex-specific names come from the locale’s own lists', () => {
  const de = sampleValues({ f: { type: 'person.firstName', sex: 'female' } }, { rows: 50, locale: 'de' });
  const en = sampleValues({ f: { type: 'person.firstName', sex: 'female' } }, { rows: 50, locale: 'en' });
  assert.notDeepEqual(de['f'], en['f']);
});

test('names without a sex draw from every list (ja’s generic first-name list has one name)', () => {
  const names = sampleValues({ f: { type: 'person.firstName' } }, { rows: 300, locale: 'ja' })['f'] ?? [];
  assert.ok(new Set(names).size > 100);
});

test('full names keep prefix, first and last name of one sex', () => {
  const names = (
    sampleValues({ f: { type: 'person.fullName' } }, { rows: 300, locale: 'ru' })['f'] ?? []
  ).map(String);
  // Russian female surnames and given names end in а/я; male ones do not (faker's ru lists).
  for (const n of names) {
    const parts = n.split(' ');
    const female = parts.filter((p) => /[ая]$/.test(p)).length;
    assert.ok(female === 0 || female >= parts.length - 1, n);
  }
});

test('the static locale list is exactly faker’s locales (so lazy loading misses none)', async () => {
  const { allLocales } = await import('@faker-js/faker');
  assert.deepEqual(
    [...localeCodes].sort(),
    Object.keys(allLocales)
      .filter((c) => c !== 'base')
      .sort(),
  );
});
