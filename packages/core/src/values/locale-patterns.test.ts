/** @module Faker's pattern language as LocaleData compiles it. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allLocales } from '@faker-js/faker';
import { isTdmError } from '../errors/index.js';
import { Rng } from '../random/index.js';
import { LocaleData } from './locale-data.js';

const rng = new Rng();
const draws = (gen: (r: Rng) => string, n = 200): string[] =>
  Array.from({ length: n }, (_, i) => gen(rng.seed(7, i)));

test('# and ! become digits where faker replaces them; other text keeps them', () => {
  const en = LocaleData.for('en');
  for (const v of draws(en.pattern('(!##) #-#'))) assert.match(v, /^\([2-9]\d\d\) \d-\d$/);
  for (const v of draws(en.pattern('Help! #1', 'none'))) assert.equal(v, 'Help! #1');
});

test('postcodes replace ? with letters and * with letters or digits', () => {
  for (const v of draws(LocaleData.for('en_GB').gen('location.postcode')))
    assert.match(v, /^[A-Z]{1,2}[0-9][A-Z0-9]{0,2} [0-9]{1,2}[A-Z]{1,2}$/, v);
  for (const v of draws(LocaleData.for('en_IE').gen('location.postcode')))
    assert.match(v, /^[A-Z]\d\d [A-Z0-9]{4}$/, v);
});

test('argument helpers, three-part paths and method aliases resolve', () => {
  const en = LocaleData.for('en');
  for (const v of draws(en.pattern('v{{number.int({"min":5,"max":13})}}', 'none'))) {
    const n = Number(v.slice(1));
    assert.ok(n >= 5 && n <= 13, v);
  }
  const elements = new Set(en.list('science.chemical_element.name'));
  for (const v of draws(en.pattern('{{science.chemical_element.name}}'))) assert.ok(elements.has(v), v);
  const products = new Set(en.list('commerce.product_name.product'));
  for (const v of draws(en.pattern('{{commerce.product}}'))) assert.ok(products.has(v), v);
  for (const v of draws(en.pattern('{{helpers.arrayElement(["a","b"])}}-{{string.numeric(3)}}')))
    assert.match(v, /^[ab]-\d{3}$/);
});

test('three-part paths read the locale’s own property before falling back', () => {
  const own = (allLocales.de.person?.first_name as { female?: string[] } | undefined)?.female ?? [];
  assert.deepEqual(LocaleData.for('de').list('person.first_name.female'), [...new Set(own)]);
  // es_MX has no chemical elements of its own: the chain (es, en) provides them.
  assert.deepEqual(
    LocaleData.for('es_MX').raw('science.chemical_element.symbol'),
    LocaleData.for('en').raw('science.chemical_element.symbol'),
  );
});

test('an unknown reference fails with INTERNAL_ERROR naming the locale and reference', () => {
  try {
    LocaleData.for('en').pattern('{{nothing.here}}');
    assert.fail('expected an error');
  } catch (e) {
    assert.ok(isTdmError(e));
    assert.equal(e.code, 'INTERNAL_ERROR');
    assert.equal(e.message, 'locale "en": cannot resolve faker pattern {{nothing.here}}');
  }
});

test('lists are distinct, so the k-th element is a bijection', () => {
  for (const path of ['person.first_name', 'lorem.word', 'location.country', 'company.buzz_noun']) {
    const list = LocaleData.for('en').list(path);
    assert.equal(new Set(list).size, list.length, path);
  }
});
