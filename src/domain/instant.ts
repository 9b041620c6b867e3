import { isIsoDate } from './time.js';

const INSTANT = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-](\d{2}):(\d{2}))?)?$/;

/** `YYYY-MM-DD` or an ISO 8601 instant naming a real calendar day and time (no month 13, no 25 o'clock). */
export function isIsoInstant(v: unknown): v is string {
  if (typeof v !== 'string') return false;
  const m = INSTANT.exec(v);
  if (!m || !isIsoDate(m[1])) return false;
  if (m[2] !== undefined && (+m[2] > 23 || +m[3] > 59 || +(m[4] ?? 0) > 59)) return false;
  if (m[6] !== undefined && (+m[6] > 23 || +m[7] > 59)) return false;
  return true;
}
