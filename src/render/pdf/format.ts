import type { PdfLang as Lang } from './labels.js';
import { type Decimal, dec, round2 } from '../../domain/money/decimal.js';

/** Number and date formats per language, from exact decimal strings (never through JS floats). */
const SEP: Record<Lang, { group: string; decimal: string }> = {
  pt: { group: ' ', decimal: ',' },
  en: { group: ',', decimal: '.' },
  fr: { group: ' ', decimal: ',' },
  nl: { group: '.', decimal: ',' },
  de: { group: '.', decimal: ',' },
};

function group(intPart: string, sep: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

/** `1 234,56` (pt, fr) or `1,234.56` (en), with at least `minPlaces` and at most `maxPlaces` decimals. */
export function formatNumber(value: Decimal | string, lang: Lang, minPlaces: number, maxPlaces = minPlaces): string {
  const d = typeof value === 'string' ? dec(value) : value;
  let s = d.toDecimalPlaces(maxPlaces).toFixed(maxPlaces);
  if (maxPlaces > minPlaces) {
    const [i, f = ''] = s.split('.');
    const trimmed = f.replace(/0+$/, '').padEnd(minPlaces, '0');
    s = trimmed ? `${i}.${trimmed}` : i;
  }
  const negative = s.startsWith('-');
  const [i, f] = (negative ? s.slice(1) : s).split('.');
  const { group: g, decimal } = SEP[lang];
  return `${negative ? '-' : ''}${group(i, g)}${f === undefined ? '' : `${decimal}${f}`}`;
}

export const money = (v: Decimal | string, lang: Lang): string =>
  formatNumber(round2(typeof v === 'string' ? dec(v) : v), lang, 2);
export const quantity = (v: string, lang: Lang): string => formatNumber(v, lang, 0, 4);
export const unitPrice = (v: string, lang: Lang): string => formatNumber(v, lang, 2, 6);
export const percent = (v: Decimal | string, lang: Lang): string => formatNumber(v, lang, 0, 4);

/** Amounts with their currency: `123,00 €` (pt, fr), `€123.00` (en); other currencies by code. */
export function withCurrency(amount: string, currency: string, lang: Lang): string {
  const symbol = currency === 'EUR' ? '€' : currency;
  return lang === 'en' && symbol === '€' ? `€${amount}` : `${amount} ${symbol}`;
}

/**
 * NOTE: D8632 §2.2.4 — dates are printed as AAAA-MM-DD or DD-MM-AAAA: DD-MM-AAAA in Portuguese and French,
 * ISO in English.
 */
export function date(iso: string, lang: Lang): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return lang === 'en' ? `${y}-${m}-${d}` : `${d}-${m}-${y}`;
}

/** A local date-time `YYYY-MM-DD[T ]hh:mm[:ss]` as date + `hh:mm`. */
export function dateTime(local: string, lang: Lang): string {
  return `${date(local, lang)} ${local.slice(11, 16)}`;
}
