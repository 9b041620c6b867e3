import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Tx } from '../context.js';

/**
 * What a Billit order list may filter or sort on: the order's own facts (a sales document's, or a received purchase
 * document's for a Cost order), and the bookkeeping Billit keeps on an order (billit_orders; an order without a row
 * there has the defaults of migration 0027).
 */
export type OrderQueryField =
  | 'id'
  | 'direction'
  | 'type'
  | 'orderType'
  | 'orderStatus'
  | 'status'
  | 'number'
  /** The OrderNumber the client gave through Billit (kept beside the legal number of the series). */
  | 'clientNumber'
  | 'date'
  | 'dueDate'
  | 'contactId'
  | 'net'
  | 'tax'
  | 'gross'
  | 'paid'
  | 'paidDate'
  | 'currency'
  | 'paymentReference'
  | 'reference'
  | 'customerName'
  | 'createdAt'
  | 'updatedAt'
  | 'isSent'
  | 'approvalStatus'
  | 'accountantVerificationNeeded'
  | 'invoiced'
  | 'accountCode';

export type OrderQueryOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

/**
 * A comparison value. Dates take `YYYY-MM-DD`; instants (`createdAt`, `updatedAt`) and `paidDate` take a wall-clock
 * `YYYY-MM-DDTHH:mm:ss` without zone, read on the query's `timeZone`.
 */
export type OrderQueryValue = string | number | boolean | null;

/** A condition tree over orders (the dialect translates OData into it). */
export type OrderCondition =
  | { kind: 'compare'; field: OrderQueryField; op: OrderQueryOp; value: OrderQueryValue }
  | { kind: 'in'; field: OrderQueryField; values: (string | number)[] }
  /** Case-insensitive text match on a text field. */
  | { kind: 'text'; field: OrderQueryField; fn: 'contains' | 'startswith' | 'endswith'; value: string }
  | { kind: 'and'; all: OrderCondition[] }
  | { kind: 'or'; any: OrderCondition[] }
  | { kind: 'not'; cond: OrderCondition }
  /** Always true or always false (a value no order here can have, as a purchase direction). */
  | { kind: 'const'; value: boolean };

export interface OrderQuery {
  /** The wall clock instants are compared on (the vendor's zone-less times). */
  timeZone: string;
  /** The document types that are orders (receipts and opening balances are not). */
  types: string[];
  /** A Cost order's OrderID is its purchase document's id plus this (the vendor's one id space). */
  costOffset: number;
  /**
   * `orderType`: the vendor's name of an order, as created through it (billit_orders.order_type), else its
   * document type's name here, else `otherTypeName`.
   */
  typeNames: Readonly<Record<string, string>>;
  otherTypeName: string;
  where?: OrderCondition;
  /** Case-insensitive text over number, reference, customer name and customer tax id. */
  text?: string;
  /** Sorted by these in turn; the id breaks the last tie, so consecutive pages never repeat or skip a row. */
  order?: { field: OrderQueryField; dir: 'asc' | 'desc' }[];
  offset: number;
  limit: number;
}

/** An order of a page: a sale (its document) or a Cost order (a received purchase document). */
export interface OrderRef {
  orderId: number;
  direction: 'Income' | 'Cost';
  documentId: number | null;
  purchaseDocumentId: number | null;
}

export interface OrderQueryResult {
  items: OrderRef[];
  total: number;
}

type Names = Pick<OrderQuery, 'typeNames' | 'otherTypeName'>;

/** One row of the orders the query reads: sales and Cost orders in the same columns. */
interface OrderRow {
  order_id: number;
  direction: string;
  document_id: number | null;
  purchase_document_id: number | null;
  doc_type: string | null;
  order_type: string;
  order_status: string;
  status: string;
  number: string | null;
  date: string | null;
  due_date: string | null;
  contact_id: number | null;
  net: string | null;
  tax: string | null;
  gross: string | null;
  paid: boolean;
  paid_date: string | null;
  currency: string | null;
  payment_reference: string | null;
  reference: string | null;
  customer_name: string | null;
  customer_tax_id: string | null;
  created_at: Date;
  updated_at: Date;
  is_sent: boolean;
  approval_status: string | null;
  accountant_verification_needed: boolean;
  invoiced: boolean | null;
  account_code: string | null;
  client_number: string | null;
}

