import {
  type ODataExpr,
  type ODataQuery,
  ODataError,
  nextPageLink,
  parseODataQuery,
  toPageRequest,
} from '../../http/kit/odata/index.js';
import type { PageRequest } from '../../app/pagination.js';
import { BillitError } from './billit-error.js';
import type { Call } from './context.js';

/** Billit's page: 120 items at most, and by default (a larger `$top` is clamped, not refused). */
export const BILLIT_PAGE = { defaultTop: 120, maxTop: 120 };

/**
 * A list request's OData options, with Billit's wording for what it refuses: an unknown property gets the
 * GenericError text Billit gives (`Could not find a property named 'X' on type '<type>'.`), anything else a GenericError too.
 */
export function billitListQuery(c: Call, type: string): { query: ODataQuery; page: PageRequest } {
  try {
    const query = parseODataQuery(c.query, BILLIT_PAGE);
    return { query, page: toPageRequest(query.skip, query.top) };
  } catch (err) {
    throw billitODataError(err, type);
  }
}

export function billitODataError(err: unknown, type: string): unknown {
  if (!(err instanceof ODataError)) return err;
  if (err.kind === 'property' && err.property)
    return BillitError.generic(`Could not find a property named '${err.property}' on type '${type}'.`);
  return BillitError.generic(err.message);
}

/** The conditions of a `$filter` that is a conjunction of comparisons (what the resource lists accept). */
export function conjunction(
  expr: ODataExpr | undefined,
  type: string,
): Extract<ODataExpr, { kind: 'compare' | 'text' }>[] {
  if (!expr) return [];
  if (expr.kind === 'and') return expr.all.flatMap((e) => conjunction(e, type));
  if (expr.kind === 'compare' || expr.kind === 'text') return [expr];
  throw BillitError.generic(`The filter can only combine conditions with 'and' on type '${type}'.`);
}

/** Refuses a property the list cannot filter or sort on, as Billit does. */
export function unknownProperty(field: string, type: string): BillitError {
  return BillitError.generic(`Could not find a property named '${field}' on type '${type}'.`);
}

/** Billit's list envelope, with the absolute link to the next page (keeping the prefix the request came through). */
export function billitPage<T>(c: Call, path: string, query: ODataQuery, items: T[], total: number) {
  const search = c.request.url.includes('?') ? c.request.url.slice(c.request.url.indexOf('?') + 1) : '';
  return {
    Items: items,
    NextPageLink: nextPageLink({ baseUrl: c.baseUrl, path, search, query, total }),
    Count: total,
  };
}
