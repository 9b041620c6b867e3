import { DomainError } from '../../domain/errors.js';
import type { Tx } from '../context.js';
import { getPurchaseDocument } from '../purchases/get-purchase-document.js';
import type { PurchaseDocumentView } from '../purchases/purchase-view.js';
import { NO_TRACKING, orderTrackingOf, type OrderTracking } from './load-orders.js';

/** A Cost order: a purchase document of the account with Billit's bookkeeping of it. */
export interface CostOrderRecord {
  orderId: number;
  purchase: PurchaseDocumentView;
  tracking: OrderTracking;
}

/** The Cost order of a purchase document of the account, or undefined (another account's, or none). */
export async function loadCostOrder(
  tx: Tx,
  accountId: number,
  orderId: number,
  purchaseDocumentId: number,
): Promise<CostOrderRecord | undefined> {
  let purchase: PurchaseDocumentView;
  try {
    purchase = await getPurchaseDocument(tx, accountId, purchaseDocumentId);
  } catch (err) {
    if (err instanceof DomainError && err.code === 'not_found') return undefined;
    throw err;
  }
  const r = await tx
    .selectFrom('billit_orders')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('purchase_document_id', '=', purchaseDocumentId)
    .executeTakeFirst();
  return {
    orderId,
    purchase,
    // A Cost order has no OrderNumber or order PDF of its own: those stay at their defaults.
    tracking: r ? { ...orderTrackingOf(r), orderNumber: null, orderPdfFileId: null } : NO_TRACKING,
  };
}
