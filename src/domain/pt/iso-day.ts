import { DomainError } from '../errors.js';

/** The `YYYY-MM-DD` day of an ISO date or date-time, for comparison with validity dates; throws on anything else. */
export function isoDay(isoDate: string): string {
  if (!/^\d{4}-\d{2}-\d{2}(T|$)/.test(isoDate)) {
    throw new DomainError('validation', `"${isoDate}" is not an ISO date (YYYY-MM-DD).`, [
      { field: 'date', issue: 'invalid', message: 'Expected YYYY-MM-DD.', value: isoDate },
    ]);
  }
  return isoDate.slice(0, 10);
}
