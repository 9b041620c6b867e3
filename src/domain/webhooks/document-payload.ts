import type { IssuedDocument } from '../documents/issued-document.js';

/**
 * What of a document can change after it is issued, as it was when an event happened: the event records it in
 * the emitting transaction, so a `document.settled` shows the balance that settlement left even when the event
 * is dispatched after a later receipt.
 */
export interface DocumentEventState {
  id: number;
  status: string;
  openBalance: string;
  paid: boolean;
  cancelReason: string | null;
}

/** `data.document` of a webhook event: the issued document's fields with its state when the event happened. */
export interface WebhookDocument {
  id: number;
  type: string;
  number: string | null;
  status: string;
  date: string;
  dueDate: string | null;
  contactId: number | null;
  customer: { name: string | null; taxId: string | null; email: string | null };
  currency: string;
  grossTotal: string;
  payableTotal: string;
  openBalance: string;
  paid: boolean;
  atcud: string | null;
  reference: string | null;
  cancelReason: string | null;
}

export function webhookDocument(doc: IssuedDocument, state: DocumentEventState): WebhookDocument {
  const c = doc.customer.snapshot;
  return {
    id: doc.id,
    type: doc.type,
    number: doc.number,
    status: state.status,
    date: doc.date,
    dueDate: doc.dueDate,
    contactId: doc.customer.contactId,
    customer: { name: c.name ?? null, taxId: c.taxId ?? null, email: c.email ?? null },
    currency: doc.currency,
    grossTotal: doc.totals.gross,
    payableTotal: doc.totals.payable,
    openBalance: state.openBalance,
    paid: state.paid,
    atcud: doc.atcud,
    reference: doc.reference,
    cancelReason: state.cancelReason,
  };
}
