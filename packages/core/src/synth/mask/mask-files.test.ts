/**
 * @module Masking files read by openDataset (CSV with a leading-zero id, an ISO date column), and
 * anonymization of the kinds whose replacements must pass checks (cards, IBANs, dates of birth).
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import validator from 'validator';
import { isCreditCard, isIban, isIsoDate, memoryDataset, openDataset } from '../../quality/index.js';
import type { CellValue } from '../../quality/read/index.js';
import { sampleField } from '../../values/testing/sample.js';
import { maskSensitiveData, parsePrivacyRules } from './index.js';

async function collect(
  e: { batches: () => AsyncIterable<CellValue[][]> } | undefined,
): Promise<CellValue[][]> {
  assert.ok(e);
  const out: CellValue[][] = [];
  for await (const b of e.batches()) out.push(...b);
  return out;
}

test('a CSV sample masks through openDataset: ids keep leading zeros, dates generalize, joins hold', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tdm-mask-'));
  try {
    const customers = ['account,email,born'];
    const orders = ['order,account'];
    for (let i = 0; i < 50; i++) {
      const account = String(i * 37).padStart(8, '0');
      customers.push(`${account},person${i}@example.org,19${60 + (i % 40)}-0${1 + (i % 9)}-15`);
      for (let j = 0; j < 3; j++) orders.push(`${i * 3 + j},${account}`);
    }
    await writeFile(join(dir, 'customers.csv'), customers.join('\n') + '\n');
    await writeFile(join(dir, 'orders.csv'), orders.join('\n') + '\n');
    const source = await openDataset([dir]);
    const rules = parsePrivacyRules(`
tables:
  customers: { account: pseudonymize, email: pseudonymize, born: { method: generalize, truncate: year } }
  orders: { account: pseudonymize }
`);
    const masked = await maskSensitiveData(source, rules, { secret: new Uint8Array([1, 2, 3, 4]) });
    const cs = await collect(masked.entities.find((e) => e.name === 'customers'));
    const os = await collect(masked.entities.find((e) => e.name === 'orders'));
    const accounts = new Set(cs.map((r) => r[0]));
    assert.equal(accounts.size, 50);
    for (const r of cs) {
      assert.match(String(r[0]), /^0\d{7}$/, 'leading zero and length kept');
      assert.ok(validator.isEmail(String(r[1])));
      assert.match(String(r[2]), /^19\d\d$/);
    }
    for (const o of os) assert.ok(accounts.has(o[1] ?? null), `order ${String(o[0])} lost its account`);
    assert.equal(masked.entities.find((e) => e.name === 'customers')?.columns[2]?.type, 'string');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('anonymized cards are Luhn-valid, IBANs mod-97-valid, dates of birth ISO dates; none is real', async () => {
  const n = 300;
  const cards = sampleField({ type: 'finance.creditCardNumber' }, { rows: n }) as string[];
  const ibans = sampleField({ type: 'finance.iban', country: 'FR' }, { rows: n }) as string[];
  const source = memoryDataset([
    {
      name: 'people',
      columns: [
        { name: 'card', type: 'string' },
        { name: 'iban', type: 'string' },
        { name: 'dob', type: 'date' },
        { name: 'code', type: 'string' },
      ],
      rows: cards.map((c, i) => [
        c,
        ibans[i] ?? null,
        `1980-01-${String(1 + (i % 28)).padStart(2, '0')}`,
        `AB-${i % 10}`,
      ]),
    },
  ]);
  const rules = parsePrivacyRules(`
tables:
  people:
    card: { method: anonymize, kind: payment_card }
    iban: { method: anonymize, kind: iban }
    dob: { method: anonymize, kind: date_of_birth }
    code: anonymize
`);
  const rows = await collect((await maskSensitiveData(source, rules, { seed: 9 })).entities[0]);
  const realCards = new Set(cards);
  const realCodes = new Set(Array.from({ length: 10 }, (_, i) => `AB-${i}`));
  for (const [card, iban, dob, code] of rows) {
    assert.ok(isCreditCard(String(card)) && !realCards.has(String(card)));
    assert.ok(isIban(String(iban)) && validator.isIBAN(String(iban)) && String(iban).startsWith('FR'));
    assert.ok(isIsoDate(String(dob)));
    // Ten real codes of this shape exist; the draw avoids all of them.
    assert.match(String(code), /^[A-Z]{2}-\d\d?$/);
    assert.ok(!realCodes.has(String(code)), String(code));
  }
});

test('card numbers read as integers: pseudonymized they stay cards, redacted with keepLast they keep 4 digits', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tdm-mask-'));
  try {
    const cards = (
      sampleField({ type: 'finance.creditCardNumber', separator: '' }, { rows: 300 }) as string[]
    )
      .filter((c) => c.length === 16 && Number.isSafeInteger(Number(c)) && !c.startsWith('0'))
      .slice(0, 40);
    const lines = ['id,card,card_copy', ...cards.map((c, i) => `${i},${c},${c}`)];
    await writeFile(join(dir, 'payments.csv'), lines.join('\n') + '\n');
    const source = await openDataset([dir]);
    assert.equal(source.entities[0]?.columns[1]?.type, 'integer', 'the sample reads cards as integers');
    const rules = parsePrivacyRules(
      'tables: { payments: { card: pseudonymize, card_copy: { method: redact, keepLast: 4 } } }',
    );
    const masked = await maskSensitiveData(source, rules, { secret: 'k' });
    const rows = await collect(masked.entities[0]);
    assert.equal(masked.entities[0]?.columns[2]?.type, 'string');
    rows.forEach((r, i) => {
      const real = cards[i]!;
      const out = String(r[1]);
      assert.ok(
        isCreditCard(out) && validator.isCreditCard(out) === validator.isCreditCard(real),
        `${real} -> ${out}`,
      );
      assert.equal(out.slice(0, 6), real.slice(0, 6));
      assert.notEqual(out, real);
      assert.equal(r[2], `************${real.slice(-4)}`);
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
