import type { Tx } from '../context.js';
import { emitEvents } from '../webhooks/emit-events.js';
import { getPurchaseDocument } from './get-purchase-document.js';
import type { PurchaseDocumentView } from './purchase-view.js';
import type { ReceivedEinvoice } from './receive-einvoice.js';

export interface PurchaseDocumentOrigin {
  source: 'peppol' | 'upload' | 'dialect';
  /** The access point's id: a second fetch or push of it is the same document (nothing stored twice). */
  transmissionId?: string | null;
  /** Peppol participant ids (`scheme:value`); else the e-invoice's own endpoint ids. */
  sender?: string | null;
  receiver?: string | null;
  receivedAt: Date;
}

/**
 * Stores a received e-invoice as a purchase document of the account (the entry point of every surface that
 * receives one: the Peppol push and pull, the Billit dialect) and emits `purchase.received` in the same
 * transaction. A transmission already stored is not stored again: `created` is false and the first one is
 * returned.
 */
export async function recordPurchaseDocument(
  tx: Tx,
  accountId: number,
  received: ReceivedEinvoice,
  origin: PurchaseDocumentOrigin,
): Promise<{ created: boolean; document: PurchaseDocumentView }> {
  const f = received.facts;
  const transmissionId = origin.transmissionId || null;
  const inserted = await tx
    .insertInto('purchase_documents')
    .values({
      account_id: accountId,
      source: origin.source,
      transmission_id: transmissionId,
      sender_id: origin.sender ?? f.supplierEndpoint,
      receiver_id: origin.receiver ?? f.buyerEndpoint,
      syntax: f.syntax,
      type_code: f.typeCode,
      supplier_name: f.supplierName,
      supplier_vat_id: f.supplierVatId,
      number: f.number,
      issue_date: f.issueDate,
      due_date: f.dueDate,
      currency: f.currency,
      net_amount: f.totals.net,
      tax_amount: f.totals.tax,
      gross_amount: f.totals.gross,
      payable_amount: f.totals.payable,
      xml: received.xml,
      pdf: f.pdf?.bytes ?? null,
      pdf_filename: f.pdf?.filename ?? null,
      validation: JSON.stringify(received.validation),
      received_at: origin.receivedAt.toISOString(),
    })
    .onConflict((oc) =>
      oc.columns(['account_id', 'transmission_id']).where('transmission_id', 'is not', null).doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  if (!inserted) {
    const first = await tx
      .selectFrom('purchase_documents')
      .select('id')
      .where('account_id', '=', accountId)
      .where('transmission_id', '=', transmissionId)
      .executeTakeFirstOrThrow();
    return { created: false, document: await getPurchaseDocument(tx, accountId, Number(first.id)) };
  }
  const document = await getPurchaseDocument(tx, accountId, Number(inserted.id));
  await emitEvents(tx, accountId, [{ type: 'purchase.received', data: { purchaseDocument: document } }]);
  return { created: true, document };
}
