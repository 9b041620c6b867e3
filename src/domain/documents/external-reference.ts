import { type IssueCollector } from '../errors.js';
import { isIsoDate } from '../time.js';

/** The original a credit or debit note line corrects, outside the system: its number, date and the reason. */
export interface ExternalReference {
  number: string;
  date: string | null;
  reason: string | null;
}

/**
 * NOTE: SAF-T (PT) 1.04_01 (Portaria 302/2016) 4.1.4.19.10 — References/Reference holds the number of the
 * corrected document as printed on it (at most 60 characters), Reason at most 50.
 */
export const EXTERNAL_REFERENCE_LIMITS = { number: 60, reason: 50 } as const;

/** Printable text: no control characters, no line breaks. */
const PRINTABLE = /^[^\p{Cc}\p{Cs}\p{Co}\p{Cn}\u2028\u2029]+$/u;

/** A reference as asked, checked: null when none is given; issues reported under `field`. */
export function checkExternalReference(
  v: { number?: unknown; date?: unknown; reason?: unknown } | null | undefined,
  field: string,
  c: IssueCollector,
): ExternalReference | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'object') {
    c.add(field, 'invalid', 'The number of the corrected document, with its date and the reason.');
    return null;
  }
  const number = typeof v.number === 'string' || typeof v.number === 'number' ? String(v.number).trim() : '';
  let ok = true;
  if (!number) {
    c.add(`${field}.number`, 'required', 'The number of the corrected document.');
    ok = false;
  } else if (number.length > EXTERNAL_REFERENCE_LIMITS.number) {
    c.add(`${field}.number`, 'too_long', 'At most 60 characters.', String(EXTERNAL_REFERENCE_LIMITS.number));
    ok = false;
  } else if (!PRINTABLE.test(number)) {
    c.add(`${field}.number`, 'invalid', 'Printable characters only.');
    ok = false;
  }
  const date = v.date === undefined || v.date === null || v.date === '' ? null : String(v.date);
  if (date !== null && !isIsoDate(date)) {
    c.add(`${field}.date`, 'invalid', 'Use YYYY-MM-DD.');
    ok = false;
  }
  const reason = v.reason === undefined || v.reason === null ? null : String(v.reason).trim() || null;
  if (reason !== null && (reason.length > EXTERNAL_REFERENCE_LIMITS.reason || !PRINTABLE.test(reason))) {
    c.add(`${field}.reason`, 'too_long', 'At most 50 printable characters.', String(EXTERNAL_REFERENCE_LIMITS.reason));
    ok = false;
  }
  return ok ? { number, date, reason } : null;
}
