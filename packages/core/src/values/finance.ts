/**
 * @module Finance: currencies, account and routing numbers (valid ABA checksum), transaction
 * types and descriptions. Amounts are `decimal` (or `commerce.price`).
 */
import { z } from 'zod';
import { abaCheckDigit } from './checksums.js';
import { listGenerator, listValue, patternGenerator } from './faker-backed.js';
import { digitString } from './injective.js';
import { defineGenerator } from './types.js';

export const currencyCode = listGenerator(
  'finance.currencyCode',
  'ISO 4217 currency codes (EUR).',
  'finance.currency.code',
);
export const currencyName = listGenerator(
  'finance.currencyName',
  'Currency names in the locale’s language (Euro).',
  'finance.currency.name',
);

export const currencySymbol = defineGenerator({
  name: 'finance.currencySymbol',
  description: 'Currency symbols (€, $), of currencies that have one.',
  example: { type: 'finance.currencySymbol' },
  params: z.object({}).strict(),
  compile: (_p, ctx) => listValue(ctx.locale.list('finance.currency.symbol').filter((s) => s !== '')),
});

export const transactionType = listGenerator(
  'finance.transactionType',
  'Transaction types (deposit, withdrawal, payment, invoice).',
  'finance.transaction_type',
);
export const transactionDescription = patternGenerator(
  'finance.transactionDescription',
  'Bank statement lines describing a transaction.',
  'finance.transaction_description_pattern',
  300,
);

export const accountName = defineGenerator({
  name: 'finance.accountName',
  description: 'Account names (Savings Account, Checking Account).',
  example: { type: 'finance.accountName' },
  params: z.object({}).strict(),
  compile: (_p, ctx) => listValue(ctx.locale.list('finance.account_type').map((t) => t + ' Account')),
});

export const accountNumber = defineGenerator({
  name: 'finance.accountNumber',
  description: 'Bank account numbers: a fixed number of digits, leading zeros kept.',
  example: { type: 'finance.accountNumber', length: 10, unique: true },
  params: z
    .object({ length: z.number().int().min(4).max(15).optional().describe('Digits (default 8).') })
    .strict(),
  compile: (p) => digitString(p.length ?? 8),
});

export const routingNumber = defineGenerator({
  name: 'finance.routingNumber',
  description: 'US ABA routing numbers: a Federal Reserve routing symbol, four digits, a valid check digit.',
  example: { type: 'finance.routingNumber', unique: true },
  params: z.object({}).strict(),
  compile(_p, ctx) {
    const symbols = ctx.locale.list('finance.federal_reserve_routing_symbol');
    const n = symbols.length;
    const text = (symbol: string, mid: number): string => {
      const first8 = symbol + String(mid).padStart(4, '0');
      return first8 + abaCheckDigit(first8);
    };
    return {
      kind: 'string',
      maxLength: 9,
      draw: (rng) => text(symbols[rng.below(n)] as string, rng.below(10_000)),
      capacity: n * 10_000,
      at: (k) => text(symbols[k % n] as string, Math.floor(k / n)),
    };
  },
});
