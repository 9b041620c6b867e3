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

/** The country's name in Portuguese (`PT` → Portugal), or the code when unknown. */
export function countryName(code: string): string {
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}
