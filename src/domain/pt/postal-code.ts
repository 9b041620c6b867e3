/**
 * Portuguese postal codes: `NNNN-NNN` (CTT), or just the 4-digit area, which bill.pt also accepts
 * (its error 214). No code starts with 0 (the range is 1000–9999).
 */
const PT_POSTAL_CODE = /^[1-9]\d{3}(-\d{3})?$/;

export function isValidPtPostalCode(code: string): boolean {
  return PT_POSTAL_CODE.test(code);
}

/** Trims and writes the usual variants (`1000 001`, `1000001`, `1000 - 001`) as `1000-001`; undefined when not a PT code. */
export function normalizePtPostalCode(code: string): string | undefined {
  const m = /^([1-9]\d{3})(?:\s*-?\s*(\d{3}))?$/.exec(code.trim());
  if (!m) return undefined;
  return m[2] === undefined ? m[1] : `${m[1]}-${m[2]}`;
}
