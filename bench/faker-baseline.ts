/**
 * @module The baseline tdm is measured against: the straightforward script a user would write
 * with @faker-js/faker for the reference schema (bench/reference-schema.yaml). A seeded loop builds
 * each customer object and its ~5 orders and writes CSV lines to file streams, awaiting `drain`.
 *
 * It is deliberately not tuned: it is what tdm replaces. It keeps the schema's rules (unique
 * email, order_date >= the customer's created_at, weighted statuses), so both sides do the same job.
 *
 * Run alone: `node --import tsx bench/faker-baseline.ts --out <dir> [--customers 200000]`; it prints
 * one JSON line `{ rows, ms, maxRssKb }` (ms: the generation loop, without process start-up).
 */
import { once } from 'node:events';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { faker } from '@faker-js/faker';

/** RFC 4180 field: quoted only when it holds a comma, quote, CR or LF (quotes doubled). */
function csv(value: string | number | null): string {
  if (value === null) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) ? '"' + s.replaceAll('"', '""') + '"' : s;
}

async function writeLine(out: WriteStream, values: (string | number | null)[]): Promise<void> {
  if (!out.write(values.map(csv).join(',') + '\r\n')) await once(out, 'drain');
}

async function close(out: WriteStream): Promise<void> {
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

/** Writes `customers` customers and their orders into `dir`; returns the number of rows. */
export async function fakerBaseline(dir: string, customers: number, now: Date): Promise<number> {
  faker.seed(42);
  mkdirSync(dir, { recursive: true });
  const customersOut = createWriteStream(join(dir, 'customers.csv'));
  const ordersOut = createWriteStream(join(dir, 'orders.csv'));
  await writeLine(customersOut, [
    'id',
    'first_name',
    'last_name',
    'email',
    'phone',
    'birth_date',
    'city',
    'country',
    'created_at',
    'status',
    'credit_limit',
  ]);
  await writeLine(ordersOut, ['id', 'customer_id', 'order_date', 'amount', 'status', 'item_count']);
  const threeYearsAgo = new Date(now);
  threeYearsAgo.setUTCFullYear(now.getUTCFullYear() - 3);
  const emails = new Set<string>();
  let rows = 0;
  let orderId = 1;
  for (let i = 0; i < customers; i++) {
    const firstName = faker.person.firstName();
    const lastName = faker.person.lastName();
    // faker dropped helpers.unique: remember the emails and retry, then fall back to a numbered one.
    let email = faker.internet.email({ firstName, lastName });
    for (let attempt = 0; emails.has(email) && attempt < 5; attempt++) {
      email = faker.internet.email({ firstName, lastName });
    }
    if (emails.has(email)) email = email.replace('@', `.${i}@`);
    emails.add(email);
    const customer = {
      id: faker.string.uuid(),
      first_name: firstName,
      last_name: lastName,
      email,
      phone: faker.phone.number(),
      birth_date: faker.date.between({ from: '1940-01-01', to: '2005-12-31' }),
      city: faker.location.city(),
      country: faker.location.country(),
      created_at: faker.date.between({ from: threeYearsAgo, to: now }),
      status: faker.helpers.weightedArrayElement([
        { weight: 70, value: 'active' },
        { weight: 15, value: 'churned' },
        { weight: 10, value: 'suspended' },
        { weight: 5, value: 'paused' },
      ]),
      credit_limit: faker.finance.amount({ min: 0, max: 10000, dec: 2 }),
    };
    await writeLine(customersOut, [
      customer.id,
      customer.first_name,
      customer.last_name,
      customer.email,
      customer.phone,
      customer.birth_date.toISOString().slice(0, 10),
      customer.city,
      customer.country,
      customer.created_at.toISOString(),
      customer.status,
      customer.credit_limit,
    ]);
    rows++;
    const orderCount = faker.number.int({ min: 1, max: 9 });
    for (let j = 0; j < orderCount; j++) {
      const order = {
        id: orderId++,
        customer_id: customer.id,
        order_date: faker.date.between({ from: customer.created_at, to: now }),
        amount: faker.finance.amount({ min: 1, max: 2000, dec: 2 }),
        status: faker.helpers.weightedArrayElement([
          { weight: 10, value: 'placed' },
          { weight: 20, value: 'paid' },
          { weight: 60, value: 'shipped' },
          { weight: 10, value: 'cancelled' },
        ]),
        item_count: faker.number.int({ min: 1, max: 10 }),
      };
      await writeLine(ordersOut, [
        order.id,
        order.customer_id,
        order.order_date.toISOString(),
        order.amount,
        order.status,
        order.item_count,
      ]);
      rows++;
    }
  }
  await Promise.all([close(customersOut), close(ordersOut)]);
  return rows;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      customers: { type: 'string', default: '200000' },
      now: { type: 'string', default: '2026-01-01T00:00:00Z' },
    },
  });
  if (!values.out) throw new Error('usage: faker-baseline.ts --out <dir> [--customers N] [--now ISO]');
  const started = performance.now();
  const rows = await fakerBaseline(values.out, Number(values.customers), new Date(values.now));
  const ms = performance.now() - started;
  process.stdout.write(JSON.stringify({ rows, ms, maxRssKb: process.resourceUsage().maxRSS }) + '\n');
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
