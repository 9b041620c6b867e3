import { zonedDateTime } from '../time.js';

/** NOTE: Belgian legal time (Europe/Brussels): the day of an invoice and its entry time are Belgian wall-clock. */
export function brusselsDate(instant: Date): string {
  return zonedDateTime(instant, 'Europe/Brussels').slice(0, 10);
}
