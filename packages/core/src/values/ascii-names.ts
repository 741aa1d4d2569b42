/**
 * @module ASCII slugs of names in any script, for emails, usernames and domains: diacritics
 * stripped, Cyrillic and Greek transliterated, and names in scripts with no short
 * transliteration (CJK, Arabic, Hebrew, ...) mapped to a stand-in Latin name chosen by the name's
 * hash, so the same name always gives the same slug.
 */
import { hashString } from '../random/index.js';
import { LocaleData } from './locale-data.js';

const TRANSLIT: Record<string, string> = {
  // Cyrillic (Russian, Ukrainian, Belarusian, Serbian, Macedonian, Kazakh/Mongolian extras)
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  і: 'i',
  ї: 'yi',
  є: 'ye',
  ґ: 'g',
  ў: 'u',
  ђ: 'dj',
  ј: 'j',
  љ: 'lj',
  њ: 'nj',
  ћ: 'c',
  џ: 'dz',
  ѓ: 'gj',
  ќ: 'kj',
  ѕ: 'dz',
  ө: 'o',
  ү: 'u',
  ә: 'a',
  қ: 'q',
  ғ: 'g',
  ң: 'n',
  һ: 'h',
  // Greek (accents are stripped by NFKD first)
  α: 'a',
  β: 'v',
  γ: 'g',
  δ: 'd',
  ε: 'e',
  ζ: 'z',
  η: 'i',
  θ: 'th',
  ι: 'i',
  κ: 'k',
  λ: 'l',
  μ: 'm',
  ν: 'n',
  ξ: 'x',
  ο: 'o',
  π: 'p',
  ρ: 'r',
  σ: 's',
  ς: 's',
  τ: 't',
  υ: 'y',
  φ: 'f',
  χ: 'ch',
  ψ: 'ps',
  ω: 'o',
  // Latin letters NFKD does not decompose
  ß: 'ss',
  æ: 'ae',
  ø: 'o',
  œ: 'oe',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ŋ: 'ng',
  ħ: 'h',
};

/** Lowercase ASCII letters and digits of `s`, transliterated where we can; '' when none are left. */
export function asciiSlug(s: string): string {
  let out = '';
  const norm = s.normalize('NFKD').toLowerCase();
  for (let i = 0; i < norm.length; i++) {
    const c = norm.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) out += norm[i];
    else if (c >= 128) out += TRANSLIT[norm[i] as string] ?? '';
  }
  return out;
}

/**
 * The slug of a name, or a stand-in from `standIns` (ASCII slugs) picked by the name's hash when
 * the name has no ASCII form.
 */
export function nameSlug(name: string, standIns: readonly string[]): string {
  const slug = asciiSlug(name);
  if (slug || standIns.length === 0) return slug;
  return standIns[hashString(name) % standIns.length] as string;
}

/** Locales with too few ASCII-sluggable words borrow English ones. */
const MIN_WORDS = 20;

/** Slugged word lists by locale and path: computed once per process, since locale data is fixed. */
const wordCache = new Map<string, readonly string[]>();

/**
 * The distinct ASCII slugs (two letters or more) of the words at `path`, or en's when the locale
 * has fewer than twenty: for domains and slugs, which must be ASCII.
 */
export function asciiWords(locale: LocaleData, path: string): readonly string[] {
  const key = `${locale.code}|${path}`;
  let words = wordCache.get(key);
  if (!words) {
    const own = [...new Set(locale.list(path).map(asciiSlug))].filter((w) => w.length >= 2);
    words = own.length >= MIN_WORDS || locale.code === 'en' ? own : asciiWords(LocaleData.for('en'), path);
    wordCache.set(key, words);
  }
  return words;
}
