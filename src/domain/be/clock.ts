/** NOTE: Belgian legal time (Europe/Brussels): the day of an invoice and its entry time are Belgian wall-clock. */
const FMT = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Brussels',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** `YYYY-MM-DD` in Europe/Brussels. */
export function brusselsDate(instant: Date): string {
  return FMT.format(instant);
}
