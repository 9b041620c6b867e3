import type { MfReader } from '../reader.js';

/**
 * A CountryCode parameter: ISO 3166 alpha-2 in any letter case (seed 000 writes `pt`), PT when absent; anything
 * else is a ValidationError on the field.
 */
export function countryCodeOf(input: MfReader, key: string): string {
  const v = input.str(key);
  if (v === undefined) return 'PT';
  const cc = v.toUpperCase();
  if (!/^[A-Z]{2}$/.test(cc)) input.problem(key, 'Invalid', `${input.pathOf(key)} must be a two-letter ISO 3166 code.`);
  return cc;
}

const names = new Intl.DisplayNames(['pt'], { type: 'region' });

/** A country's name folded for comparison: no accents, no case, single spaces (`Bélgica` → `belgica`). */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

const named = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
/** CLDR names these too, but they are no country: unknown, the EU, the eurozone, the UN, Outlying Oceania. */
const NOT_COUNTRIES = new Set(['ZZ', 'EU', 'EZ', 'UN', 'QO']);

/** An ISO 3166 alpha-2 code the runtime knows as a country (user-assigned codes other than Kosovo's are none). */
const isCountry = (code: string) =>
  !NOT_COUNTRIES.has(code) && !/^(Q[M-Z]|X[A-JL-Z]|AA|ZZ)$/.test(code) && named.of(code) !== undefined;

let byName: Map<string, string> | undefined;

/** Every ISO 3166 alpha-2 code by its name in Portuguese, English, Spanish and French, as the runtime's ICU knows them. */
function codesByName(): Map<string, string> {
  if (byName) return byName;
  byName = new Map();
  const locales = ['pt', 'pt-PT', 'en', 'es', 'fr'].map(
    (l) => new Intl.DisplayNames([l], { type: 'region', fallback: 'none' }),
  );
  const A = 'A'.charCodeAt(0);
  for (let i = 0; i < 26; i++)
    for (let j = 0; j < 26; j++) {
      const alias = String.fromCharCode(A + i, A + j);
      // A deprecated code (DD, UK, YU) is named as its successor's: the canonical one is the code.
      const code = new Intl.Locale(`und-${alias}`).region ?? alias;
      if (!isCountry(alias) || !isCountry(code)) continue;
      for (const l of locales) {
        const name = l.of(alias);
        if (name && !byName.has(fold(name))) byName.set(fold(name), code);
      }
    }
  return byName;
}

/**
 * A country given as MagniFinance clients send it: the ISO 3166 alpha-2 code in any letter case, or the country's
 * name in Portuguese, English, Spanish or French, accents optional (`Portugal`, `Bélgica`, `Belgium`); PT when
 * absent. Anything else is a ValidationError on the field.
 */
export function countryOf(input: MfReader, key: string): string {
  const v = input.str(key);
  if (v === undefined) return 'PT';
  if (/^[a-z]{2}$/i.test(v) && isCountry(v.toUpperCase())) return new Intl.Locale(`und-${v}`).region ?? v.toUpperCase();
  const code = codesByName().get(fold(v));
  if (code) return code;
  input.problem(key, 'Invalid', `${input.pathOf(key)} must be a country: its ISO 3166 code (PT) or its name.`);
  return 'PT';
}

/** The country's name in Portuguese (`PT` → Portugal), or the code when unknown. */
export function countryName(code: string): string {
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}
