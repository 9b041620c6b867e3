/**
 * The events an account can subscribe webhook endpoints to. Every payload is
 * `{ id, type, createdAt, accountId, data }`; document events carry `data.document`: the issued document
 * (document-payload.ts) with its status and balance as they were when the event happened (in the same transaction).
 */
export const WEBHOOK_EVENTS = {
  'document.finalized': 'A document was finalized: numbered, signed, with ATCUD (data.document).',
  'document.cancelled': 'A finalized document was cancelled; it keeps its number (data.document, data.reason).',
  'document.settled':
    'A receipt settled part or all of a document (data.document with the new openBalance, data.settlement).',
  'document.paid':
    'A document’s open balance reached zero through receipts or credit notes (data.document, data.paidBy). ' +
    'Documents paid on issue (FR, FS) report paid=true in document.finalized instead.',
  'email.delivered': 'The SMTP server accepted an e-mail (data.email, data.document).',
  'email.failed': 'An e-mail was given up: refused for good or out of attempts (data.email, data.document).',
  'at.communication.succeeded':
    'AT accepted a communication: a transport document, an invoice, a series (data.communication, data.document).',
  'at.communication.failed':
    'AT refused a communication, or it ran out of attempts (data.communication, data.document).',
  'document.peppol.queued':
    'A document was queued for Peppol delivery (data.document, data.transmission: transport, receiver, status).',
  'document.peppol.sent':
    'The access point took the document (data.transmission.transmissionId), or it went by e-mail because the receiver is not on Peppol (transport email).',
  'document.peppol.delivered': 'The receiver’s access point has the document (data.document, data.transmission).',
  'document.peppol.refused':
    'The send was refused for good: invalid document, receiver refuses it, or not on Peppol with strict transport (data.transmission.reason).',
  'document.peppol.failed': 'The send ran out of attempts on transport faults (data.transmission.reason).',
  'purchase.received':
    'An e-invoice was received and stored (Peppol push or pull, upload): data.purchaseDocument, with its validation.',
} as const;

export type WebhookEventType = keyof typeof WEBHOOK_EVENTS;

export const WEBHOOK_EVENT_TYPES = Object.keys(WEBHOOK_EVENTS) as WebhookEventType[];

export function isWebhookEventType(v: unknown): v is WebhookEventType {
  return typeof v === 'string' && Object.hasOwn(WEBHOOK_EVENTS, v);
}
