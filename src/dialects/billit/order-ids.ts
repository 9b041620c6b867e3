/**
 * Billit's OrderID is one global integer for sales (Income) and purchases (Cost). A sales order's is its document's
 * id; a Cost order (a received purchase document) is its purchase document's id plus this offset, so both kinds
 * share one id space without a shared sequence (ids of documents stay far below it).
 */
export const COST_ORDER_OFFSET = 1_000_000_000_000;

export const costOrderId = (purchaseDocumentId: number): number => COST_ORDER_OFFSET + purchaseDocumentId;

/** The purchase document of a Cost OrderID, or undefined for a sales OrderID. */
export function purchaseIdOf(orderId: number): number | undefined {
  return orderId > COST_ORDER_OFFSET ? orderId - COST_ORDER_OFFSET : undefined;
}
