import { sql } from 'kysely';
import type { Tx } from '../context.js';
import type { DocumentRow } from '../../infra/db/schema.js';
import { type Page, type PageRequest, paginate } from '../pagination.js';

export interface DocumentFilter {
  types?: string[];
  statuses?: string[];
  contactId?: number;
  seriesId?: number;
  storeId?: number;
  dateFrom?: string;
  dateTo?: string;
  dueFrom?: string;
  dueTo?: string;
  paid?: boolean;
  /** Net total (before taxes) bounds, inclusive. */
  netFrom?: string;
  netTo?: string;
  /** Gross total (taxes included) bounds, inclusive. */
  grossFrom?: string;
  grossTo?: string;
  text?: string;
  reference?: string;
  stateId?: number;
  /**
   * Finalized documents in these account document states are left out (as a quote's commercial state, accepted or
   * refused); drafts, cancelled documents and documents without a state are kept.
   */
  excludeStateIds?: number[];
  paymentMethodId?: number;
  /** Case-insensitive substring conditions on single columns, all of which must hold. */
  likes?: { field: 'doc_no' | 'vehicle_plate' | 'reference' | 'customer_name'; value: string }[];
  order?: {
    field:
      'doc_date' | 'id' | 'gross_total' | 'doc_no' | 'due_date' | 'system_entry_date' | 'at_code' | 'customer_name';
    dir: 'asc' | 'desc';
  };
}

const escapeLike = (s: string) => `%${s.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

export async function listDocuments(
  tx: Tx,
  accountId: number,
  f: DocumentFilter,
  page: PageRequest,
): Promise<Page<DocumentRow>> {
  let q = tx.selectFrom('documents').where('account_id', '=', accountId);
  if (f.types?.length) q = q.where('doc_type', 'in', f.types);
  if (f.statuses?.length) q = q.where('status', 'in', f.statuses as ('draft' | 'final' | 'cancelled')[]);
  if (f.contactId !== undefined) q = q.where('contact_id', '=', f.contactId);
  if (f.seriesId !== undefined) q = q.where('series_id', '=', f.seriesId);
  if (f.storeId !== undefined) q = q.where('store_id', '=', f.storeId);
  if (f.stateId !== undefined) q = q.where('state_id', '=', f.stateId);
  if (f.excludeStateIds?.length) {
    const ids = f.excludeStateIds;
    q = q.where((eb) =>
      eb.or([eb('status', '<>', 'final'), eb('state_id', 'is', null), eb('state_id', 'not in', ids)]),
    );
  }
  if (f.paymentMethodId !== undefined) q = q.where('payment_method_id', '=', f.paymentMethodId);
  if (f.dateFrom) q = q.where('doc_date', '>=', f.dateFrom);
  if (f.dateTo) q = q.where('doc_date', '<=', f.dateTo);
  if (f.dueFrom) q = q.where('due_date', '>=', f.dueFrom);
  if (f.dueTo) q = q.where('due_date', '<=', f.dueTo);
  if (f.paid !== undefined) q = q.where('paid', '=', f.paid);
  if (f.netFrom !== undefined) q = q.where('net_total', '>=', f.netFrom);
  if (f.netTo !== undefined) q = q.where('net_total', '<=', f.netTo);
  if (f.grossFrom !== undefined) q = q.where('gross_total', '>=', f.grossFrom);
  if (f.grossTo !== undefined) q = q.where('gross_total', '<=', f.grossTo);
  if (f.reference) q = q.where('reference', '=', f.reference);
  if (f.text) {
    const like = `%${f.text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('doc_no', 'ilike', like),
        eb('reference', 'ilike', like),
        eb('vehicle_plate', 'ilike', like),
        eb(sql<string>`customer->>'name'`, 'ilike', like),
      ]),
    );
  }
  for (const l of f.likes ?? []) {
    const like = escapeLike(l.value);
    q = q.where((eb) =>
      eb(l.field === 'customer_name' ? sql<string>`customer->>'name'` : eb.ref(l.field), 'ilike', like),
    );
  }
  const order = f.order ?? { field: 'id', dir: 'desc' };
  const orderBy = order.field === 'customer_name' ? sql`customer->>'name'` : sql.ref(order.field);
  return paginate(q.selectAll().orderBy(orderBy, order.dir).orderBy('id', order.dir), q, page);
}
