import type { DocumentFilter } from '../../../app/documents/list-documents.js';
import type { PageRequest } from '../../../app/pagination.js';
import type { CompareOp, ODataExpr, ODataLiteral, ODataOrder } from './ast.js';
import { ODataError } from './odata-error.js';

/** What a vendor's list property means in the app's document filter. */
export type DocumentField =
  | 'type'
  | 'status'
  | 'date'
  | 'dueDate'
  | 'paid'
  | 'contactId'
  | 'seriesId'
  | 'storeId'
  | 'net'
  | 'gross'
  | 'reference'
  | 'number'
  | 'customerName'
  | 'id'
  | 'createdAt';

export interface ODataField {
  to: DocumentField;
  /** For `type`/`status`: the vendor's values (`Invoice`) to the app's (`FT`, or several); others are refused. */
  values?: Readonly<Record<string, string | readonly string[]>>;
}

/** A dialect's list properties, by the name its clients write (matched case-insensitively). */
export type ODataFieldMap = Readonly<Record<string, ODataField>>;

export function fieldOf(map: ODataFieldMap, name: string): ODataField {
  const lower = name.toLowerCase();
  const key = Object.keys(map).find((k) => k.toLowerCase() === lower);
  if (!key) throw new ODataError('property', `Could not find a property named '${name}'.`, name);
  return map[key]!;
}

const unsupported = (what: string) => new ODataError('unsupported', `Unsupported $filter: ${what}`);

const NEGATE: Record<CompareOp, CompareOp> = { eq: 'ne', ne: 'eq', gt: 'le', ge: 'lt', lt: 'ge', le: 'gt' };

function negate(e: ODataExpr): ODataExpr {
  if (e.kind === 'compare') return { ...e, op: NEGATE[e.op] };
  if (e.kind === 'not') return e.expr;
  if (e.kind === 'and') return { kind: 'or', any: e.all.map(negate) };
  if (e.kind === 'or') return { kind: 'and', all: e.any.map(negate) };
  throw unsupported(`not ${e.fn}(…)`);
}

const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** A date or date-time value as the bounds of a calendar-date column (`doc_date`). */
function dateBound(v: ODataLiteral, op: CompareOp, field: string): { from?: string; to?: string } {
  let date: string;
  let midnight = true;
  if (v.kind === 'date') date = v.value;
  else if ((v.kind === 'datetime' || v.kind === 'string') && /^\d{4}-\d{2}-\d{2}/.test(v.value)) {
    date = v.value.slice(0, 10);
    // The zone is not converted: a document's date is the seller's calendar date, as the client wrote it.
    midnight = !v.value.includes('T') || /T00:00(:00(\.0+)?)?(Z|[+-]\d{2}:\d{2})?$/.test(v.value);
  } else throw unsupported(`${field} needs a date`);
  // A date D (as D 00:00) compared with a time T on day X: D > T and D ≥ T (T after midnight) mean D ≥ X + 1.
  if (op === 'eq') {
    if (!midnight) throw unsupported(`${field} eq a time of day`);
    return { from: date, to: date };
  }
  if (op === 'ge') return { from: midnight ? date : addDays(date, 1) };
  if (op === 'gt') return { from: addDays(date, 1) };
  if (op === 'le') return { to: date };
  if (op === 'lt') return { to: midnight ? addDays(date, -1) : date };
  throw unsupported(`${field} ${op}`);
}

const later = (a: string | undefined, b: string | undefined) =>
  a === undefined ? b : b === undefined || a > b ? a : b;
const earlier = (a: string | undefined, b: string | undefined) =>
  a === undefined ? b : b === undefined || a < b ? a : b;

function intersect(a: string[] | undefined, b: string[]): string[] {
  return a === undefined ? b : a.filter((x) => b.includes(x));
}

function enumValues(field: string, f: ODataField, v: ODataLiteral): string[] {
  if (v.kind !== 'string') throw unsupported(`${field} needs a text value`);
  if (!f.values) return [v.value];
  const key = Object.keys(f.values).find((k) => k.toLowerCase() === v.value.toLowerCase());
  if (key === undefined) throw unsupported(`${field} has no value '${v.value}'`);
  const mapped = f.values[key]!;
  return typeof mapped === 'string' ? [mapped] : [...mapped];
}

function id(field: string, v: ODataLiteral): number {
  if (v.kind !== 'number' || !/^\d+$/.test(v.value)) throw unsupported(`${field} needs a whole number`);
  return Number(v.value);
}

