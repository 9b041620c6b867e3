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
  text?: string;
  reference?: string;
  stateId?: number;
  paymentMethodId?: number;
  order?: { field: 'doc_date' | 'id' | 'gross_total' | 'doc_no' | 'due_date' | 'system_entry_date' | 'at_code'; dir: 'asc' | 'desc' };
}

export async function listDocuments(tx: Tx, accountId: number, f: DocumentFilter, page: PageRequest): Promise<Page<DocumentRow>> {
  let q = tx.selectFrom('documents').where('account_id', '=', accountId);
  if (f.types?.length) q = q.where('doc_type', 'in', f.types);
  if (f.statuses?.length) q = q.where('status', 'in', f.statuses as ('draft' | 'final' | 'cancelled')[]);
  if (f.contactId !== undefined) q = q.where('contact_id', '=', f.contactId);
  if (f.seriesId !== undefined) q = q.where('series_id', '=', f.seriesId);
  if (f.storeId !== undefined) q = q.where('store_id', '=', f.storeId);
  if (f.stateId !== undefined) q = q.where('state_id', '=', f.stateId);
  if (f.paymentMethodId !== undefined) q = q.where('payment_method_id', '=', f.paymentMethodId);
  if (f.dateFrom) q = q.where('doc_date', '>=', f.dateFrom);
  if (f.dateTo) q = q.where('doc_date', '<=', f.dateTo);
  if (f.dueFrom) q = q.where('due_date', '>=', f.dueFrom);
  if (f.dueTo) q = q.where('due_date', '<=', f.dueTo);
  if (f.paid !== undefined) q = q.where('paid', '=', f.paid);
  if (f.reference) q = q.where('reference', '=', f.reference);
  if (f.text) {
    const like = `%${f.text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    q = q.where((eb) => eb.or([eb('doc_no', 'ilike', like), eb('reference', 'ilike', like), eb('vehicle_plate', 'ilike', like),
      eb(sql<string>`customer->>'name'`, 'ilike', like)]));
  }
  const order = f.order ?? { field: 'id', dir: 'desc' };
  return paginate(q.selectAll().orderBy(order.field, order.dir).orderBy('id', order.dir), q, page);
}
