import type {
  OrderCondition,
  OrderQuery,
  OrderQueryField,
  OrderQueryOp,
  OrderQueryValue,
} from '../../app/billit/query-orders.js';
import {
  ODataError,
  type ODataExpr,
  type ODataLiteral,
  type ODataQuery,
  parseODataQuery,
} from '../../http/kit/odata/index.js';
import { BillitError } from './billit-error.js';
import { parseBillitDate } from './dates.js';
import { COST_ORDER_OFFSET } from './order-ids.js';
import { ORDER_TYPES, billitTypeOfDoc } from './order-types.js';

/** Billit's page: 120 by default and at most (a larger `$top` is clamped, never refused: D odata.md). */
export const ORDER_PAGE = 120;

/** Billit's wall clock for zone-less times (dates.ts reads and writes them on it). */
export const BILLIT_ZONE = 'Europe/Brussels';

/**
 * The document types that are Billit orders (receipts and opening balances are not), and the OrderType each shows
 * when the order was not created through Billit (billitTypeOfDoc; billit_orders.order_type otherwise).
 */
export const ORDER_DOC_TYPES = ['FT', 'FS', 'FR', 'ND', 'NC', 'OR', 'PF', 'NE', 'FO'];
const TYPE_NAMES: Readonly<Record<string, string>> = Object.fromEntries(
  ORDER_DOC_TYPES.map((t) => [t, billitTypeOfDoc(t, null)]),
);
const ORDER_TYPE_NAMES = [...new Set([...Object.keys(ORDER_TYPES), ...Object.values(TYPE_NAMES)])];

type Kind = 'int' | 'text' | 'money' | 'bool' | 'date' | 'instant' | 'wall';

/** A property that reads a column, or one whose value is the same on every order here. */
type Property =
  | { field: OrderQueryField; kind: Kind; names?: string[] }
  | { constant: OrderQueryValue | ((accountId: number) => OrderQueryValue); kind: Kind; values?: readonly string[] };

/**
 * The properties Billit filters and sorts orders on (D odata.md, "What Properties are supported"), matched without
 * case. The ones Faturador keeps no value for are constants: ExternalProviderID is never set, FXRateToForeign is 1
 * (EUR documents), RemindersSent 0, an order is never ExportedToConnector. OrderDirection is Income for a sale and
 * Cost for a received purchase document.
 */
const PROPERTIES: Readonly<Record<string, Property>> = {
  OrderID: { field: 'id', kind: 'int' },
  'CounterParty/PartyID': { field: 'contactId', kind: 'int' },
  CompanyID: { constant: (accountId) => accountId, kind: 'int' },
  OrderDirection: { field: 'direction', kind: 'text', names: ['Income', 'Cost'] },
  OrderType: { field: 'orderType', kind: 'text', names: ORDER_TYPE_NAMES },
  OrderDate: { field: 'date', kind: 'date' },
  OrderNumber: { field: 'number', kind: 'text' },
  ExpiryDate: { field: 'dueDate', kind: 'date' },
  ExportedToConnector: { constant: false, kind: 'bool' },
  AccountantVerificationNeeded: { field: 'accountantVerificationNeeded', kind: 'bool' },
  TotalExcl: { field: 'net', kind: 'money' },
  TotalVAT: { field: 'tax', kind: 'money' },
  TotalIncl: { field: 'gross', kind: 'money' },
  FXRateToForeign: { constant: 1, kind: 'money' },
  Paid: { field: 'paid', kind: 'bool' },
  OrderStatus: {
    field: 'orderStatus',
    kind: 'text',
    names: ['Draft', 'Cancelled', 'Paid', 'ToSend', 'ToPay', 'Sent'],
  },
  ExternalProviderID: { constant: null, kind: 'text' },
  ExternalProvider: { constant: null, kind: 'text' },
  Currency: { field: 'currency', kind: 'text' },
  PaymentReference: { field: 'paymentReference', kind: 'text' },
  LastModified: { field: 'updatedAt', kind: 'instant' },
  Created: { field: 'createdAt', kind: 'instant' },
  ApprovalStatus: { field: 'approvalStatus', kind: 'text' },
  PaidDate: { field: 'paidDate', kind: 'wall' },
  PaymentMethod: { constant: null, kind: 'text' },
  Reference: { field: 'reference', kind: 'text' },
  RemindersSent: { constant: 0, kind: 'int' },
  IsSent: { field: 'isSent', kind: 'bool' },
};