function apply(out: DocumentFilter, e: ODataExpr, map: ODataFieldMap): void {
  if (e.kind === 'and') return e.all.forEach((x) => apply(out, x, map));
  if (e.kind === 'not') return apply(out, negate(e.expr), map);
  if (e.kind === 'or') return applyOr(out, e.any, map);
  const f = fieldOf(map, e.field);
  if (e.kind === 'text') {
    const likeField = { number: 'doc_no', customerName: 'customer_name', reference: 'reference' } as const;
    const target = likeField[f.to as keyof typeof likeField];
    if (e.fn !== 'contains' || !target) throw unsupported(`${e.fn}(${e.field}, …)`);
    out.likes = [...(out.likes ?? []), { field: target, value: e.value }];
    return;
  }
  const { op, value: v, field } = e;
  switch (f.to) {
    case 'type':
    case 'status': {
      if (op !== 'eq') throw unsupported(`${field} ${op}`);
      const key = f.to === 'type' ? 'types' : 'statuses';
      out[key] = intersect(out[key], enumValues(field, f, v));
      return;
    }
    case 'date':
    case 'dueDate': {
      const b = dateBound(v, op, field);
      const [fromKey, toKey] = f.to === 'date' ? (['dateFrom', 'dateTo'] as const) : (['dueFrom', 'dueTo'] as const);
      const from = later(out[fromKey], b.from);
      const to = earlier(out[toKey], b.to);
      if (from !== undefined) out[fromKey] = from;
      if (to !== undefined) out[toKey] = to;
      return;
    }
    case 'paid': {
      if (v.kind !== 'boolean' || (op !== 'eq' && op !== 'ne')) throw unsupported(`${field} ${op}`);
      const paid = op === 'eq' ? v.value : !v.value;
      if (out.paid !== undefined && out.paid !== paid) throw unsupported(`${field} both true and false`);
      out.paid = paid;
      return;
    }
    case 'contactId':
    case 'seriesId':
    case 'storeId': {
      if (op !== 'eq') throw unsupported(`${field} ${op}`);
      out[f.to] = id(field, v);
      return;
    }
    case 'net': {
      if (v.kind !== 'number' || !['eq', 'ge', 'le'].includes(op)) throw unsupported(`${field} ${op}`);
      if (op !== 'le') out.netFrom = v.value;
      if (op !== 'ge') out.netTo = v.value;
      return;
    }
    case 'reference': {
      if (op !== 'eq' || v.kind !== 'string') throw unsupported(`${field} ${op}`);
      out.reference = v.value;
      return;
    }
    default:
      throw unsupported(`${field} ${op}`);
  }
}

/** `OrderType eq 'Invoice' or OrderType eq 'CreditNote'`: alternatives of one enum field become one list. */
function applyOr(out: DocumentFilter, any: ODataExpr[], map: ODataFieldMap): void {
  const fields = any.map((x) => (x.kind === 'compare' && x.op === 'eq' ? fieldOf(map, x.field) : undefined));
  const first = fields[0];
  if (!first || (first.to !== 'type' && first.to !== 'status') || fields.some((f) => f !== first))
    throw unsupported('or is only supported between values of one type or status property');
  const values = any.flatMap((x) => (x.kind === 'compare' ? enumValues(x.field, first, x.value) : []));
  const key = first.to === 'type' ? 'types' : 'statuses';
  out[key] = intersect(out[key], [...new Set(values)]);
}

/**
 * The app's document filter for a parsed `$filter`: a conjunction of what `listDocuments` can express. What it
 * can't (an `or` across properties, `ne` on most fields, functions other than `contains`) is an
 * `ODataError('unsupported')`, never a silently wider list.
 */
export function toDocumentFilter(expr: ODataExpr | undefined, map: ODataFieldMap): DocumentFilter {
  const out: DocumentFilter = {};
  if (expr) apply(out, expr, map);
  return out;
}

const ORDER_COLUMN: Partial<Record<DocumentField, NonNullable<DocumentFilter['order']>['field']>> = {
  date: 'doc_date',
  dueDate: 'due_date',
  id: 'id',
  gross: 'gross_total',
  number: 'doc_no',
  customerName: 'customer_name',
  createdAt: 'system_entry_date',
};

/** The app's sort for `$orderby`: one property (ties are broken by id, in the same direction). */
export function toDocumentOrder(orderby: ODataOrder[], map: ODataFieldMap): DocumentFilter['order'] {
  if (!orderby.length) return undefined;
  if (orderby.length > 1) throw unsupported('$orderby on more than one property');
  const [o] = orderby;
  const column = ORDER_COLUMN[fieldOf(map, o!.field).to];
  if (!column) throw new ODataError('property', `The property '${o!.field}' cannot be used in $orderby.`, o!.field);
  return { field: column, dir: o!.dir };
}

/**
 * `$skip`/`$top` as the app's page request. The list use cases page by page number, so `$skip` must be a multiple
 * of `$top` (as the next-page links a dialect writes are); any other offset is refused rather than misread.
 */
export function toPageRequest(skip: number, top: number): PageRequest {
  const perPage = Math.max(1, top);
  if (skip % perPage !== 0) throw new ODataError('option', `$skip (${skip}) must be a multiple of $top (${perPage})`);
  return { page: skip / perPage + 1, perPage };
}
