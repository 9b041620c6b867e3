import type { DocumentFilter } from '../../app/documents/list-documents.js';
import { pageRequest } from '../../app/pagination.js';
import { DOC_TYPES } from '../../domain/documents/types.js';
import { isIsoDate } from '../../domain/time.js';

export const SORTS = ['date', 'number', 'customer', 'total'] as const;
export type Sort = (typeof SORTS)[number];
export type Dir = 'asc' | 'desc';

const ORDER_FIELD: Record<Sort, NonNullable<DocumentFilter['order']>['field']> = {
  date: 'doc_date',
  number: 'doc_no',
  customer: 'customer_name',
  total: 'gross_total',
};
const STATUSES = ['draft', 'final', 'cancelled'] as const;

/** The list's filter form as the URL keeps it (every value a string, '' when not set). */
export interface ListValues {
  type: string;
  status: string;
  series: string;
  customer: string;
  from: string;
  to: string;
  min: string;
  max: string;
  q: string;
  sort: Sort;
  dir: Dir;
}

export interface ListQuery {
  values: ListValues;
  /** Message keys of the fields that could not be read, by field name. */
  errors: Partial<Record<keyof ListValues, string>>;
  filter: DocumentFilter;
  page: { page: number; perPage: number };
}

const str = (o: Record<string, unknown>, k: string, max = 100) => {
  const v = o[k];
  const s = Array.isArray(v) ? v[v.length - 1] : v;
  return typeof s === 'string' ? s.trim().slice(0, max) : '';
};

/** An amount as a person types it: `1234.5`, `1234,50`, `1 234,50` → `1234.50`-style decimal text, or null. */
export function amountOf(s: string): string | null {
  const compact = s.replace(/[\s\u00a0€]/g, '');
  const normal = /^\d+,\d{1,2}$/.test(compact) ? compact.replace(',', '.') : compact;
  return /^\d{1,13}(\.\d{1,2})?$/.test(normal) ? normal : null;
}

/** The documents list's query string: the filters, sort and page to ask, and the fields to show back. */
export function listQueryOf(query: unknown): ListQuery {
  const o = (query && typeof query === 'object' ? query : {}) as Record<string, unknown>;
  const sortRaw = str(o, 'sort');
  const sort = (SORTS as readonly string[]).includes(sortRaw) ? (sortRaw as Sort) : 'date';
  const dirRaw = str(o, 'dir');
  const dir: Dir = dirRaw === 'asc' || dirRaw === 'desc' ? dirRaw : sort === 'customer' ? 'asc' : 'desc';
  const values: ListValues = {
    type: str(o, 'type', 3),
    status: str(o, 'status', 10),
    series: str(o, 'series', 10),
    customer: str(o, 'customer'),
    from: str(o, 'from', 10),
    to: str(o, 'to', 10),
    min: str(o, 'min', 20),
    max: str(o, 'max', 20),
    q: str(o, 'q'),
    sort,
    dir,
  };
  const errors: ListQuery['errors'] = {};
  const filter: DocumentFilter = { order: { field: ORDER_FIELD[sort], dir } };
  if (values.type) {
    if ((DOC_TYPES as readonly string[]).includes(values.type)) filter.types = [values.type];
    else errors.type = 'documents.filter.invalidType';
  }
  if (values.status) {
    if ((STATUSES as readonly string[]).includes(values.status)) filter.statuses = [values.status];
    else errors.status = 'documents.filter.invalidStatus';
  }
  if (values.series) {
    if (/^\d{1,9}$/.test(values.series) && Number(values.series) > 0) filter.seriesId = Number(values.series);
    else errors.series = 'documents.filter.invalidSeries';
  }
  if (values.customer) filter.likes = [{ field: 'customer_name', value: values.customer }];
  for (const k of ['from', 'to'] as const) {
    if (!values[k]) continue;
    if (isIsoDate(values[k])) filter[k === 'from' ? 'dateFrom' : 'dateTo'] = values[k];
    else errors[k] = 'documents.filter.invalidDate';
  }
  if (filter.dateFrom && filter.dateTo && filter.dateFrom > filter.dateTo) errors.to = 'documents.filter.toBeforeFrom';
  for (const k of ['min', 'max'] as const) {
    if (!values[k]) continue;
    const amount = amountOf(values[k]);
    if (amount) filter[k === 'min' ? 'grossFrom' : 'grossTo'] = amount;
    else errors[k] = 'documents.filter.invalidAmount';
  }
  if (values.q) filter.text = values.q;
  return { values, errors, filter, page: pageRequest(o.page, o.perPage, 20) };
}

/** The list's URL with these values (empty ones left out) and, when given, a page. */
export function listHref(values: ListValues, over: Partial<ListValues> & { page?: number } = {}): string {
  const all: Record<string, string | number | undefined> = { ...values, ...over };
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(all)) {
    if (v === undefined || v === '') continue;
    if (k === 'page' && v === 1) continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return `/console/documents${qs ? `?${qs}` : ''}`;
}
