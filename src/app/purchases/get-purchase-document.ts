import { sql } from 'kysely';
import { DomainError } from '../../domain/errors.js';
import type { Tx } from '../context.js';
import { purchaseView, VIEW_COLUMNS, type PurchaseDocumentView } from './purchase-view.js';

export const purchaseNotFound = (id: number) =>
  new DomainError('not_found', `Received document ${id} not found.`, [], { id });

/** One received document of the account (another account's id: not found). */
export async function getPurchaseDocument(tx: Tx, accountId: number, id: number): Promise<PurchaseDocumentView> {
  const row = await tx
    .selectFrom('purchase_documents')
    .select([...VIEW_COLUMNS, sql<boolean>`pdf IS NOT NULL`.as('has_pdf')])
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw purchaseNotFound(id);
  return purchaseView(row);
}
