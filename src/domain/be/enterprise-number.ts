/**
 * NOTE: Belgian enterprise number (KBO/BCE, Crossroads Bank for Enterprises; Royal Decree of 22 June 2009 and
 * Code of Economic Law art. III.17): 10 digits, starting with 0 or 1, the last two a mod-97 check of the first eight:
 * 97 − (first eight mod 97). The VAT number is the same 10 digits prefixed by BE (VAT Code art. 50 §1).
 */
export interface EnterpriseNumberCheck {
  valid: boolean;
  /** The 10 digits (dots, spaces and a BE prefix removed), or the cleaned input when not valid. */
  digits: string;
}

function clean(input: string): string {
  const compact = input.replace(/[\s.\-/]+/g, '').toUpperCase();
  return compact.startsWith('BE') ? compact.slice(2) : compact;
}

/** 97 − (n mod 97) of the first eight digits: the check the last two digits must equal. */
export function enterpriseCheckDigits(firstEight: string): string {
  return String(97 - (Number(firstEight) % 97)).padStart(2, '0');
}

/**
 * Checks an enterprise number given as `0123.456.749`, `0123456749`, `BE0123456749` or (before 2005, nine digits)
 * `123456749`, which is the same number with a leading 0.
 */
export function checkEnterpriseNumber(input: string): EnterpriseNumberCheck {
  let digits = clean(input);
  if (/^\d{9}$/.test(digits)) digits = `0${digits}`;
  const valid = /^[01]\d{9}$/.test(digits) && enterpriseCheckDigits(digits.slice(0, 8)) === digits.slice(8);
  return { valid, digits };
}

/** The VAT number `BE0123456749` of a valid enterprise number, else null. */
export function belgianVatNumber(input: string): string | null {
  const c = checkEnterpriseNumber(input);
  return c.valid ? `BE${c.digits}` : null;
}

/** `0123.456.749`: the enterprise number as the KBO/BCE prints it. */
export function formatEnterpriseNumber(digits: string): string {
  return `${digits.slice(0, 4)}.${digits.slice(4, 7)}.${digits.slice(7)}`;
}
