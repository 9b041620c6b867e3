import type { Tx } from '../context.js';

/** What Billit keeps of an order it created, besides the document itself. */
export interface OrderRecordInput {
  documentId: number;
  orderType: string;
  orderNumber?: string | null;
  paid?: boolean | null;
  /** `YYYY-MM-DDTHH:mm:ss`, local. */
  paidDate?: string | null;
  internalInfo?: string | null;
  orderPdfFileId?: string | null;
  attachmentFileIds?: string[];
}

/** Writes the billit_orders row of a sales order created through Billit (in the document's transaction). */
export async function recordOrder(tx: Tx, accountId: number, o: OrderRecordInput): Promise<void> {
  await tx
    .insertInto('billit_orders')
    .values({
      order_id: o.documentId,
      account_id: accountId,
      document_id: o.documentId,
      order_type: o.orderType,
      order_direction: 'Income',
      order_number: o.orderNumber ?? null,
      paid: o.paid ?? null,
      paid_date: o.paidDate ?? null,
      internal_info: o.internalInfo ?? null,
      order_pdf_file_id: o.orderPdfFileId ?? null,
      attachment_file_ids: JSON.stringify(o.attachmentFileIds ?? []),
    })
    .execute();
}