/** Billit's exact answer for a property it does not filter on (D odata.md); clients show it verbatim. */
export function unknownProperty(name: string): BillitError {
  return BillitError.generic(
    `Could not find a property named '${name}' on type 'Domain.Order.OrderPartyPerformanceSafeColumns'.`,
  );
}

function property(name: string): Property {
  const lower = name.toLowerCase();
  const key = Object.keys(PROPERTIES).find((k) => k.toLowerCase() === lower);
  if (!key) throw unknownProperty(name);
  return PROPERTIES[key]!;
}

const badValue = (name: string, v: ODataLiteral) =>
  BillitError.generic(`The value ${'value' in v ? `'${String(v.value)}'` : 'null'} is not valid for ${name}.`);

/** A literal as the comparison value of a property of this kind (a date as its Brussels wall clock). */
function valueOf(name: string, kind: Kind, v: ODataLiteral): OrderQueryValue {
  if (v.kind === 'null') return null;
  switch (kind) {
    case 'int':
      if ((v.kind === 'number' || v.kind === 'string') && /^-?\d{1,15}$/.test(v.value)) return Number(v.value);
      throw badValue(name, v);
    case 'money':
      if ((v.kind === 'number' || v.kind === 'string') && /^-?\d+(\.\d+)?$/.test(v.value)) return v.value;
      throw badValue(name, v);
    case 'bool':
      if (v.kind === 'boolean') return v.value;
      if (v.kind === 'string' && /^(true|false)$/i.test(v.value)) return v.value.toLowerCase() === 'true';
      throw badValue(name, v);
    case 'text':
      if (v.kind === 'string' || v.kind === 'number' || v.kind === 'guid') return v.value;
      throw badValue(name, v);
    case 'date':
    case 'instant':
    case 'wall': {
      const text = v.kind === 'date' || v.kind === 'datetime' || v.kind === 'string' ? v.value : undefined;
      // A calendar date is the seller's day as the client wrote it: its zone is not converted.
      const local =
        kind === 'date' && text && text.length > 10
          ? text.slice(0, 11) + text.slice(11).replace(/(\.\d+)?(Z|[+-]\d{2}(:?\d{2})?)$/i, '')
          : text;
      const d = local === undefined ? undefined : parseBillitDate(local);
      if (!d) throw badValue(name, v);
      return d.dateTime;
    }
  }
}

const JS_OP: Record<OrderQueryOp, (a: number, b: number) => boolean> = {
  eq: (a, b) => a === b,
  ne: (a, b) => a !== b,
  gt: (a, b) => a > b,
  ge: (a, b) => a >= b,
  lt: (a, b) => a < b,
  le: (a, b) => a <= b,
};

/** A comparison with a property that has one value on every order: true or false for all of them. */
function constantCompare(have: OrderQueryValue, op: OrderQueryOp, want: OrderQueryValue): boolean {
  if (have === null || want === null) return op === 'eq' ? have === want : op === 'ne' ? have !== want : false;
  if (typeof have === 'number' || typeof want === 'number') return JS_OP[op](Number(have), Number(want));
  if (typeof have === 'string' && typeof want === 'string') {
    const [a, b] = [have.toLowerCase(), want.toLowerCase()];
    return JS_OP[op](a < b ? -1 : a > b ? 1 : 0, 0);
  }
  return op === 'eq' ? have === want : op === 'ne' ? have !== want : false;
}

/** `OrderDate gt 2026-01-01T10:00:00`: a calendar date against a time of day on its day. */
function dateCompare(field: OrderQueryField, op: OrderQueryOp, dateTime: string): OrderCondition {
  const date = dateTime.slice(0, 10);
  if (dateTime.endsWith('T00:00:00')) return { kind: 'compare', field, op, value: date };
  // The day D at midnight is before D's later time: D > t and D ≥ t hold from the next day on; D < t and D ≤ t
  // hold up to D itself; D = t never holds.
  if (op === 'gt' || op === 'ge') return { kind: 'compare', field, op: 'gt', value: date };
  if (op === 'lt' || op === 'le') return { kind: 'compare', field, op: 'le', value: date };
  if (op === 'eq') return { kind: 'const', value: false };
  return { kind: 'compare', field, op: 'ne', value: null };
}

