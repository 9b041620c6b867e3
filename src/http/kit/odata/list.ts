import type { DocumentFilter } from '../../../app/documents/list-documents.js';
import type { PageRequest } from '../../../app/pagination.js';
import type { ODataQuery } from './ast.js';
import { type ODataFieldMap, toDocumentFilter, toDocumentOrder, toPageRequest } from './document-filter.js';
import { type ODataQueryOptions, parseODataQuery } from './query.js';

/** A document list request read from OData options: what `listDocuments` takes, and the options as read. */
export interface DocumentListRequest {
  filter: DocumentFilter;
  page: PageRequest;
  query: ODataQuery;
}

/** `$filter`/`$orderby`/`$top`/`$skip` of a request, as the app's document filter and page (ODataError if not). */
export function documentListRequest(
  input: Parameters<typeof parseODataQuery>[0],
  map: ODataFieldMap,
  opts: ODataQueryOptions,
): DocumentListRequest {
  const query = parseODataQuery(input, opts);
  const filter = toDocumentFilter(query.filter, map);
  const order = toDocumentOrder(query.orderby, map);
  return { filter: order ? { ...filter, order } : filter, page: toPageRequest(query.skip, query.top), query };
}

/**
 * The absolute link to the next page (null on the last one): the request's own query with `$skip` moved on,
 * under the surface's base URL, so it keeps the dialect's prefix or own port (clients follow it verbatim).
 */
export function nextPageLink(opts: {
  /** The surface's base URL: `<PUBLIC_URL>/billit`, or its own port's origin. */
  baseUrl: string;
  /** The list's path under the surface: `/v1/orders`. */
  path: string;
  /** The request's query string (without `?`). */
  search: string;
  query: ODataQuery;
  total: number;
}): string | null {
  const next = opts.query.skip + opts.query.top;
  if (opts.query.top <= 0 || next >= opts.total) return null;
  const params = new URLSearchParams(opts.search.replace(/^\?/, ''));
  for (const k of [...params.keys()]) if (/^\$(top|skip)$/i.test(k)) params.delete(k);
  params.set('$top', String(opts.query.top));
  params.set('$skip', String(next));
  return `${opts.baseUrl.replace(/\/+$/, '')}${opts.path}?${params.toString()}`;
}
