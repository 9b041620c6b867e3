import type { DocumentView } from '../../../app/documents/get-document.js';
import type { IxDocType } from '../doc-types.js';
import { ixDate } from '../input.js';
import { type DocumentViewContext, documentView, ixAmount } from './document.js';

/** Receipts are not among the document types clients create; they are shown as documents under the `receipt` root. */
export const IX_RECEIPT_TYPE: IxDocType = {
  path: 'receipts',
  core: 'RG',
  family: 'invoice',
  requestRoot: 'receipt',
  root: 'receipt',
  genericRoot: 'receipt',
  type: 'Receipt',
};

export interface ReceiptExtras {
  /** The SAF-T code of the receipt's payment method (CC, TB, NU…), if it has one. */
  paymentMechanism: string | null;
}

/** A receipt as InvoiceXpress shows it: the document shape plus what the payment settled. */
export function receiptView(v: DocumentView, ctx: DocumentViewContext, extras: ReceiptExtras) {
  const d = v.doc;
  const settled = v.settlements;
  return {
    ...documentView(v, ctx, IX_RECEIPT_TYPE),
    owner_invoice_id: settled[0]?.documentId ?? null,
    related_documents_count: settled.length,
    payment_mechanism: extras.paymentMechanism,
    payment_date: ixDate(d.doc_date),
    amount: ixAmount(d.gross_total, ctx.format),
    note: d.observations ?? '',
    serie: v.seriesCode,
  };
}

export type IxReceiptBody = ReturnType<typeof receiptView>;

/**
 * The answer of a payment: the receipt under `receipt` (InvoiceXpress's docs and most clients), and the payment
 * summary under `partial_payment` (go-invoicexpress decodes that root; its id is the receipt's, which cancels it).
 */
export function paymentBody(r: IxReceiptBody) {
  return {
    receipt: r,
    partial_payment: {
      id: r.id,
      amount: r.amount,
      payment_date: r.payment_date,
      payment_mechanism: r.payment_mechanism,
      note: r.note,
      serie: r.serie,
    },
  };
}