function compare(name: string, op: OrderQueryOp, lit: ODataLiteral, accountId: number): OrderCondition {
  const p = property(name);
  const value = valueOf(name, p.kind, lit);
  if ('constant' in p) {
    if (p.values && typeof value === 'string' && !p.values.some((x) => x.toLowerCase() === value.toLowerCase()))
      throw badValue(name, lit);
    const have = typeof p.constant === 'function' ? p.constant(accountId) : p.constant;
    return { kind: 'const', value: constantCompare(have, op, value) };
  }
  if (p.names && typeof value === 'string') {
    const known = p.names.find((n) => n.toLowerCase() === value.toLowerCase());
    if (known === undefined) throw badValue(name, lit);
    return { kind: 'compare', field: p.field, op, value: known };
  }
  if (p.kind === 'date' && typeof value === 'string') return dateCompare(p.field, op, value);
  if (p.field === 'number' && value !== null && (op === 'eq' || op === 'ne')) return numberMatch(op, value);
  return { kind: 'compare', field: p.field, op, value };
}

/**
 * `OrderNumber eq 'X'`: the legal number of the series, or the number the client gave when it created the order
 * (kept beside it), so a client finds its order back by its own number; `ne` is true when neither is X.
 */
function numberMatch(op: 'eq' | 'ne', value: OrderQueryValue): OrderCondition {
  const both: OrderCondition[] = (['number', 'clientNumber'] as const).map((field) => ({
    kind: 'compare',
    field,
    op,
    value,
  }));
  return op === 'eq' ? { kind: 'or', any: both } : { kind: 'and', all: both };
}

function translate(e: ODataExpr, accountId: number): OrderCondition {
  switch (e.kind) {
    case 'and':
      return { kind: 'and', all: e.all.map((x) => translate(x, accountId)) };
    case 'or':
      return { kind: 'or', any: e.any.map((x) => translate(x, accountId)) };
    case 'not':
      return { kind: 'not', cond: translate(e.expr, accountId) };
    case 'text': {
      const p = property(e.field);
      if ('constant' in p) {
        const have = typeof p.constant === 'function' ? String(p.constant(accountId)) : p.constant;
        const [h, w] = [String(have ?? '').toLowerCase(), e.value.toLowerCase()];
        const hit = e.fn === 'contains' ? h.includes(w) : e.fn === 'startswith' ? h.startsWith(w) : h.endsWith(w);
        return { kind: 'const', value: have !== null && hit };
      }
      if (p.field === 'number')
        return {
          kind: 'or',
          any: [
            { kind: 'text', field: 'number', fn: e.fn, value: e.value },
            { kind: 'text', field: 'clientNumber', fn: e.fn, value: e.value },
          ],
        };
      return { kind: 'text', field: p.field, fn: e.fn, value: e.value };
    }
    case 'compare':
      return compare(e.field, e.op, e.value, accountId);
  }
}

/** A bad `$filter`/`$orderby`/`$top` in Billit's envelope (GenericError, the text naming what is wrong). */
function billitODataError(err: ODataError): BillitError {
  if (err.kind === 'property' && err.property) return unknownProperty(err.property);
  return BillitError.generic(err.message);
}

/**
 * `GET /v1/orders`' OData options (`$filter`, `$orderby`, `$top`, `$skip`) and `fullTextSearch`, read from the raw
 * query string (so `+` and `%27` decode as a browser form would), as the order query of an account.
 */
export function orderQueryOf(search: string, accountId: number): { query: OrderQuery; odata: ODataQuery } {
  try {
    const o = parseODataQuery(search, { defaultTop: ORDER_PAGE, maxTop: ORDER_PAGE });
    const order: NonNullable<OrderQuery['order']> = [];
    for (const x of o.orderby) {
      const p = property(x.field);
      // A constant sorts nothing.
      if ('field' in p) order.push({ field: p.field, dir: x.dir });
    }
    const params = new URLSearchParams(search.replace(/^\?/, ''));
    const textKey = [...params.keys()].find((k) => k.toLowerCase() === 'fulltextsearch');
    const text = textKey ? params.get(textKey)?.trim() : undefined;
    return {
      query: {
        timeZone: BILLIT_ZONE,
        types: ORDER_DOC_TYPES,
        costOffset: COST_ORDER_OFFSET,
        typeNames: TYPE_NAMES,
        otherTypeName: 'Invoice',
        ...(o.filter ? { where: translate(o.filter, accountId) } : {}),
        ...(text ? { text } : {}),
        order,
        offset: o.skip,
        limit: o.top,
      },
      odata: o,
    };
  } catch (err) {
    if (err instanceof ODataError) throw billitODataError(err);
    throw err;
  }
}
