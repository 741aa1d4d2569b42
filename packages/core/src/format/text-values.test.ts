import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ByteWriter } from './byte-writer.js';
import {
  formatDate,
  formatDecimal,
  formatTime,
  formatTimestamp,
  writeDate,
  writeDecimal,
  writeInteger,
  writeTime,
  writeTimestamp,
} from './text-values.js';

const decoder = new TextDecoder();

/** What a byte writer produced, or null when it declined (the caller then uses the string form). */
function written(write: (w: ByteWriter) => boolean): string | null {
  const w = new ByteWriter(4);
  return write(w) ? decoder.decode(w.take()) : null;
}

/** Every byte form either declines or writes exactly the string form. */
function same(bytes: string | null, text: string): void {
  if (bytes !== null) assert.equal(bytes, text);
}

const YEAR_MS = 31_556_952_000;
const instants = fc.oneof(
  fc.integer({ min: -2100 * YEAR_MS, max: 8100 * YEAR_MS }),
  fc.integer({ min: -60 * YEAR_MS, max: 60 * YEAR_MS }),
  fc.constantFrom(0, -1, 86_399_999, 86_400_000, -62_167_219_200_000, 253_402_300_799_999),
);

test('writeTimestamp and writeDate write what formatTimestamp and formatDate return', () => {
  fc.assert(
    fc.property(instants, (ms) => {
      same(
        written((w) => writeTimestamp(w, ms)),
        formatTimestamp(ms),
      );
      same(
        written((w) => writeDate(w, ms)),
        formatDate(ms),
      );
    }),
    { numRuns: 5000 },
  );
  // The fast path covers the years data lives in.
  assert.equal(
    written((w) => writeTimestamp(w, Date.UTC(1999, 11, 31, 23, 59, 59, 7))),
    '1999-12-31T23:59:59.007Z',
  );
  assert.equal(
    written((w) => writeDate(w, Date.UTC(1940, 0, 1))),
    '1940-01-01',
  );
});

test('writeTime writes what formatTime returns', () => {
  fc.assert(
    fc.property(fc.integer({ min: -200_000_000, max: 200_000_000 }), (ms) => {
      same(
        written((w) => writeTime(w, ms)),
        formatTime(ms),
      );
    }),
    { numRuns: 3000 },
  );
});

test('writeDecimal writes what toFixed returns, for generated and arbitrary numbers', () => {
  const generated = fc
    .tuple(fc.integer({ min: 0, max: 6 }), fc.double({ min: -1e9, max: 1e9, noNaN: true }))
    .map(([scale, x]) => {
      const f = 10 ** scale;
      return { scale, v: Math.round(x * f) / f };
    });
  const arbitrary = fc.record({
    scale: fc.integer({ min: 0, max: 12 }),
    v: fc.double({ noNaN: false }),
  });
  fc.assert(
    fc.property(fc.oneof(generated, arbitrary), ({ scale, v }) => {
      same(
        written((w) => writeDecimal(w, v, scale, 10 ** scale)),
        formatDecimal(v, scale),
      );
    }),
    { numRuns: 5000 },
  );
  assert.equal(
    written((w) => writeDecimal(w, 3152.63, 2, 100)),
    '3152.63',
  );
  assert.equal(
    written((w) => writeDecimal(w, -0.05, 2, 100)),
    '-0.05',
  );
  assert.equal(
    written((w) => writeDecimal(w, -0, 2, 100)),
    '0.00',
  );
});

test('writeInteger writes String(n) for safe integers', () => {
  fc.assert(
    fc.property(
      fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.constantFrom(-0, 2 ** 31, -(2 ** 31))),
      (n) => {
        same(
          written((w) => writeInteger(w, n)),
          String(n),
        );
      },
    ),
    { numRuns: 3000 },
  );
  assert.equal(
    written((w) => writeInteger(w, 1.5)),
    null,
  );
});
