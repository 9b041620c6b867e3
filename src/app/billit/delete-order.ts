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
  // One read: the document (locked), Billit's flags of it, and whether any e-mail or Peppol send exists.
  const doc = await tx
    .selectFrom('documents as d')
    .leftJoin('billit_orders as o', (j) =>
      j.onRef('o.account_id', '=', 'd.account_id').onRef('o.document_id', '=', 'd.id'),
    )
    .select((eb) => [
      'd.status',
      'd.doc_no',
      'd.doc_type',
      'o.is_sent',
      'o.deleted_at',
      eb
        .or([
          eb.exists(
            eb
              .selectFrom('emails as e')
              .select('e.id')
              .whereRef('e.account_id', '=', 'd.account_id')
              .whereRef('e.document_id', '=', 'd.id'),
          ),
          eb.exists(
            eb
              .selectFrom('peppol_transmissions as t')
              .select('t.id')
              .whereRef('t.account_id', '=', 'd.account_id')
              .whereRef('t.document_id', '=', 'd.id'),
          ),
        ])
        .as('delivered'),
    ])
    .where('d.account_id', '=', ctx.accountId)
    .where('d.id', '=', documentId)
    .forUpdate('d')
    .executeTakeFirst();
  if (!doc || doc.deleted_at) throw notFound('document', documentId);
  if (doc.is_sent || doc.delivered)
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
