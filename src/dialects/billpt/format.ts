import type { FastifyRequest } from 'fastify';
import { Decimal } from '../../domain/money/decimal.js';
import { lisbonDateTime } from '../../domain/time.js';
import type { Page } from '../../app/pagination.js';

/** bill.pt's number formats: decimals as strings with a fixed number of places ("2.2300000000", "0.00000"). */
export const fixed = (v: string | number | null | undefined, places: number): string =>
  new Decimal(v ?? 0).toFixed(places);

/** Where bill.pt shows a plain JSON number (tax rates, cost prices, receipt totals): display only, never computed on. */
export const jsonNumber = (v: string | number | null | undefined): number => Number(new Decimal(v ?? 0).toFixed());

export const flag = (b: boolean | null | undefined): 0 | 1 => (b ? 1 : 0);

/** Codes and tax ids are numbers in bill.pt's contact and item lists when they are plain integers. */
export const numericIfInteger = (s: string | null | undefined): string | number =>
  s && /^[1-9]\d{0,14}$/.test(s) ? Number(s) : (s ?? '');

/** A stored `timestamp` (local time) as bill.pt's `Y-m-d H:i:s`. */
export const spaced = (v: string | null | undefined): string | null => (v ? v.replace('T', ' ').slice(0, 19) : null);

/** A stored `timestamp` as `Y-m-dTH:i:s` (system_entry_date, status_date). */
export const tSeparated = (v: string | null | undefined): string | null =>
  v ? v.replace(' ', 'T').slice(0, 19) : null;

/** A `timestamptz` from the database as Lisbon local time, `Y-m-d H:i:s`. */
export function lisbonStamp(v: string | null | undefined): string | null {
  if (!v) return null;
  const d = new Date(v.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00'));
  return Number.isNaN(d.getTime()) ? null : lisbonDateTime(d).replace('T', ' ');
}

/** Seconds since the epoch with microseconds, as PHP's microtime(true). */
export function microtime(v: string | null | undefined): number {
  if (!v) return 0;
  const d = new Date(v.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00'));
  return Number.isNaN(d.getTime()) ? 0 : d.getTime() / 1000;
}

/** bill.pt dates arrive as `Y-m-d H:i:s` (or `Y-m-d`): the core keeps the day. */
export function dayOf(v: string | null | undefined): string | undefined {
  if (!v) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2})?)?$/.exec(v.trim());
  return m ? m[1] : v.trim();
}

/** A bill.pt date-time as the core's local `YYYY-MM-DDThh:mm:ss`; a bare day is taken as midnight. */
export function localDateTime(v: string | null | undefined): string | undefined {
  if (!v) return undefined;
  const s = v.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return `${s}T00:00:00`;
  return s.replace(' ', 'T');
}

/** Laravel's length-aware paginator, as bill.pt lists answer. */
export function laravelPage<T>(request: FastifyRequest, page: Page<unknown>, data: T[]) {
  const base = `${request.protocol}://${request.host}${request.url.split('?')[0]}`;
  const last = Math.max(1, page.totalPages);
  const from = data.length ? (page.page - 1) * page.perPage + 1 : null;
  return {
    total: page.total,
    per_page: page.perPage,
    current_page: page.page,
    last_page: last,
    next_page_url: page.page < last ? `${base}?page=${page.page + 1}` : null,
    prev_page_url: page.page > 1 ? `${base}?page=${page.page - 1}` : null,
    from,
    to: from === null ? null : from + data.length - 1,
    data,
  };
}

export function emptyPage(perPage: number): Page<never> {
  return { items: [], total: 0, page: 1, perPage, totalPages: 1 };
}
