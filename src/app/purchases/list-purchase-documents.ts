import { sql } from 'kysely';
import type { PurchaseDocumentStatus } from '../../infra/db/schema.js';
import type { Tx } from '../context.js';
import { paginate, type Page, type PageRequest } from '../pagination.js';
import { purchaseView, VIEW_COLUMNS, type PurchaseDocumentView } from './purchase-view.js';

export interface PurchaseFilter {
  statuses?: PurchaseDocumentStatus[];
  /** The sender's participant id (`0208:…`), exactly. */
  sender?: string;
  /** Received on or after / on or before (YYYY-MM-DD, UTC). */
  receivedFrom?: string;
  receivedTo?: string;
}

/** The account's received documents, newest first. */
export async function listPurchaseDocuments(
  tx: Tx,
  accountId: number,
  f: PurchaseFilter,
  page: PageRequest,
): Promise<Page<PurchaseDocumentView>> {
  let base = tx.selectFrom('purchase_documents').where('account_id', '=', accountId);
  if (f.statuses?.length) base = base.where('status', 'in', f.statuses);
  if (f.sender) base = base.where('sender_id', '=', f.sender);
  if (f.receivedFrom)
    base = base.where('received_at', '>=', sql<string>`${f.receivedFrom}::date::timestamp AT TIME ZONE 'UTC'`);
  if (f.receivedTo)
    base = base.where('received_at', '<', sql<string>`(${f.receivedTo}::date + 1)::timestamp AT TIME ZONE 'UTC'`);
  const rows = base
    .select([...VIEW_COLUMNS, sql<boolean>`pdf IS NOT NULL`.as('has_pdf')])
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc');
  const result = await paginate(rows, base, page);
  return { ...result, items: result.items.map(purchaseView) };
}
