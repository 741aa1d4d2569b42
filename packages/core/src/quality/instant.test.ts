/**
 * @module The hot-path instant parser gives what Date.UTC gives for every valid date and
 * timestamp it reads digit by digit, and refuses days that do not exist.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { instantOf } from './instant.js';

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

test('instantOf equals Date.UTC for any valid ISO date or timestamp, years 0-9999', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 31 }),
      fc.integer({ min: 0, max: 86_399_999 }),
      fc.constantFrom(10, 17, 20, 24),
      (y, mo, d, t, length) => {
        const day = Date.UTC(y, mo - 1, d);
        fc.pre(new Date(day).getUTCDate() === d);
        const [h, mi, s, ms] = [
          Math.floor(t / 3_600_000),
          Math.floor(t / 60_000) % 60,
          Math.floor(t / 1000) % 60,
          t % 1000,
        ];
        const date = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}`;
        const text =
          length === 10
            ? date
            : `${date}T${pad(h, 2)}:${pad(mi, 2)}` +
              (length === 17 ? 'Z' : `:${pad(s, 2)}` + (length === 20 ? 'Z' : `.${pad(ms, 3)}Z`));
        const kept = length === 10 ? 0 : length === 17 ? (h * 60 + mi) * 60_000 : length === 20 ? t - ms : t;
        assert.equal(instantOf(text), Date.UTC(y, mo - 1, d) + kept);
      },
    ),
    { numRuns: 5000 },
  );
});

test('instantOf refuses days that do not exist and reads the leap day of leap years only', () => {
  assert.equal(instantOf('2023-02-29'), undefined);
  assert.equal(instantOf('1900-02-29T00:00:00Z'), undefined);
  assert.equal(instantOf('2000-02-29T00:00:00Z'), Date.UTC(2000, 1, 29));
  assert.equal(instantOf('1969-12-31T23:59:59.999Z'), -1);
});
