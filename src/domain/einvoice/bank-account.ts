import { DomainError, type FieldIssue } from '../errors.js';

/**
 * IBAN lengths by country, from the SWIFT IBAN registry (ISO 13616-1). NOTE: ISO 13616 — country code, two check
 * digits, then the national BBAN; the check digits make the rearranged number ≡ 1 (mod 97) (ISO 7064 MOD 97-10).
 */
const IBAN_LENGTHS: Record<string, number> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BI: 27,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DJ: 27,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FK: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  LY: 25,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MN: 20,
  MR: 27,
  MT: 31,
  MU: 30,
  NI: 28,
  NL: 18,
  NO: 15,
  OM: 23,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  RU: 33,
  SA: 24,
  SC: 31,
  SD: 18,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  SO: 23,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
  YE: 30,
};

/** The remainder mod 97 of an IBAN rearranged (its first four characters moved to the end, letters as 10..35). */
function ibanRemainder(iban: string): number {
  const digits = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  return Number(BigInt(digits) % 97n);
}

/** An IBAN without spaces, upper-case, or null when it is not one (format, country length or check digits). */
export function parseIban(input: string): string | null {
  const iban = input.replace(/[\s-]+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{1,30}$/.test(iban)) return null;
  if (IBAN_LENGTHS[iban.slice(0, 2)] !== iban.length) return null;
  return ibanRemainder(iban) === 1 ? iban : null;
}

/** NOTE: ISO 9362 BIC: 4 letters (institution), 2 (country), 2 letters or digits (location), optional 3 (branch). */
export function parseBic(input: string): string | null {
  const bic = input.replace(/\s+/g, '').toUpperCase();
  return /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(bic) ? bic : null;
}

/**
 * The account's bank details as given (a value to set, null to clear, undefined to keep), normalized; a 422 naming
 * each field that is not an IBAN or a BIC.
 */
export function bankAccountInput(input: { iban?: string | null; bic?: string | null }): {
  iban?: string | null;
  bic?: string | null;
} {
  const out: { iban?: string | null; bic?: string | null } = {};
  const issues: FieldIssue[] = [];
  if (input.iban !== undefined) {
    const blank = input.iban === null || input.iban.trim() === '';
    out.iban = blank ? null : parseIban(input.iban!);
    if (!blank && !out.iban)
      issues.push({
        field: 'iban',
        issue: 'invalid',
        message: 'Not an IBAN (ISO 13616: country code, check digits and the length of that country).',
        value: input.iban!,
      });
  }
  if (input.bic !== undefined) {
    const blank = input.bic === null || input.bic.trim() === '';
    out.bic = blank ? null : parseBic(input.bic!);
    if (!blank && !out.bic)
      issues.push({
        field: 'bic',
        issue: 'invalid',
        message: 'Not a BIC (ISO 9362: 8 or 11 letters and digits, e.g. GEBABEBB).',
        value: input.bic!,
      });
  }
  if (issues.length) throw new DomainError('validation', issues.map((i) => i.message).join(' '), issues);
  return out;
}
