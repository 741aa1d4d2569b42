/**
 * @module Lexicons for recognizing names, cities and street addresses by value, built once from
 * the value library's locale data (the same lists tdm generates from) over several languages.
 * Matching is case- and accent-insensitive.
 */
import { LocaleData } from '../../values/index.js';

/** Locales whose person and place lists make up the lexicons. */
const LOCALES = ['en_US', 'en_GB', 'de', 'fr', 'es', 'it', 'nl', 'pt_BR', 'pl', 'sv'];

/** Lowercase, accents removed, ß as ss: "Müller" and "MULLER" meet at "muller". */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss');
}

function collect(path: string, split = false): Set<string> {
  const out = new Set<string>();
  for (const code of LOCALES) {
    const data = LocaleData.for(code);
    if (!data.has(path)) continue;
    for (const v of data.list(path)) {
      if (v.includes('{{') || v.includes('#')) continue;
      if (split) for (const w of v.split(/[\s-]+/)) out.add(fold(w));
      else out.add(fold(v));
    }
  }
  return out;
}

interface Lexicons {
  firstNames: Set<string>;
  lastNames: Set<string>;
  cities: Set<string>;
  streetWords: Set<string>;
}

let cached: Lexicons | undefined;

/** The lexicons (loaded on first use, then shared). */
export function lexicons(): Lexicons {
  if (!cached) {
    const streetWords = collect('location.street_suffix', true);
    for (const w of 'st street rd road ave avenue blvd lane ln dr drive way ct court pl place sq strasse str weg gasse rue avenida calle via straat laan plein gatan vagen ul'.split(
      ' ',
    )) {
      streetWords.add(w);
    }
    cached = {
      firstNames: collect('person.first_name'),
      lastNames: collect('person.last_name'),
      cities: collect('location.city_name'),
      streetWords,
    };
  }
  return cached;
}

const WORD = /^\p{Lu}[\p{L}'’.-]*$/u;

/** Words of a value written like a name: 1-4 capitalized words of letters. */
function nameWords(s: string): string[] | null {
  const words = s.trim().split(/\s+/);
  if (words.length > 4) return null;
  for (const w of words) if (!WORD.test(w)) return null;
  return words;
}

/** A given name from the lexicon, written as a name. */
export function isFirstName(s: string): boolean {
  const w = nameWords(s);
  return w !== null && w.length <= 2 && lexicons().firstNames.has(fold(w[0]!));
}

/** A family name from the lexicon, written as a name. */
export function isLastName(s: string): boolean {
  const w = nameWords(s);
  return w !== null && w.length <= 2 && lexicons().lastNames.has(fold(w[w.length - 1]!));
}

/**
 * A person's full name: 2-4 capitalized words, the first a known given name or the last a known
 * family name ("Jane Doe", "Doe, Jane" with the comma form read as last, first).
 */
export function isPersonName(raw: string): boolean {
  const comma = raw.indexOf(',');
  const s = comma > 0 ? `${raw.slice(comma + 1)} ${raw.slice(0, comma)}` : raw;
  const w = nameWords(s.replace(/^(?:mr|mrs|ms|dr|prof)\.?\s+/i, ''));
  if (w === null || w.length < 2) return false;
  const lex = lexicons();
  return lex.firstNames.has(fold(w[0]!)) || lex.lastNames.has(fold(w[w.length - 1]!));
}

/** A city from the lexicon. */
export function isCity(s: string): boolean {
  return lexicons().cities.has(fold(s.trim()));
}

const NUMBER = /^\d{1,5}[a-z]?$/i;

/**
 * A street address: a house number next to a street word, in either order ("12 Baker Street",
 * "Hauptstraße 5", "Calle Mayor 3, 2B"), the street word standing alone or ending a compound
 * (German "...straße", Dutch "...straat").
 */
export function isStreetAddress(s: string): boolean {
  const words = fold(s)
    .split(/[\s,]+/)
    .filter((w) => w !== '');
  if (words.length < 2 || words.length > 10) return false;
  const hasNumber = words.some((w) => NUMBER.test(w) || /^\d{1,5}[-/]\d{1,5}$/.test(w));
  if (!hasNumber) return false;
  const streets = lexicons().streetWords;
  return words.some(
    (w) =>
      streets.has(w.replace(/\.$/, '')) ||
      /(?:strasse|str\.|weg|straat|laan|gasse|gatan|vagen|platz|plein)$/.test(w),
  );
}

const POSTAL = [
  /^\d{5}(?:-\d{4})?$/, // US ZIP, ZIP+4, DE, FR, ES, IT
  /^\d{4}$/, // NL digits, BE, AT, CH, DK
  /^\d{4} ?[A-Z]{2}$/i, // NL
  /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/i, // UK
  /^[A-Z]\d[A-Z] ?\d[A-Z]\d$/i, // CA
  /^\d{3}[ -]?\d{2}$/, // SE, PL-like
  /^\d{2}-\d{3}$/, // PL
  /^\d{5}-?\d{3}$/, // BR CEP
];

/** Written like a postal code somewhere; only meaningful with a column name saying so. */
export function isPostalCodeShape(s: string): boolean {
  const t = s.trim();
  return POSTAL.some((re) => re.test(t));
}
