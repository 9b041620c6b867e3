import type { Tx } from '../context.js';

/** Writes the billit_orders row of a Cost order: a purchase document recorded through Billit's POST /v1/orders. */
export async function recordCostOrder(
  tx: Tx,
  accountId: number,
  o: {
    orderId: number;
    purchaseDocumentId: number;
    orderType: string;
    attachmentFileIds: string[];
    internalInfo?: string | null;
  },
): Promise<void> {
  await tx
    .insertInto('billit_orders')
    .values({
      order_id: o.orderId,
      account_id: accountId,
      purchase_document_id: o.purchaseDocumentId,
      order_type: o.orderType,
      order_direction: 'Cost',
      internal_info: o.internalInfo ?? null,
      attachment_file_ids: JSON.stringify(o.attachmentFileIds),
    })
    // No target: DO NOTHING then covers every unique index (order_id and billit_orders_purchase), so two first
    // records of the same purchase at once leave one row instead of a 23505.
    .onConflict((oc) => oc.doNothing())
    .execute();
}
