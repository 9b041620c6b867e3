import type { ConsoleLang } from '../area.js';
import type { PageGlobals } from './types.js';

const LOCALE: Record<ConsoleLang, string> = { pt: 'pt-PT', en: 'en-GB' };
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Numbers, money and dates in the page's language. Amounts are formatted from their decimal strings (Intl reads a
 * string exactly), so no float ever rounds a total. Date-only strings are calendar days (formatted in UTC so that no
 * time zone moves them); instants are shown in Lisbon time.
 */
export function formatters(lang: ConsoleLang): PageGlobals['fmt'] {
  const locale = LOCALE[lang];
  const asNumber = (v: string | number) => v as unknown as number; // Intl accepts decimal strings
  const toDate = (v: string | Date) => (v instanceof Date ? v : new Date(DATE_ONLY.test(v) ? `${v}T00:00:00Z` : v));
  const valid = (d: Date) => !Number.isNaN(d.getTime());
  return {
    money(amount, currency = 'EUR') {
      try {
        return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(asNumber(amount));
      } catch {
        return `${amount} ${currency}`;
      }
    },
    number(value, digits) {
      return new Intl.NumberFormat(locale, {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits ?? 6,
      }).format(asNumber(value));
    },
    date(value) {
      const d = toDate(value);
      if (!valid(d)) return String(value);
      const utc = typeof value === 'string' && DATE_ONLY.test(value);
      return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: utc ? 'UTC' : 'Europe/Lisbon' }).format(
        d,
      );
    },
    dateTime(value) {
      const d = toDate(value);
      if (!valid(d)) return String(value);
      return new Intl.DateTimeFormat(locale, {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone: 'Europe/Lisbon',
      }).format(d);
    },
  };
}
