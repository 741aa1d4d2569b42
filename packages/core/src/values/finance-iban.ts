/**
 * @module Bank identifiers: IBANs with valid mod-97 check digits in each country's registered
 * length and layout, and BIC (SWIFT) codes.
 */
import { z } from 'zod';
import type { Rng } from '../random/index.js';
import { ibanCheckDigits } from './checksums.js';
import { defineGenerator } from './types.js';

/**
 * BBAN layouts from the SWIFT IBAN registry: `n` digits, `a` uppercase letters, `c` either,
 * as runs like `4a14n` (GB: four letters of bank code, then fourteen digits).
 */
const BBAN: Record<string, string> = {
  AT: '16n',
  BE: '12n',
  BG: '4a6n8c',
  BR: '23n1a1c',
  CH: '5n12c',
  CY: '8n16c',
  CZ: '20n',
  DE: '18n',
  DK: '14n',
  EE: '16n',
  ES: '20n',
  FI: '14n',
  FR: '10n11c2n',
  GB: '4a14n',
  GR: '7n16c',
  HR: '17n',
  HU: '24n',
  IE: '4a14n',
  IL: '19n',
  IS: '22n',
  IT: '1a10n12c',
  LI: '5n12c',
  LT: '16n',
  LU: '3n13c',
  LV: '4a13c',
  MC: '10n11c2n',
  MT: '4a5n18c',
  NL: '4a10n',
  NO: '11n',
  PL: '24n',
  PT: '21n',
  RO: '4a16c',
  SE: '20n',
  SI: '15n',
  SK: '20n',
  SM: '1a10n12c',
  TR: '5n17c',
};

export const ibanCountries = Object.keys(BBAN) as [string, ...string[]];

const DIGITS = '0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ALNUM = DIGITS + UPPER;

/** Per-position alphabets of a layout such as `4a14n`. */
function alphabets(layout: string): string[] {
  const out: string[] = [];
  for (const m of layout.matchAll(/(\d+)([nac])/g)) {
    const alphabet = m[2] === 'n' ? DIGITS : m[2] === 'a' ? UPPER : ALNUM;
    for (let i = 0; i < Number(m[1]); i++) out.push(alphabet);
  }
  return out;
}

function drawFrom(rng: Rng, alphabet: readonly string[]): string {
  let s = '';
  for (let i = 0; i < alphabet.length; i++) {
    const a = alphabet[i] as string;
    s += a[rng.below(a.length)];
  }
  return s;
}

/** Groups of four separated by spaces: the IBAN print format. */
function printFormat(iban: string): string {
  let s = '';
  for (let i = 0; i < iban.length; i += 4) s += (i ? ' ' : '') + iban.slice(i, i + 4);
  return s;
}

const countryParam = z
  .enum(ibanCountries)
  .optional()
  .describe('ISO country code, e.g. DE (default: the locale’s country when supported, else any).');

/** The countries to draw from: the option, the locale's own country, or all. */
function countriesFor(option: string | undefined, localeCountry: string | undefined): string[] {
  if (option) return [option];
  if (localeCountry && BBAN[localeCountry]) return [localeCountry];
  return ibanCountries;
}

export const iban = defineGenerator({
  name: 'finance.iban',
  description: 'IBANs with valid check digits and each country’s length and layout.',
  example: { type: 'finance.iban', country: 'DE', formatted: false },
  params: z
    .object({
      country: countryParam,
      formatted: z
        .boolean()
        .optional()
        .describe('Print format with a space every four characters (default false).'),
    })
    .strict(),
  compile(p, ctx) {
    const countries = countriesFor(p.country, ctx.locale.country());
    const layouts = countries.map((c) => alphabets(BBAN[c] as string));
    const formatted = p.formatted ?? false;
    return {
      kind: 'string',
      maxLength: 42,
      draw: (rng) => {
        const i = countries.length === 1 ? 0 : rng.below(countries.length);
        const country = countries[i] as string;
        const bban = drawFrom(rng, layouts[i] as string[]);
        const s = country + ibanCheckDigits(country, bban) + bban;
        return formatted ? printFormat(s) : s;
      },
    };
  },
});

const BANK = [UPPER, UPPER, UPPER, UPPER];
// The location code's second character is never 0: that marks test BICs.
const LOCATION = [ALNUM, ALNUM.slice(1)];
const BRANCH = [ALNUM.replace('X', ''), ALNUM, ALNUM];

export const bic = defineGenerator({
  name: 'finance.bic',
  description: 'BIC / SWIFT codes: bank, country, location and optionally a branch.',
  example: { type: 'finance.bic', country: 'FR', branch: true },
  params: z
    .object({
      country: countryParam,
      branch: z.boolean().optional().describe('Add a three-character branch code (default false).'),
    })
    .strict(),
  compile(p, ctx) {
    const countries = countriesFor(p.country, ctx.locale.country());
    const branch = p.branch ?? false;
    return {
      kind: 'string',
      maxLength: 11,
      draw: (rng) => {
        const country = countries[rng.below(countries.length)] as string;
        const code = drawFrom(rng, BANK) + country + drawFrom(rng, LOCATION);
        return branch ? code + drawFrom(rng, BRANCH) : code;
      },
    };
  },
});
