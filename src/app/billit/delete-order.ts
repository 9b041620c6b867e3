import { DomainError, notFound } from '../../domain/errors.js';
import type { Ctx, Tx } from '../context.js';
import { cancelDocument } from '../documents/cancel-document.js';
import { deleteDraft } from '../documents/delete-draft.js';
import { saveOrderFlags } from './save-order-flags.js';

/** The cancellation reason written on an issued order Billit deleted (kept in SAF-T and the document's history). */
export const DELETE_REASON = 'Deleted through the Billit API before it was sent.';

/**
 * Billit's DELETE of an order, allowed only before it was sent (Billit refuses it after the Peppol send). A draft
 * has no number and is deleted. An issued order is never erased: its number must stay in the gapless sequence
 * (NOTE: Belgian VAT Code art. 53 §2 and Royal Decree no. 1 art. 5 — invoices are numbered in one continuous
 * series; Portugal: D8632 §3.3.5), so it is cancelled (status A in SAF-T, the number kept) and Billit shows it as
 * deleted. Either way the order is listed by GET /v1/orders/deleted and left out of the orders list.
 */
export async function deleteOrder(
  tx: Tx,
  ctx: Ctx,
  documentId: number,
  /** Billit's OrderType of a document type (kept when the order's row is first written). */
  orderType: (docType: string) => string,
): Promise<'deleted' | 'cancelled'> {
  const doc = await tx
    .selectFrom('documents')
    .select(['status', 'doc_no', 'doc_type'])
    .where('account_id', '=', ctx.accountId)
    .where('id', '=', documentId)
    .forUpdate()
    .executeTakeFirst();
  if (!doc) throw notFound('document', documentId);
  const order = await tx
    .selectFrom('billit_orders')
    .select(['is_sent', 'deleted_at'])
    .where('account_id', '=', ctx.accountId)
    .where('document_id', '=', documentId)
    .executeTakeFirst();
  if (order?.deleted_at) throw notFound('document', documentId);
  const emailed = await tx
    .selectFrom('emails')
    .select('id')
    .where('account_id', '=', ctx.accountId)
    .where('document_id', '=', documentId)
    .executeTakeFirst();
  const transmitted = await tx
    .selectFrom('peppol_transmissions')
    .select('id')
    .where('account_id', '=', ctx.accountId)
    .where('document_id', '=', documentId)
    .executeTakeFirst();
  if (order?.is_sent || emailed || transmitted)
    throw new DomainError(
      'document_not_deletable',
      `${doc.doc_no ?? `Order ${documentId}`} was sent and can no longer be deleted.`,
    );

  // The row is written first: for a draft, deleting the document then leaves it as the order's tombstone.
  await saveOrderFlags(tx, ctx.accountId, documentId, orderType(doc.doc_type), { deleted: true });
  if (doc.status === 'draft') {
    await deleteDraft(tx, ctx.accountId, documentId);
    return 'deleted';
  }
  if (doc.status === 'final') await cancelDocument(tx, ctx, documentId, DELETE_REASON);
  return 'cancelled';
}
