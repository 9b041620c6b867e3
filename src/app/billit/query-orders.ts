import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { DB, DocumentRow } from '../../infra/db/schema.js';
import type { Tx } from '../context.js';

/**
 * What a Billit order list may filter or sort on: the document's own facts, and the bookkeeping Billit keeps on an
 * order (billit_orders; a document without a row there has the defaults of migration 0027).
 */
export type OrderQueryField =
  | 'id'
  | 'type'
  | 'orderType'
  | 'orderStatus'
  | 'status'
  | 'number'
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

export interface OrderQueryResult {
  items: DocumentRow[];
  total: number;
}

type Names = Pick<OrderQuery, 'typeNames' | 'otherTypeName'>;

type Eb = ExpressionBuilder<DB & { bo: DB['billit_orders'] }, 'documents' | 'bo'>;

function column(eb: Eb, field: OrderQueryField, tz: string, q: Names): Expression<unknown> {
  switch (field) {
    case 'id':
      return eb.ref('documents.id');
    case 'type':
      return eb.ref('documents.doc_type');
    case 'orderStatus':
      // Billit's OrderStatus as the order view shows it: Draft, Cancelled; a commercial document Sent or ToSend; an
      // invoice or note Paid, else ToPay once sent, else ToSend.
      return sql`case when documents.status = 'draft' then 'Draft' when documents.status = 'cancelled' then 'Cancelled'
        when documents.doc_type not in ('FT', 'NC', 'ND') then (case when ${sent} then 'Sent' else 'ToSend' end)
        when coalesce(bo.paid, documents.paid) then 'Paid' when ${sent} then 'ToPay' else 'ToSend' end`;
    case 'orderType': {
      const whens = Object.entries(q.typeNames).map(([t, name]) => sql`when ${t} then ${name}`);
      return sql`coalesce(bo.order_type, case documents.doc_type ${sql.join(whens, sql` `)} else ${q.otherTypeName} end)`;
    }
    case 'status':
      return eb.ref('documents.status');
    case 'number':
      return eb.ref('documents.doc_no');
    case 'date':
      return eb.ref('documents.doc_date');
    case 'dueDate':
      return eb.ref('documents.due_date');
    case 'contactId':
      return eb.ref('documents.contact_id');
    case 'net':
      return eb.ref('documents.net_total');
    case 'tax':
      return eb.ref('documents.tax_total');
    case 'gross':
      return eb.ref('documents.gross_total');
    case 'paid':
      return sql`coalesce(bo.paid, documents.paid)`;
    case 'paidDate':
      return eb.ref('bo.paid_date');
    case 'currency':
      return eb.ref('documents.currency');
    case 'paymentReference':
      return eb.ref('documents.payment_reference');
    case 'reference':
      return eb.ref('documents.reference');
    case 'customerName':
      return sql`documents.customer->>'name'`;
    case 'createdAt':
      return sql`(documents.created_at at time zone ${tz})`;
    case 'updatedAt':
      return sql`(greatest(documents.updated_at, bo.updated_at) at time zone ${tz})`;
    case 'isSent':
      return sent;
    case 'approvalStatus':
      return eb.ref('bo.approval_status');
    case 'accountantVerificationNeeded':
      return sql`coalesce(bo.accountant_verification_needed, false)`;
    case 'invoiced':
      return eb.ref('bo.invoiced');
    case 'accountCode':
      return eb.ref('bo.account_code');
  }
}

/** Sent: Billit's flag, or a Peppol or e-mail send the access point or SMTP server took. */
const sent = sql<boolean>`(coalesce(bo.is_sent, false) or exists (select 1 from peppol_transmissions pt
  where pt.account_id = documents.account_id and pt.document_id = documents.id and pt.status in ('sent', 'delivered')))`;

const SQL_OP = { eq: '=', gt: '>', ge: '>=', lt: '<', le: '<=' } as const;

function condition(eb: Eb, c: OrderCondition, tz: string, q: Names): Expression<SqlBool> {
  switch (c.kind) {
    case 'const':
      return c.value ? sql<SqlBool>`true` : sql<SqlBool>`false`;
    case 'and':
      return eb.and(c.all.map((x) => condition(eb, x, tz, q)));
    case 'or':
      return eb.or(c.any.map((x) => condition(eb, x, tz, q)));
    case 'not':
      return eb.not(condition(eb, c.cond, tz, q));
    case 'in':
      return c.values.length ? eb(column(eb, c.field, tz, q), 'in', c.values) : sql<SqlBool>`false`;
    case 'text': {
      const esc = c.value.replace(/[\\%_]/g, (m) => `\\${m}`);
      const like = c.fn === 'startswith' ? `${esc}%` : c.fn === 'endswith' ? `%${esc}` : `%${esc}%`;
      return eb(sql<string>`${column(eb, c.field, tz, q)}::text`, 'ilike', like);
    }
    case 'compare': {
      const col = column(eb, c.field, tz, q);
      if (c.value === null) return eb(col, c.op === 'ne' ? 'is not' : 'is', null);
      // `ne` keeps the rows where the value is absent (SQL's <> would drop them).
      if (c.op === 'ne') return eb(col, 'is distinct from', c.value);
      return eb(col, SQL_OP[c.op], c.value);
    }
  }
}

const escapeLike = (s: string) => `%${s.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

/**
 * One page of an account's orders for a condition tree, several sort keys and an offset: filtering, sorting and
 * paging all happen in SQL. Orders Billit deleted (a cancelled, never-sent invoice) are left out.
 */
export async function queryOrders(tx: Tx, accountId: number, q: OrderQuery): Promise<OrderQueryResult> {
  let base = tx
    .selectFrom('documents')
    .leftJoin('billit_orders as bo', (j) =>
      j.onRef('bo.document_id', '=', 'documents.id').onRef('bo.account_id', '=', 'documents.account_id'),
    )
    .where('documents.account_id', '=', accountId)
    .where('documents.doc_type', 'in', q.types.length ? q.types : ['-'])
    .where('bo.deleted_at', 'is', null);
  if (q.where) {
    const where = q.where;
    base = base.where((eb) => condition(eb as Eb, where, q.timeZone, q));
  }
  if (q.text?.trim()) {
    const like = escapeLike(q.text.trim());
    base = base.where((eb) =>
      eb.or([
        eb('documents.doc_no', 'ilike', like),
        eb('documents.reference', 'ilike', like),
        eb(sql<string>`documents.customer->>'name'`, 'ilike', like),
        eb(sql<string>`documents.customer->>'taxId'`, 'ilike', like),
      ]),
    );
  }
  let rows = base.selectAll('documents');
  for (const o of q.order ?? []) rows = rows.orderBy((eb) => column(eb as Eb, o.field, q.timeZone, q), o.dir);
  rows = rows.orderBy('documents.id', q.order?.[q.order.length - 1]?.dir ?? 'asc');
  const items = await rows.limit(q.limit).offset(q.offset).execute();
  const count = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirst();
  return { items: items as DocumentRow[], total: Number(count?.n ?? 0) };
}