type Eb = ExpressionBuilder<{ o: OrderRow }, 'o'>;

const COLUMN: Record<OrderQueryField, keyof OrderRow> = {
  id: 'order_id',
  direction: 'direction',
  type: 'doc_type',
  orderType: 'order_type',
  orderStatus: 'order_status',
  status: 'status',
  number: 'number',
  clientNumber: 'client_number',
  date: 'date',
  dueDate: 'due_date',
  contactId: 'contact_id',
  net: 'net',
  tax: 'tax',
  gross: 'gross',
  paid: 'paid',
  paidDate: 'paid_date',
  currency: 'currency',
  paymentReference: 'payment_reference',
  reference: 'reference',
  customerName: 'customer_name',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  isSent: 'is_sent',
  approvalStatus: 'approval_status',
  accountantVerificationNeeded: 'accountant_verification_needed',
  invoiced: 'invoiced',
  accountCode: 'account_code',
};

function column(eb: Eb, field: OrderQueryField, tz: string): Expression<unknown> {
  // Instants compare and sort on the vendor's wall clock.
  if (field === 'createdAt' || field === 'updatedAt') return sql`(${sql.ref(`o.${COLUMN[field]}`)} at time zone ${tz})`;
  return eb.ref(`o.${COLUMN[field]}`);
}

/** Sent: Billit's flag, or a Peppol or e-mail send the access point or SMTP server took. */
const sent = sql<boolean>`(coalesce(bo.is_sent, false) or exists (select 1 from peppol_transmissions pt
  where pt.account_id = d.account_id and pt.document_id = d.id and pt.status in ('sent', 'delivered')))`;

/**
 * The account's orders as one table: its sales documents of the order types (OrderID = document id), and its
 * received purchase documents as Cost orders (OrderID = purchase id + `costOffset`), each with Billit's bookkeeping
 * (billit_orders; no row there reads as the defaults of migration 0027). Orders Billit deleted are left out.
 */
function ordersTable(accountId: number, q: Names & { types: string[]; costOffset: number }) {
  const whens = Object.entries(q.typeNames).map(([t, name]) => sql`when ${t} then ${name}`);
  const types = q.types.length ? q.types : ['-'];
  return sql<OrderRow>`(
    select d.id::bigint as order_id, 'Income'::text as direction, d.id::bigint as document_id,
      null::bigint as purchase_document_id, d.doc_type::text as doc_type,
      coalesce(bo.order_type, case d.doc_type ${sql.join(whens, sql` `)} else ${q.otherTypeName}::text end)::text
        as order_type,
      (case when d.status = 'draft' then 'Draft' when d.status = 'cancelled' then 'Cancelled'
        when d.doc_type not in ('FT', 'NC', 'ND') then (case when ${sent} then 'Sent' else 'ToSend' end)
        when coalesce(bo.paid, d.paid) then 'Paid' when ${sent} then 'ToPay' else 'ToSend' end)::text as order_status,
      d.status::text as status, d.doc_no::text as number, d.doc_date::date as date, d.due_date::date as due_date,
      d.contact_id::bigint as contact_id, d.net_total::numeric as net, d.tax_total::numeric as tax,
      d.gross_total::numeric as gross, coalesce(bo.paid, d.paid) as paid, bo.paid_date as paid_date,
      d.currency::text as currency, d.payment_reference::text as payment_reference, d.reference::text as reference,
      (d.customer->>'name')::text as customer_name, (d.customer->>'taxId')::text as customer_tax_id,
      d.created_at as created_at, greatest(d.updated_at, bo.updated_at) as updated_at, ${sent} as is_sent,
      bo.approval_status::text as approval_status,
      coalesce(bo.accountant_verification_needed, false) as accountant_verification_needed,
      bo.invoiced as invoiced, bo.account_code::text as account_code, bo.order_number::text as client_number
    from documents d
    left join billit_orders bo on bo.document_id = d.id and bo.account_id = d.account_id
    where d.account_id = ${accountId} and d.doc_type in (${sql.join(types)}) and bo.deleted_at is null
    union all
    select (pd.id + ${q.costOffset}::bigint)::bigint, 'Cost'::text, null::bigint, pd.id::bigint, null::text,
      coalesce(bo.order_type, case when pd.type_code = '381' then 'CreditNote' else 'Invoice' end)::text,
      (case when coalesce(bo.paid, false) then 'Paid' else 'ToPay' end)::text,
      pd.status::text, pd.number::text, pd.issue_date::date, pd.due_date::date, null::bigint,
      pd.net_amount::numeric, pd.tax_amount::numeric, pd.gross_amount::numeric, coalesce(bo.paid, false),
      bo.paid_date, pd.currency::text, null::text, null::text, pd.supplier_name::text, pd.supplier_vat_id::text,
      pd.received_at, coalesce(pd.decided_at, bo.updated_at, pd.received_at), false,
      coalesce(bo.approval_status, case pd.status when 'accepted' then 'Approved' when 'refused' then 'Refused' end)::text,
      coalesce(bo.accountant_verification_needed, false), bo.invoiced, bo.account_code::text, null::text
    from purchase_documents pd
    left join billit_orders bo on bo.purchase_document_id = pd.id and bo.account_id = pd.account_id
    where pd.account_id = ${accountId} and bo.deleted_at is null
  )`.as('o');
}

