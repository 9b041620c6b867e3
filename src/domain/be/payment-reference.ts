/**
 * NOTE: Belgian structured communication (OGM / VCS, "gestructureerde mededeling / communication structurée",
 * Febelfin standard): 12 digits shown `+++ddd/dddd/ddddd+++`, the last two a mod-97 check of the first ten
 * (the remainder, with 0 written 97). EN 16931 BT-83 (remittance information), Peppol `cbc:PaymentID`.
 */
const DISPLAY = /^\+\+\+(\d{3})\/(\d{4})\/(\d{5})\+\+\+$/;

/** The two check digits of a 10-digit base: base mod 97, 00 written 97. */
export function paymentReferenceCheck(base: string): string {
  if (!/^\d{10}$/.test(base)) throw new Error('A structured communication base is 10 digits.');
  const r = Number(BigInt(base) % 97n);
  return String(r === 0 ? 97 : r).padStart(2, '0');
}

/** `+++ddd/dddd/ddddd+++` of 12 digits. */
function display(digits: string): string {
  return `+++${digits.slice(0, 3)}/${digits.slice(3, 7)}/${digits.slice(7)}+++`;
}

/** The structured communication of a 10-digit base (its check digits appended), in its display form. */
export function paymentReferenceOf(base: string): string {
  return display(base + paymentReferenceCheck(base));
}

/**
 * A reference derived from a number unique in the database (a document id): its last ten digits, zero-padded.
 * Deterministic, so finalize can derive it without a lookup, and unique while ids stay below 10^10.
 */
export function paymentReferenceFor(uniqueNumber: number): string {
  if (!Number.isSafeInteger(uniqueNumber) || uniqueNumber < 0) throw new Error('A non-negative integer.');
  return paymentReferenceOf(String(uniqueNumber % 1e10).padStart(10, '0'));
}

/**
 * The display form of a given reference, or null when it is not a valid structured communication. Accepts the
 * display form, `***…***` (the other common delimiter), or the 12 digits with or without spaces, dots and slashes.
 */
export function parsePaymentReference(input: string): string | null {
  const compact = input.trim().replace(/^(\+\+\+|\*\*\*)|(\+\+\+|\*\*\*)$/g, '');
  const digits = compact.replace(/[\s./]+/g, '');
  if (!/^\d{12}$/.test(digits) || digits.slice(0, 10) === '0000000000') return null;
  if (paymentReferenceCheck(digits.slice(0, 10)) !== digits.slice(10)) return null;
  return display(digits);
}

export function isPaymentReference(v: string): boolean {
  return DISPLAY.test(v) && parsePaymentReference(v) === v;
}
