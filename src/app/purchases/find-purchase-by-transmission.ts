import type { Tx } from '../context.js';
import { getPurchaseDocument } from './get-purchase-document.js';
import type { PurchaseDocumentView } from './purchase-view.js';

/**
 * The document already stored for a transmission, or null: a second delivery of it (a push retried by the gateway,
 * an inbox item offered again) is answered without reading or validating it again.
 */
export async function findPurchaseByTransmission(
  tx: Tx,
  accountId: number,
  transmissionId: string | null | undefined,
): Promise<PurchaseDocumentView | null> {
  if (!transmissionId) return null;
  const row = await tx
    .selectFrom('purchase_documents')
    .select('id')
    .where('account_id', '=', accountId)
    .where('transmission_id', '=', transmissionId)
    .executeTakeFirst();
  return row ? getPurchaseDocument(tx, accountId, Number(row.id)) : null;
}