const SQL_OP = { eq: '=', gt: '>', ge: '>=', lt: '<', le: '<=' } as const;

function condition(eb: Eb, c: OrderCondition, tz: string): Expression<SqlBool> {
  switch (c.kind) {
    case 'const':
      return c.value ? sql<SqlBool>`true` : sql<SqlBool>`false`;
    case 'and':
      return eb.and(c.all.map((x) => condition(eb, x, tz)));
    case 'or':
      return eb.or(c.any.map((x) => condition(eb, x, tz)));
    case 'not':
      return eb.not(condition(eb, c.cond, tz));
    case 'in':
      return c.values.length ? eb(column(eb, c.field, tz), 'in', c.values) : sql<SqlBool>`false`;
    case 'text': {
      const esc = c.value.replace(/[\\%_]/g, (m) => `\\${m}`);
      const like = c.fn === 'startswith' ? `${esc}%` : c.fn === 'endswith' ? `%${esc}` : `%${esc}%`;
      return eb(sql<string>`${column(eb, c.field, tz)}::text`, 'ilike', like);
    }
    case 'compare': {
      const col = column(eb, c.field, tz);
      if (c.value === null) return eb(col, c.op === 'ne' ? 'is not' : 'is', null);
      // `ne` keeps the rows where the value is absent (SQL's <> would drop them).
      if (c.op === 'ne') return eb(col, 'is distinct from', c.value);
      return eb(col, SQL_OP[c.op], c.value);
    }
  }
}

const escapeLike = (s: string) => `%${s.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

/**
 * One page of an account's orders, sales and Cost orders together, for a condition tree, several sort keys and an
 * offset: filtering, sorting and paging all happen in SQL, over both kinds at once (one count, one order, one id
 * tie-break), so pages never repeat or skip an order whatever its kind.
 */
export async function queryOrders(tx: Tx, accountId: number, q: OrderQuery): Promise<OrderQueryResult> {
  let base = tx.selectFrom(ordersTable(accountId, q));
  if (q.where) {
    const where = q.where;
    base = base.where((eb) => condition(eb, where, q.timeZone));
  }
  if (q.text?.trim()) {
    const like = escapeLike(q.text.trim());
    base = base.where((eb) =>
      eb.or([
        eb('o.number', 'ilike', like),
        eb('o.client_number', 'ilike', like),
        eb('o.reference', 'ilike', like),
        eb('o.customer_name', 'ilike', like),
        eb('o.customer_tax_id', 'ilike', like),
      ]),
    );
  }
  let rows = base.select(['o.order_id', 'o.direction', 'o.document_id', 'o.purchase_document_id']);
  for (const o of q.order ?? []) rows = rows.orderBy((eb) => column(eb, o.field, q.timeZone), o.dir);
  rows = rows.orderBy('o.order_id', q.order?.[q.order.length - 1]?.dir ?? 'asc');
  const items = await rows.limit(q.limit).offset(q.offset).execute();
  const count = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirst();
  return {
    items: items.map((r) => ({
      orderId: Number(r.order_id),
      direction: r.direction === 'Cost' ? 'Cost' : 'Income',
      documentId: r.document_id === null ? null : Number(r.document_id),
      purchaseDocumentId: r.purchase_document_id === null ? null : Number(r.purchase_document_id),
    })),
    total: Number(count?.n ?? 0),
  };
}
